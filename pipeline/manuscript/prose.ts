// Prose view of a chapter: the natural-language tree (nlcst) that retext works on, with
// positions into the Markdown source. Built afresh on each call, not memoised: the manuscript
// rules each read every chapter once, and keeping the trees for all chapters held about
// 700 MB for a million words without saving time (see pipeline/bench/RESULTS.md).
import type {Root} from 'mdast'
import {toNlcst} from 'mdast-util-to-nlcst'
import type {Root as NlcstRoot} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

/**
 * Which Markdown is prose, for every rule that reads words (remark-retext and the manuscript
 * rules alike). Code, frontmatter and raw HTML are not prose; tables are ignored by
 * mdast-util-to-nlcst itself. An image stands in the sentence as one opaque piece, as inline
 * code does: its alt text is a description, not words of the sentence (`good ![good](a.png)`
 * is no repeated word), and the words on either side of it are not next to each other.
 */
export const proseOptions = {ignore: ['code', 'yaml', 'html'], source: ['image', 'imageReference']}

/** Callers that read one chapter's prose more than once should keep the result themselves. */
export function prose(tree: Root, file: VFile): NlcstRoot {
  keepLineSpaces(tree, file)
  return toNlcst(tree, file, ParseEnglish, proseOptions) as NlcstRoot
}

/**
 * mdast-util-to-nlcst places each word by its offset in its text node's value, but micromark
 * drops the spaces around a line break inside a paragraph (`market \nand` has the value
 * `market\nand`): every such space would move the words after it one column to the left. So
 * the spaces are put back from the source, where the value and the source differ by nothing
 * else; a text node with escapes or entities around a line break keeps its value. Idempotent.
 */
export function keepLineSpaces(tree: Root, file: VFile): void {
  const source = String(file.value)
  visit(tree, 'text', (node) => {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined || !node.value.includes('\n')) return
    const written = source.slice(start, end)
    if (written !== node.value) node.value = withSpacesOf(node.value, written) ?? node.value
  })
}

/** `value` with the spaces and tabs that `written` has around its line breaks, or undefined if they differ otherwise. */
function withSpacesOf(value: string, written: string): string | undefined {
  let out = ''
  let at = 0
  for (let index = 0; index < written.length; index++) {
    const char = written[index]!
    if (char === value[at]) {
      out += char
      at++
    } else if ((char === ' ' || char === '\t') && (value[at] === '\n' || value[at] === '\r' || value[at - 1] === '\n')) {
      out += char
    } else return undefined
  }
  return at === value.length ? out : undefined
}
