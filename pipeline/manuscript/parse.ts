// The one Markdown parser of the project: CommonMark + GFM + YAML frontmatter + the generic
// directives Galley knows. Checks, editions and revisions all parse through here so they see the
// same tree.
import type {Root} from 'mdast'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {remarkKnownDirectives} from './directives.ts'

export const parser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkDirective)
  .use(remarkKnownDirectives)
  .freeze()

export function parse(file: VFile): Root {
  return parser.parse(file)
}
