// Typographic punctuation for both editions: curly quotes and apostrophes in the chapter's
// language, `--` as an en dash, `---` as an em dash, `...` as an ellipsis (SmartyPants, through
// remark-smartypants). Code, raw HTML and addresses shown as links keep every character as
// typed, and the checks read the manuscript, not this copy, so they report the text as written.
import type {InlineCode, Link, Root, Text} from 'mdast'
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

/** A copy of `tree` with typographic punctuation for `lang` (a BCP 47 tag). */
export function typographic(tree: Root, lang: string): Root {
  const copy = structuredClone(tree)
  const primary = lang.toLowerCase().split('-')[0] ?? ''
  const quotes = quotesByLanguage[primary] ?? english
  // remark-smartypants leaves inline code alone: an address shown as a link's text goes in as
  // code and comes back as text, so `https://example.org/a--b` keeps its two hyphens.
  const addresses: Array<{node: Text | InlineCode}> = []
  visit(copy, 'link', (link: Link) => {
    const [only] = link.children
    if (link.children.length === 1 && only?.type === 'text' && (only.value === link.url || `mailto:${only.value}` === link.url)) {
      ;(only as unknown as InlineCode).type = 'inlineCode'
      addresses.push({node: only})
    }
  })
  unified()
    .use(remarkSmartypants, {...quotes, dashes: 'oldschool'})
    .runSync(copy)
  for (const {node} of addresses) node.type = 'text'
  // French sets its guillemets apart from the words with a narrow no-break space.
  if (primary === 'fr') {
    visit(copy, 'text', (node: Text) => {
      node.value = node.value.replace(/([«‹])[ \u00a0\u202f]?/g, '$1\u202f').replace(/[ \u00a0\u202f]?([»›])/g, '\u202f$1')
    })
  }
  return copy
}
