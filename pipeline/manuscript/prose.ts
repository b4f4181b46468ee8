// Prose view of a chapter: the natural-language tree (nlcst) that retext works on, with
// positions into the Markdown source. Memoised per mdast tree because several rules read it.
import type {Root} from 'mdast'
import {toNlcst} from 'mdast-util-to-nlcst'
import type {Root as NlcstRoot} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import type {VFile} from 'vfile'

const memo = new WeakMap<Root, NlcstRoot>()

/** Code, frontmatter and raw HTML are not prose; tables are ignored by mdast-util-to-nlcst itself. */
const ignore = ['code', 'yaml', 'html']

export function prose(tree: Root, file: VFile): NlcstRoot {
  let result = memo.get(tree)
  if (!result) {
    result = toNlcst(tree, file, ParseEnglish, {ignore}) as NlcstRoot
    memo.set(tree, result)
  }
  return result
}
