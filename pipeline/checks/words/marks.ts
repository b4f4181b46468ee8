// The marks of one chapter's prose that a house style decides: quotation marks and apostrophes
// (straight or curly), dashes (spaced or closed, typed as hyphens or not), ellipses (three dots
// or one character) and the serial comma. Read from the Markdown's text nodes, so code, raw HTML
// and frontmatter are never looked at, and neither is a URL written as its own link text.
import type {Link, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import type {Span} from './place.ts'

/** Each house choice, with the forms it chooses between. */
export const choices = {
  quotes: ['curly', 'straight'],
  apostrophes: ['curly', 'straight'],
  dashes: ['closed', 'spaced'],
  'typed-dashes': ['dash', 'hyphens'],
  ellipses: ['character', 'dots'],
  'serial-comma': ['used', 'omitted']
} as const

export type Choice = keyof typeof choices

export interface Mark extends Span {
  choice: Choice
  form: string
  /** The mark as written, and as the other form writes it; undefined where rewriting is no one mark's change. */
  text: string
  other?: string
}

interface Pattern {
  choice: Choice
  pattern: RegExp
  mark(match: RegExpExecArray): Omit<Mark, 'start' | 'end' | 'choice'>
}

/** One short item of a list: a word or two. */
const item = "[\\p{L}’'-]+(?: [\\p{L}’'-]+)?"

const patterns: Pattern[] = [
  {
    choice: 'quotes',
    pattern: /["“”]/g,
    mark: ([text]) => (text === '"' ? {form: 'straight', text} : {form: 'curly', text, other: '"'})
  },
  {
    choice: 'apostrophes',
    // An apostrophe inside a word (`don't`, `keeper's`); a quotation's single marks are not apostrophes.
    pattern: /(?<=\p{L})['’](?=\p{L})/gu,
    mark: ([text]) => (text === "'" ? {form: 'straight', text, other: '’'} : {form: 'curly', text, other: "'"})
  },
  {
    choice: 'dashes',
    pattern: / — |(?<=[\p{L}\p{N},.;!?”’)])—(?=[\p{L}\p{N}“‘(])/gu,
    mark: ([text]) => (text === '—' ? {form: 'closed', text, other: ' — '} : {form: 'spaced', text, other: '—'})
  },
  {
    choice: 'typed-dashes',
    // Two or three hyphens between words stand for a dash; a rule or a table is not prose.
    pattern: /(?<=[\p{L}\p{N} ])-{2,3}(?=[\p{L}\p{N} ])|—/gu,
    mark: ([text]) => (text === '—' ? {form: 'dash', text} : {form: 'hyphens', text, other: '—'})
  },
  {
    choice: 'ellipses',
    pattern: /\.\.\.|…/g,
    mark: ([text]) => (text === '…' ? {form: 'character', text, other: '...'} : {form: 'dots', text, other: '…'})
  },
  {
    choice: 'serial-comma',
    // A list of three or more short items: `red, white, and blue`, or `red, white, green and
    // blue` (two commas at least, as `Yes, John and Mary` is no list).
    pattern: new RegExp(`(?:${item}, ){2,}${item} (?:and|or) (?=\\p{L})|(?:${item}, )+${item}, (?:and|or) (?=\\p{L})`, 'gu'),
    mark: ([text]) => ({form: /, (?:and|or) $/.test(text) ? 'used' : 'omitted', text})
  }
]

/** The chapter's marks, in text order within each choice. */
export function collectMarks(tree: Root, file: VFile): Mark[] {
  const source = String(file.value)
  const marks: Mark[] = []
  visit(tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return SKIP
    if (node.type === 'link' && isAddress(node)) return SKIP
    if (node.type !== 'text') return undefined
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    // A text node whose value differs from its source (an escape, an entity) has no offsets to trust.
    if (start === undefined || end === undefined || source.slice(start, end) !== node.value) return undefined
    for (const {choice, pattern, mark} of patterns) {
      const search = new RegExp(pattern.source, pattern.flags)
      for (let match = search.exec(node.value); match; match = search.exec(node.value)) {
        // Not a list from here (`of frustration, exasperation, …`): perhaps from the next word.
        if (choice === 'serial-comma' && !isList(match[0])) {
          search.lastIndex = match.index + match[0].indexOf(' ') + 1
          continue
        }
        marks.push({choice, start: start + match.index, end: start + match.index + match[0].length, ...mark(match)})
      }
    }
    return undefined
  })
  return marks.map((mark) => (mark.choice === 'quotes' && mark.form === 'straight' ? {...mark, other: curly(source, mark.start)} : mark))
}

/**
 * Commas around a parenthesis (`after all,`, `however,`, `In their book, …,`) are no list's:
 * no item of a list is one of these words or ends in a word that needs another after it.
 */
const parentheses = new Set([
  'however',
  'indeed',
  'though',
  'therefore',
  'perhaps',
  'moreover',
  'then',
  'now',
  'yes',
  'no',
  'well',
  'too',
  'also',
  'after all',
  'of course',
  'in fact',
  'for example',
  'for instance',
  'that is',
  'in short',
  'oh',
  'sir',
  'madam'
])
const openEnded = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'to',
  'for',
  'with',
  'at',
  'by',
  'from',
  'and',
  'or',
  'but',
  'as',
  'his',
  'her',
  'their',
  'its',
  'my',
  'our',
  'your'
])

function isList(text: string): boolean {
  const items = text.replace(/,? (?:and|or) $/, '').split(', ')
  return items.every((item) => {
    const lower = item.toLowerCase()
    return !parentheses.has(lower) && !openEnded.has(lower.split(' ').at(-1)!) && !openEnded.has(lower.split(' ')[0]!)
  })
}

/** A straight double quote as the curly one it stands for: opening at the start or after a space or an opening mark. */
function curly(source: string, at: number): string {
  const before = source[at - 1]
  return before === undefined || /[\s(\[{—–-]/.test(before) ? '“' : '”'
}

function isAddress(node: Link): boolean {
  const text = toString(node)
  return text === node.url || `mailto:${text}` === node.url || /^(?:https?:|www\.)/i.test(text)
}
