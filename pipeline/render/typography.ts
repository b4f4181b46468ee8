// Typographic punctuation for both editions: curly quotes and apostrophes in the chapter's
// language, `--` as an en dash, `---` as an em dash, `...` as an ellipsis (SmartyPants, through
// remark-smartypants). Code, raw HTML and addresses shown as links keep every character as
// typed, and the checks read the manuscript, not this copy, so they report the text as written.
import type {InlineCode, Link, Nodes, Parent, Root, RootContent, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkSmartypants from 'remark-smartypants'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'

interface Quotes {
  openingQuotes: {double: string; single: string}
  closingQuotes: {double: string; single: string}
}

const english: Quotes = {openingQuotes: {double: '“', single: '‘'}, closingQuotes: {double: '”', single: '’'}}
const german: Quotes = {openingQuotes: {double: '„', single: '‚'}, closingQuotes: {double: '“', single: '‘'}}
const guillemets: Quotes = {openingQuotes: {double: '«', single: '‹'}, closingQuotes: {double: '»', single: '›'}}

/** Quotation marks by primary language; any other takes the English ones. */
const quotesByLanguage: Record<string, Quotes> = {
  de: german,
  fr: guillemets,
  es: guillemets,
  it: guillemets,
  pt: guillemets,
  ru: guillemets
}

/** What SmartyPants could change: a block without any of these is left as it is, and shared. */
const changeable = /['"`]|--|\.\.\./

/** An apostrophe between two letters is always one (`it's`, `keeper's`, `l'homme`). */
const apostrophe = /(?<=\p{L})'(?=\p{L})/gu

/** Blocks whose text SmartyPants reads as one run; every other node holds blocks. */
const blocks = new Set(['paragraph', 'heading', 'tableCell'])

/**
 * `tree` with typographic punctuation for `lang` (a BCP 47 tag): a new tree where a block
 * changes, sharing every node that does not, so the manuscript's own tree is never written to.
 * SmartyPants parses the text as natural language, which cost more than the print itself on a
 * book of dialogue; so it runs only on blocks it can change, and only for what is left once the
 * apostrophes between letters, the bulk of a book's quote marks, are set.
 */
export function typographic(tree: Root, lang: string): Root {
  const primary = lang.toLowerCase().split('-')[0] ?? ''
  const smarten = smartypantsFor(primary)
  const map = (node: Nodes): Nodes => {
    if (blocks.has(node.type)) return changeable.test(toString(node)) ? (block(node as Parent, smarten, primary) as Nodes) : node
    if (!('children' in node)) return node
    const children = node.children.map((child) => map(child as Nodes))
    return children.every((child, index) => child === node.children[index]) ? node : ({...node, children} as Nodes)
  }
  return map(tree) as Root
}

function block(node: Parent, smarten: (root: Root) => void, primary: string): Parent {
  const copy = structuredClone(node)
  visit(copy, 'text', (text: Text) => {
    text.value = text.value.replace(apostrophe, '’')
  })
  if (changeable.test(toString(copy))) {
    // remark-smartypants leaves inline code alone: an address shown as a link's text goes in as
    // code and comes back as text, so `https://example.org/a--b` keeps its two hyphens.
    const addresses: Array<Text | InlineCode> = []
    visit(copy, 'link', (link: Link) => {
      const [only] = link.children
      if (link.children.length === 1 && only?.type === 'text' && (only.value === link.url || `mailto:${only.value}` === link.url)) {
        ;(only as unknown as InlineCode).type = 'inlineCode'
        addresses.push(only)
      }
    })
    smarten({type: 'root', children: [copy as RootContent]})
    for (const node of addresses) node.type = 'text'
  }
  // French sets its guillemets apart from the words with a narrow no-break space.
  if (primary === 'fr') {
    visit(copy, 'text', (text: Text) => {
      text.value = text.value.replace(/([«‹])[ \u00a0\u202f]?/g, '$1\u202f').replace(/[ \u00a0\u202f]?([»›])/g, '\u202f$1')
    })
  }
  return copy
}

const processors = new Map<string, (root: Root) => void>()

function smartypantsFor(primary: string): (root: Root) => void {
  let smarten = processors.get(primary)
  if (!smarten) {
    const processor = unified().use(remarkSmartypants, {...(quotesByLanguage[primary] ?? english), dashes: 'oldschool'})
    smarten = (root) => void processor.runSync(root)
    processors.set(primary, smarten)
  }
  return smarten
}
