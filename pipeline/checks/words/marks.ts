// The marks of one chapter's prose that a house style decides: quotation marks and apostrophes
// (straight or curly), dashes (spaced or closed, typed as hyphens or not), ellipses (three dots
// or one character) and the serial comma. Read from the Markdown's text nodes, so code, raw HTML
// and frontmatter are never looked at, and neither is a URL written as its own link text.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {Span} from './place.ts'
import {eachProseText} from './texts.ts'

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

/**
 * Each pattern begins with its mark and looks behind the mark after matching it: a pattern that
 * begins with a look behind is tried at every character of a paragraph, at ten times the cost.
 */
const patterns: Pattern[] = [
  {
    choice: 'quotes',
    pattern: /["“”]/g,
    mark: ([text]) => (text === '"' ? {form: 'straight', text} : {form: 'curly', text, other: '"'})
  },
  {
    choice: 'apostrophes',
    // An apostrophe inside a word (`don't`, `keeper's`); a quotation's single marks are not apostrophes.
    pattern: /['’](?<=\p{L}['’])(?=\p{L})/gu,
    mark: ([text]) => (text === "'" ? {form: 'straight', text, other: '’'} : {form: 'curly', text, other: "'"})
  },
  {
    choice: 'dashes',
    pattern: / — |—(?<=[\p{L}\p{N},.;!?”’)]—)(?=[\p{L}\p{N}“‘(])/gu,
    mark: ([text]) => (text === '—' ? {form: 'closed', text, other: ' — '} : {form: 'spaced', text, other: '—'})
  },
  {
    choice: 'typed-dashes',
    // Two or three hyphens between words stand for a dash; a rule or a table is not prose.
    pattern: /--(?<=[\p{L}\p{N} ]--)-?(?=[\p{L}\p{N} ])|—/gu,
    mark: ([text]) => (text === '—' ? {form: 'dash', text} : {form: 'hyphens', text, other: '—'})
  },
  {
    choice: 'ellipses',
    pattern: /\.\.\.|…/g,
    mark: ([text]) => (text === '…' ? {form: 'character', text, other: '...'} : {form: 'dots', text, other: '…'})
  }
]

/** The chapter's marks, in text order within each choice. */
export function collectMarks(tree: Root, file: VFile): Mark[] {
  const marks: Mark[] = []
  eachProseText(tree, file, (value, start) => {
    for (const {choice, pattern, mark} of patterns) {
      pattern.lastIndex = 0
      for (let match = pattern.exec(value); match; match = pattern.exec(value))
        marks.push({choice, start: start + match.index, end: start + match.index + match[0].length, ...mark(match)})
    }
    for (const list of lists(value)) marks.push({...list, start: start + list.start, end: start + list.end})
  })
  const source = String(file.value)
  return marks.map((mark) => (mark.choice === 'quotes' && mark.form === 'straight' ? {...mark, other: curly(source, mark.start)} : mark))
}

/** What follows a list's last comma: its last item, and the serial comma or none. */
const lastItem = new RegExp(`^${item},?$`, 'u')
/** Where a list may end: a conjunction before a word. */
const conjunction = / (?:and|or) (?=\p{L})/gu
/** The items before it, up to six: `red, white, green` then `,` or not. Anchored at the end of a short window, so it costs the window, not the paragraph. */
const items = new RegExp(`(?<![\\p{L}’'-])((?:${item}, ){1,6}${item})(,?)$`, 'u')

/**
 * The serial-comma choices of one text: each list of three or more short items before `and` or
 * `or`, with its comma or without. Without one, a list needs four items (`A, B, C and D`), as
 * `Yes, John and Mary` is no list.
 */
function lists(value: string): Array<Omit<Mark, 'choice'> & {choice: 'serial-comma'}> {
  const found: Array<Omit<Mark, 'choice'> & {choice: 'serial-comma'}> = []
  conjunction.lastIndex = 0
  for (let match = conjunction.exec(value); match; match = conjunction.exec(value)) {
    const from = Math.max(0, match.index - 160)
    let window = value.slice(from, match.index)
    // Most `and`s end no list. `items`, anchored at the window's end, is tried from every
    // character of the window, so it is asked only where the last item stands after a comma.
    if (!lastItem.test(window.slice(window.lastIndexOf(', ') + 2)) || !window.includes(', ')) continue
    let list = items.exec(window)
    // Not a list from its first item (`of frustration, exasperation, …`): perhaps from the next.
    while (list && !isList(list[0])) {
      window = window.slice(list.index + list[0].indexOf(' ') + 1)
      list = items.exec(window)
    }
    if (!list) continue
    const start = match.index - window.length + list.index
    if (determiner.test(value.slice(Math.max(0, start - 12), start))) continue
    const used = list[2] === ','
    if (!used && list[1]!.split(', ').length < 3) continue
    const end = match.index + match[0].length
    found.push({choice: 'serial-comma', form: used ? 'used' : 'omitted', text: value.slice(start, end), start, end})
  }
  return found
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
  'your',
  'is',
  'was',
  'are',
  'were',
  'be'
])
/**
 * An article or a possessive before the first item makes the commas an adjective chain (`a dark,
 * purplish, yellow colour`, `his large, deep eyes`); after `the` a list of nouns is as likely.
 */
const determiner = /\b(?:a|an|his|her|its|their|our|my|your)\s$/i

function isList(text: string): boolean {
  const parts = text
    .replace(/,? (?:and|or) $/, '')
    .replace(/,$/, '')
    .split(', ')
  return parts.every((item) => {
    const lower = item.toLowerCase()
    return !parentheses.has(lower) && !openEnded.has(lower.split(' ').at(-1)!) && !openEnded.has(lower.split(' ')[0]!)
  })
}

/** A straight double quote as the curly one it stands for: opening at the start or after a space or an opening mark. */
function curly(source: string, at: number): string {
  const before = source[at - 1]
  return before === undefined || /[\s(\[{—–-]/.test(before) ? '“' : '”'
}
