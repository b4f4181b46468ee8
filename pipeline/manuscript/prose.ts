// Prose view of a chapter: the natural-language tree (nlcst) that retext works on, with
// positions into the Markdown source. Built afresh on each call, not memoised: the manuscript
// rules each read every chapter once, and keeping the trees for all chapters held about
// 700 MB for a million words without saving time (see pipeline/bench/RESULTS.md).
import type {Root} from 'mdast'
import {toNlcst} from 'mdast-util-to-nlcst'
import type {Root as NlcstRoot} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import type {VFile} from 'vfile'

/** Code, frontmatter and raw HTML are not prose; tables are ignored by mdast-util-to-nlcst itself. */
const ignore = ['code', 'yaml', 'html']

/** Callers that read one chapter's prose more than once should keep the result themselves. */
export function prose(tree: Root, file: VFile): NlcstRoot {
  return toNlcst(tree, file, ParseEnglish, {ignore}) as NlcstRoot
}
