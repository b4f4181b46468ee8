// Raw HTML that hides the text after it. An element whose content is removed whole by the
// editions' sanitiser (a <template>, <textarea>, <script>…) takes in everything up to its
// closing tag; left open, that is the rest of the chapter. An HTML comment left open does the
// same in the Markdown parser itself. The check reports each one (`unclosed-html`), and the
// editions drop the opening tag so the text after it is kept: one finding, one decision.
import type {Html, Root, RootContent} from 'mdast'
import {SKIP, visit} from 'unist-util-visit'
import {parser} from './parse.ts'

/**
 * The elements whose content the editions remove with them (their sanitiser's `strip` list);
 * an unclosed one of any other element keeps its text and costs nothing.
 */
export const swallowing = [
  'applet',
  'embed',
  'frame',
  'frameset',
  'iframe',
  'math',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'script',
  'style',
  'svg',
  'template',
  'textarea',
  'title',
  'xmp'
]

export interface Unclosed {
  node: Html
  /** The element's name, or `!--` for a comment. */
  name: string
  /** Where the opening tag starts and ends in `node.value`. */
  start: number
  end: number
}

const tag = new RegExp(`<!--|<(/?)(${swallowing.join('|')})(?=[\\s/>])[^>]*?(/?)>`, 'gi')

/** Every opening tag (or comment) in `tree` that nothing after it closes, in document order. */
export function unclosedHtml(tree: Root): Unclosed[] {
  const open: Unclosed[] = []
  const unclosed: Unclosed[] = []
  visit(tree, 'html', (node) => {
    const pattern = new RegExp(tag.source, 'gi')
    for (let match = pattern.exec(node.value); match; match = pattern.exec(node.value)) {
      const start = match.index
      if (match[0] === '<!--') {
        const close = node.value.indexOf('-->', start + 4)
        if (close === -1) unclosed.push({node, name: '!--', start, end: start + 4})
        // Tags inside a comment are text.
        pattern.lastIndex = close === -1 ? node.value.length : close + 3
        continue
      }
      const [, closing, name = '', selfClosing] = match
      const lower = name.toLowerCase()
      if (closing) {
        const index = open.map((element) => element.name).lastIndexOf(lower)
        if (index !== -1) open.splice(index, 1)
      } else if (!selfClosing || (lower !== 'svg' && lower !== 'math')) {
        // `<svg/>` and `<math/>` end themselves; in HTML, `/>` ends no other element.
        open.push({node, name: lower, start, end: start + match[0].length})
      }
    }
  })
  return [...unclosed, ...open].sort((a, b) => offset(a) - offset(b))
}

/**
 * `tree`, or a copy of it whose unclosed tags are removed, so the editions keep the text after
 * them. Where the Markdown parser took that text into the HTML block (a `<textarea>` or a
 * comment at the start of a line runs to its end tag), the rest is parsed again as Markdown.
 */
export function withTextKept(tree: Root): Root {
  if (unclosedHtml(tree).length === 0) return tree
  const copy = structuredClone(tree)
  // Last first, so the offsets of earlier tags in the same node still hold.
  for (const {node, start, end} of unclosedHtml(copy).reverse()) {
    node.value = node.value.slice(0, start) + node.value.slice(end)
  }
  visit(copy, 'html', (node, index, parent) => {
    if (!parent || !blockParents.has(parent.type) || index === undefined) return
    if (!/\n[ \t]*\n/.test(node.value)) return
    const children = parser.parse(node.value).children as RootContent[]
    ;(parent.children as RootContent[]).splice(index, 1, ...children)
    return [SKIP, index + children.length]
  })
  return copy
}

/** Where an HTML node is a block of its own, which the Markdown parser may have run on. */
const blockParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition'])

function offset(element: Unclosed): number {
  return (element.node.position?.start.offset ?? 0) + element.start
}
