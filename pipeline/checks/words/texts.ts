// The Markdown text nodes that are prose, for the rules that read marks and numbers from the
// source itself: never code, raw HTML, frontmatter or a URL written as its own link text, and
// only nodes whose value is their source, so that offsets in the value are offsets in the file.
import type {Link, Nodes, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

/** A link whose text is its own address (an autolink, `https://…`, `x@y.org`): no words of the language. */
export function isAddress(node: Link): boolean {
  const text = toString(node)
  return text === node.url || `mailto:${text}` === node.url || /^(?:https?:|www\.)/i.test(text)
}

/**
 * Calls `each` with every prose text node's value and its offset in the file. `skip` leaves out
 * more: a heading's number is its label, so the number rule skips headings and every link.
 */
export function eachProseText(
  tree: Root,
  file: VFile,
  each: (value: string, offset: number) => void,
  skip: (node: Nodes) => boolean = () => false
): void {
  const source = String(file.value)
  visit(tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return SKIP
    if ((node.type === 'link' && isAddress(node)) || skip(node)) return SKIP
    if (node.type !== 'text') return undefined
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    // A text node whose value differs from its source (an escape, an entity) has no offsets to trust.
    if (start !== undefined && end !== undefined && source.slice(start, end) === node.value) each(node.value, start)
    return undefined
  })
}
