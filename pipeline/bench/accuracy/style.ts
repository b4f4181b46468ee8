// Faults for the house-style rules, injected into a real book beside the word faults: in every
// chapter, where the chapter has one, a curly quote made straight (or, in a book of straight
// quotes, an opening quote made curly), a dash closed up (or spaced, in a book that closes its
// dashes), a serial comma dropped from a list of four, a small number in figures, a year range
// with a hyphen, and a thousands comma dropped. Each is found by its own pattern here, not by the
// rules' collectors, and each goes against the book's own majority.
import type {Corpus} from './corpora.ts'
import type {Edit, Injection, Random} from './inject.ts'

export const styleKinds = ['straight-quote', 'curly-quote', 'dash', 'serial-comma', 'figures', 'range', 'thousands'] as const

const smallWords = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']

interface Kind {
  id: (typeof styleKinds)[number]
  rule: Injection['rule']
  /** Where the fault can go in a line of text, and what it makes there. */
  find(line: string, book: Book): Array<{at: number; original: string; injected: string}>
}

/** What the whole book does, so that every fault goes against its majority. */
interface Book {
  spacedDashes: boolean
  curlyQuotes: boolean
}

const kinds: Kind[] = [
  {id: 'straight-quote', rule: 'punctuation-style', find: (line, book) => (book.curlyQuotes ? matches(line, /“/g, () => '"') : [])},
  {
    id: 'curly-quote',
    rule: 'punctuation-style',
    // An opening quote: at the line's start or after a space, before a letter.
    find: (line, book) => (book.curlyQuotes ? [] : matches(line, /(?<=^| )"(?=\p{L})/gu, () => '“'))
  },
  {
    id: 'dash',
    rule: 'punctuation-style',
    find: (line, book) =>
      book.spacedDashes ? matches(line, /(?<=\p{L}) — (?=\p{L})/gu, () => '—') : matches(line, /(?<=\p{L})—(?=\p{L})/gu, () => ' — ')
  },
  {
    id: 'serial-comma',
    rule: 'punctuation-style',
    // The comma before `and` in a list of four or more single words.
    find: (line) => matches(line, /(?<=\b\p{Ll}+, \p{Ll}+, \p{Ll}+), and (?=\p{Ll})/gu, () => ' and ')
  },
  {
    id: 'figures',
    rule: 'number-style',
    find: (line) =>
      matches(line, new RegExp(`(?<=\\p{Ll} )(?:${smallWords.join('|')})(?= \\p{Ll}{3,})`, 'gu'), (word) =>
        String(smallWords.indexOf(word) + 2)
      )
  },
  {id: 'range', rule: 'number-style', find: (line) => matches(line, /(?<=\b1[89]\d\d)–(?=\d\d\b)/g, () => '-')},
  {id: 'thousands', rule: 'number-style', find: (line) => matches(line, /(?<= \d{2,3}),(?=\d{3}\b)/g, () => '')}
]

function matches(line: string, pattern: RegExp, make: (text: string) => string) {
  return [...line.matchAll(pattern)].map((match) => ({at: match.index, original: match[0], injected: make(match[0])}))
}

/** One fault of each kind per chapter, each on a paragraph line that no other fault is on. */
export function injectStyle(corpus: Corpus, random: Random, takenLines: Set<string>): Edit[] {
  const text = corpus.chapters.map((chapter) => chapter.markdown).join('\n')
  const book: Book = {
    spacedDashes: (text.match(/ — /g)?.length ?? 0) >= (text.match(/\p{L}—\p{L}/gu)?.length ?? 0),
    curlyQuotes: (text.match(/[“”]/g)?.length ?? 0) >= (text.match(/"/g)?.length ?? 0)
  }
  const edits: Edit[] = []
  corpus.chapters.forEach(({markdown}, chapter) => {
    const body = markdown.startsWith('---\n') ? markdown.indexOf('\n---\n', 4) + 5 : 0
    const lines: Array<{start: number; text: string}> = []
    let start = body
    for (const line of markdown.slice(body).split('\n')) {
      if (line.trim() !== '' && !line.startsWith('#')) lines.push({start, text: line})
      start += line.length + 1
    }
    for (const kind of kinds) {
      const places = lines.flatMap((line) =>
        takenLines.has(`${chapter}:${line.start}`) ? [] : kind.find(line.text, book).map((place) => ({...place, line}))
      )
      if (places.length === 0) continue
      const {at, original, injected, line} = places[random(places.length)]!
      takenLines.add(`${chapter}:${line.start}`)
      edits.push({
        chapter,
        start: line.start + at,
        end: line.start + at + original.length,
        text: injected,
        injection: {kind: kind.id, rule: kind.rule, control: false, original, injected}
      })
    }
  })
  return edits
}
