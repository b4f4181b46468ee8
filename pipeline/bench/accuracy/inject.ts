// Faults injected into a real book, one kind at a time, each at a known place: the truth file.
// Every injected name is a different name of the book, used at least three times, so the right
// spelling is the one the book uses most; one use of it is changed. Acronym definitions are
// added after real organisation names of the book. Controls are injected the same way and must
// not be flagged.
import {uniformInt} from 'pure-rand/distribution/uniformInt'
import {xoroshiro128plus} from 'pure-rand/generator/xoroshiro128plus'
import type {Corpus} from './corpora.ts'

export type RuleId =
  | 'inconsistent-name'
  | 'acronym-expansion'
  | 'spelling'
  | 'inconsistent-spelling'
  | 'inconsistent-hyphenation'
  | 'inconsistent-capitalisation'
  | 'punctuation-style'
  | 'number-style'

export interface Injection {
  kind: string
  rule: RuleId
  /** A control must not be flagged; every other injection must be. */
  control: boolean
  file: string
  /** 1-based, as the reporters give them; the span is the injected text. */
  line: number
  column: number
  endColumn: number
  original: string
  injected: string
}

interface Token {
  /** Its place among all the book's tokens. */
  index: number
  chapter: number
  text: string
  start: number
  /** Opens a sentence, a paragraph or a quotation: its capital proves nothing. */
  initial: boolean
  /** The word before and after are capitalised words joined by one space (`John Smith`), without a possessive between. */
  joinedBefore: boolean
  joinedAfter: boolean
}

export interface Edit {
  chapter: number
  start: number
  end: number
  text: string
  injection: Omit<Injection, 'file' | 'line' | 'column' | 'endColumn'>
}

export type Random = (below: number) => number
type Mutation = (word: string, random: Random) => string | undefined

const vowels = 'aeiou'
const accented: Record<string, string> = {a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ü', n: 'ñ', c: 'ç'}

/** Spellings a name takes between alphabets: `Gaddafi`, `Qaddafi`; `Hezbollah`, `Hizballah`. */
const transliterations: Array<[RegExp, string]> = [
  [/ph/, 'f'],
  [/f/, 'ph'],
  [/^g/, 'q'],
  [/^q/, 'g'],
  [/k/, 'c'],
  [/c(?=[aou])/, 'k'],
  [/ou/, 'u'],
  [/oo/, 'u'],
  [/u/, 'ou'],
  [/y$/, 'i'],
  [/i$/, 'y'],
  [/ee/, 'i'],
  [/e(?=[^aeiou])/, 'i'],
  [/sh/, 'sch'],
  [/j/, 'dj'],
  [/dh/, 'd'],
  [/z/, 's'],
  [/s(?=[aeiou])/, 'z'],
  [/x/, 'ks'],
  [/tch/, 'ch'],
  [/ch/, 'kh'],
  [/kh/, 'ch'],
  [/w/, 'v'],
  [/v/, 'w']
]

export const mutations: Record<string, Mutation> = {
  substitution: (word, random) => {
    const places = [...word].flatMap((char, index) => (index > 0 && vowels.includes(char) ? [index] : []))
    if (places.length === 0) return undefined
    const at = places[random(places.length)]!
    const others = [...vowels].filter((vowel) => vowel !== word[at])
    return word.slice(0, at) + others[random(others.length)] + word.slice(at + 1)
  },
  truncation: (word) => word.slice(0, -1),
  extension: (word) => word + (vowels.includes(word.at(-1)!) ? 'h' : 'e'),
  transposition: (word, random) => {
    const places = [...word].flatMap((char, index) => (index > 0 && index < word.length - 1 && char !== word[index + 1] ? [index] : []))
    if (places.length === 0) return undefined
    const at = places[random(places.length)]!
    return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
  },
  doubled: (word, random) => {
    const doubled = [...word].flatMap((char, index) => (index > 0 && char === word[index - 1] ? [index] : []))
    if (doubled.length > 0) {
      const at = doubled[random(doubled.length)]!
      return word.slice(0, at) + word.slice(at + 1)
    }
    const places = [...word].flatMap((char, index) => (index > 0 && !vowels.includes(char) ? [index] : []))
    if (places.length === 0) return undefined
    const at = places[random(places.length)]!
    return word.slice(0, at) + word[at] + word.slice(at)
  },
  missing: (word, random) => {
    if (word.length < 4) return undefined
    const at = 1 + random(word.length - 2)
    return word.slice(0, at) + word.slice(at + 1)
  },
  diacritics: (word, random) => {
    const places = [...word].flatMap((char, index) => (index > 0 && accented[char] ? [index] : []))
    if (places.length === 0) return undefined
    const at = places[random(places.length)]!
    return word.slice(0, at) + accented[word[at]!] + word.slice(at + 1)
  },
  transliteration: (word, random) => {
    const lower = word.toLowerCase()
    const fitting = transliterations.filter(([pattern]) => pattern.test(lower))
    if (fitting.length === 0) return undefined
    const [pattern, replacement] = fitting[random(fitting.length)]!
    const changed = lower.replace(pattern, replacement)
    return changed[0]!.toUpperCase() + changed.slice(1)
  }
}

/** Typing slips any name can suffer, for the kinds defined by where the name stands. */
const slips = ['substitution', 'transposition', 'missing', 'doubled'] as const

interface NameKind {
  id: string
  /** Where the changed word stands: alone, anywhere, as a surname alone, after an opening first name. */
  context: 'alone' | 'any' | 'surname' | 'initial' | 'pair'
  mutation?: string
}

export const nameKinds: NameKind[] = [
  {id: 'single-word', context: 'alone'},
  {id: 'truncation', context: 'any', mutation: 'truncation'},
  {id: 'extension', context: 'any', mutation: 'extension'},
  {id: 'surname-alone', context: 'surname', mutation: 'truncation'},
  {id: 'transposition', context: 'any', mutation: 'transposition'},
  {id: 'doubled-or-missing', context: 'any', mutation: 'doubled'},
  {id: 'missing-letter', context: 'any', mutation: 'missing'},
  {id: 'diacritics', context: 'any', mutation: 'diacritics'},
  {id: 'hyphenation', context: 'pair'},
  {id: 'transliteration', context: 'any', mutation: 'transliteration'},
  {id: 'sentence-initial', context: 'initial'}
]

export const acronymKinds = [
  'letter-without-word',
  'word-without-letter',
  'wrong-letter',
  'letter-inside-word',
  'acronym-first-form',
  'dash-form'
] as const
export const acronymControls = ['correct', 'correct-acronym-first', 'correct-dash', 'hyphen-and-case'] as const

/** Every kind and control, injected `perKind` times where the book has that many names. */
export function inject(corpus: Corpus, seed: number, perKind: number): {chapters: Corpus['chapters']; truth: Injection[]} {
  const generator = xoroshiro128plus(seed)
  const random: Random = (below) => uniformInt(generator, 0, below - 1)
  const shuffle = <T>(items: T[]): T[] => {
    const copy = [...items]
    for (let index = copy.length - 1; index > 0; index--) {
      const other = random(index + 1)
      ;[copy[index], copy[other]] = [copy[other]!, copy[index]!]
    }
    return copy
  }

  const tokens = corpus.chapters.flatMap(({markdown}, chapter) => tokenise(markdown, chapter))
  tokens.forEach((token, index) => (token.index = index))
  const vocabulary = new Set(tokens.map((token) => token.text.toLowerCase()))
  const edits: Edit[] = []
  // One fault per name and per paragraph line, so no two faults meet.
  const usedWords = new Set<string>()
  const usedLines = new Set<string>()
  const lineOf = (chapter: number, offset: number) => `${chapter}:${corpus.chapters[chapter]!.markdown.lastIndexOf('\n', offset)}`
  const free = (chapter: number, offset: number) => !usedLines.has(lineOf(chapter, offset))

  const byWord = new Map<string, Token[]>()
  for (const token of tokens) {
    if (!corpus.names.has(token.text)) continue
    const uses = byWord.get(token.text)
    if (uses) uses.push(token)
    else byWord.set(token.text, [token])
  }
  const candidates = shuffle([...byWord.keys()].filter((word) => word.length >= 5 && byWord.get(word)!.length >= 3).sort())

  // A name of two words must be a name of the book: used three times or more as a pair.
  const pairs = new Map<string, number>()
  for (const token of tokens)
    if (token.joinedAfter)
      pairs.set(`${token.text} ${tokens[token.index + 1]!.text}`, (pairs.get(`${token.text} ${tokens[token.index + 1]!.text}`) ?? 0) + 1)
  const recurring = (kind: NameKind, token: Token) =>
    kind.context !== 'pair' || (pairs.get(`${token.text} ${tokens[token.index + 1]!.text}`) ?? 0) >= 3

  for (const kind of nameKinds) {
    let made = 0
    for (const word of candidates) {
      if (made >= perKind) break
      if (usedWords.has(word)) continue
      const uses = byWord.get(word)!
      const places = shuffle(
        uses
          .slice(1)
          .filter((token) => fits(kind, token, tokens, uses, corpus.names) && free(token.chapter, token.start) && recurring(kind, token))
      )
      const place = places[0]
      if (!place) continue
      const mutation = mutations[kind.mutation ?? slips[random(slips.length)]!]!
      let start = place.start
      let original = word
      let changed: string | undefined
      if (kind.context === 'pair') {
        const next = tokens[place.index + 1]!
        original = `${word} ${next.text}`
        changed = `${word}-${next.text}`
      } else {
        changed = mutation(word, random)
        if (!changed || changed === word || changed.length < 3 || vocabulary.has(changed.toLowerCase())) continue
        if (kind.context === 'initial') {
          const first = tokens[place.index - 1]!
          start = first.start
          original = `${first.text} ${word}`
          changed = `${first.text} ${changed}`
        }
      }
      usedWords.add(word)
      usedLines.add(lineOf(place.chapter, place.start))
      edits.push({
        chapter: place.chapter,
        start,
        end: start + original.length,
        text: changed,
        injection: {kind: kind.id, rule: 'inconsistent-name', control: false, original, injected: changed}
      })
      made++
    }
  }

  const phrases = shuffle(organisations(corpus, vocabulary))
  const acronyms = new Set<string>()
  const kinds = [...acronymKinds.map((kind) => ({kind, control: false})), ...acronymControls.map((kind) => ({kind, control: true}))]
  for (const {kind, control} of kinds) {
    let made = 0
    for (const phrase of phrases) {
      if (made >= perKind) break
      if (acronyms.has(phrase.acronym) || !free(phrase.chapter, phrase.start)) continue
      const made_ = acronymEdit(kind, phrase, random)
      if (!made_) continue
      acronyms.add(phrase.acronym)
      usedLines.add(lineOf(phrase.chapter, phrase.start))
      for (const [index, text] of made_.entries()) {
        // The hyphen-and-case control defines the acronym again at the end of a later line.
        const chapter = index === 0 ? phrase.chapter : laterChapter(corpus, phrase.chapter, random)
        const markdown = corpus.chapters[chapter]!.markdown
        const start = index === 0 ? phrase.start : lineEnd(markdown, random, (offset) => free(chapter, offset))
        if (start === undefined) continue
        usedLines.add(lineOf(chapter, start))
        const end = index === 0 ? phrase.start + phrase.text.length : start
        const original = markdown.slice(start, end)
        edits.push({chapter, start, end, text, injection: {kind, rule: 'acronym-expansion', control, original, injected: text}})
      }
      made++
    }
  }
  return apply(corpus, edits)
}

/** Whether a use of a name stands where the kind needs it. */
function fits(kind: NameKind, token: Token, tokens: Token[], uses: Token[], names: Map<string, number>): boolean {
  const index = token.index
  const before = tokens[index - 1]
  switch (kind.context) {
    case 'alone':
      return !token.initial && !token.joinedBefore && !token.joinedAfter
    case 'any':
      return !token.initial
    case 'pair':
      return (
        !token.initial && token.joinedAfter && !token.joinedBefore && !tokens[index + 1]!.joinedAfter && names.has(tokens[index + 1]!.text)
      )
    case 'surname':
      // Alone, in a chapter where the same word ends a full name before it.
      return (
        !token.initial &&
        !token.joinedBefore &&
        !token.joinedAfter &&
        uses.some((other) => other.chapter === token.chapter && other.start < token.start && other.joinedBefore)
      )
    case 'initial':
      // A first name of the book (`Margaret`) opening the sentence, its surname after it.
      return Boolean(
        before?.initial &&
        names.has(before.text) &&
        token.joinedBefore &&
        !token.joinedAfter &&
        !before.joinedBefore &&
        /^\p{Lu}\p{Ll}+$/u.test(before.text)
      )
  }
}

/** Words with their offsets, skipping headings and frontmatter; capitals mark sentence starts. */
function tokenise(markdown: string, chapter: number): Token[] {
  const tokens: Token[] = []
  const body = markdown.startsWith('---\n') ? markdown.indexOf('\n---\n', 4) + 5 : 0
  let previous: {end: number; capital: boolean; possessive: boolean} | undefined
  for (const match of markdown.slice(body).matchAll(/[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu)) {
    const start = body + match.index
    const text = match[0].replace(/['’]s$/, '')
    // A name inside a compound (`Guernsey-man`) is part of another word.
    const compound = markdown[start - 1] === '-' || markdown[start + match[0].length] === '-'
    const lineStart = markdown.lastIndexOf('\n', start) + 1
    if (markdown[lineStart] === '#') {
      previous = undefined
      continue
    }
    const gap = previous && previous.end > lineStart ? markdown.slice(previous.end, start) : undefined
    const capital = /^\p{Lu}/u.test(text)
    const joinedBefore = Boolean(gap === ' ' && previous?.capital && !previous.possessive && capital)
    if (joinedBefore) tokens.at(-1)!.joinedAfter = true
    const initial = gap === undefined || /[.!?:;“"‘(—]/.test(gap) || /^\s*$/.test(markdown.slice(lineStart, start))
    if (compound) {
      previous = undefined
      continue
    }
    tokens.push({index: 0, chapter, text, start, initial, joinedBefore, joinedAfter: false})
    previous = {end: start + match[0].length, capital, possessive: text !== match[0]}
  }
  return tokens
}

interface Phrase {
  chapter: number
  start: number
  text: string
  words: string[]
  acronym: string
}

const joiners = new Set(['of', 'for', 'on', 'the'])
const calendar = new Set(
  'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' '
  )
)

/** Runs of three or more capitalised words mid-sentence (`City Executive Committee`), with their initials. */
function organisations(corpus: Corpus, vocabulary: Set<string>): Phrase[] {
  const seen = new Set<string>()
  const phrases: Phrase[] = []
  corpus.chapters.forEach(({markdown}, chapter) => {
    // After a word in lower case, and before anything but another capital (`James C. Crumlish`).
    const pattern = /(?<=\s\p{Ll}+ )\p{Lu}\p{Ll}+(?: (?:(?:of|for|on|the) )?\p{Lu}\p{Ll}+){2,}(?![\p{L}\-’']| \p{Lu})/gu
    for (const match of markdown.matchAll(pattern)) {
      const words = match[0].split(' ')
      const content = words.filter((word) => !joiners.has(word))
      const acronym = content.map((word) => word[0]).join('')
      if (content.length < 3 || seen.has(match[0]) || vocabulary.has(acronym.toLowerCase())) continue
      // Days and months end a name in news text (`the Georgia House Monday`), they are not part of it.
      if (content.some((word) => calendar.has(word))) continue
      seen.add(match[0])
      phrases.push({chapter, start: match.index, text: match[0], words, acronym})
    }
  })
  return phrases.sort((a, b) => a.text.localeCompare(b.text))
}

const letters = 'ABCDEFGHIJKLMNOPRSTUVW'

/** The text that replaces the phrase (and, for the hyphen-and-case control, the later definition). */
function acronymEdit(kind: string, phrase: Phrase, random: Random): string[] | undefined {
  const {text, acronym} = phrase
  const other = (not: string) => {
    const choices = [...letters].filter((letter) => letter !== not)
    return choices[random(choices.length)]!
  }
  const at = random(acronym.length)
  const wrong = acronym.slice(0, at) + other(acronym[at]!) + acronym.slice(at + 1)
  switch (kind) {
    case 'letter-without-word': {
      const place = random(acronym.length + 1)
      return [`${text} (${acronym.slice(0, place)}${other('')}${acronym.slice(place)})`]
    }
    case 'word-without-letter': {
      // Not the first letter: without it the acronym spells the last words, a fair definition.
      const gone = 1 + random(acronym.length - 1)
      return [`${text} (${acronym.slice(0, gone)}${acronym.slice(gone + 1)})`]
    }
    case 'wrong-letter':
      return [`${text} (${wrong})`]
    case 'letter-inside-word': {
      // The letter of `IAEA` found inside "internAtional": a letter of the word, after its initial.
      const content = phrase.words.filter((word) => !joiners.has(word))
      const inner = content[at]!.slice(1).toUpperCase()
      const letter = [...inner].find((char) => /\p{Lu}/u.test(char) && !acronym.includes(char))
      if (!letter) return undefined
      return [`${text} (${acronym.slice(0, at + 1)}${letter}${acronym.slice(at + 1)})`]
    }
    case 'acronym-first-form':
      return [`${wrong} (${text})`]
    case 'dash-form':
      return [`${text} -- or ${wrong} --`]
    case 'correct':
      return [`${text} (${acronym})`]
    case 'correct-acronym-first':
      return [`${acronym} (${text})`]
    case 'correct-dash':
      return [`${text} -- or ${acronym} --`]
    case 'hyphen-and-case': {
      // Two content words joined by a hyphen, all in lower case: the same expansion.
      const words = phrase.words.map((word) => word.toLowerCase())
      const joins = words.flatMap((word, index) => (index > 0 && !joiners.has(word) && !joiners.has(words[index - 1]!) ? [index] : []))
      if (joins.length === 0) return undefined
      const join = joins[random(joins.length)]!
      const hyphenated = `${words.slice(0, join).join(' ')}-${words.slice(join).join(' ')}`
      return [`${text} (${acronym})`, ` It was the ${hyphenated} (${acronym}) again.`]
    }
  }
  return undefined
}

function laterChapter(corpus: Corpus, chapter: number, random: Random): number {
  const left = corpus.chapters.length - chapter - 1
  return left > 0 ? chapter + 1 + random(left) : chapter
}

/** The end of a random paragraph line that is not yet used. */
function lineEnd(markdown: string, random: Random, free: (offset: number) => boolean): number | undefined {
  const ends = [...markdown.matchAll(/[.!?]”?(?=\n)/g)]
    .map((match) => match.index + match[0].length)
    .filter((end) => {
      const start = markdown.lastIndexOf('\n', end - 1) + 1
      return markdown[start] !== '#' && free(end)
    })
  return ends.length > 0 ? ends[random(ends.length)] : undefined
}

/** The book with every edit made, and where each injected text now stands. */
export function apply(corpus: Corpus, edits: Edit[]): {chapters: Corpus['chapters']; truth: Injection[]} {
  const truth: Injection[] = []
  const chapters = corpus.chapters.map(({name, markdown}, chapter) => {
    const mine = edits.filter((edit) => edit.chapter === chapter).sort((a, b) => a.start - b.start)
    let text = ''
    let from = 0
    for (const edit of mine) {
      text += markdown.slice(from, edit.start)
      const lines = text.split('\n')
      const column = lines.at(-1)!.length + 1
      truth.push({...edit.injection, file: name, line: lines.length, column, endColumn: column + edit.text.length})
      text += edit.text
      from = edit.end
    }
    return {name, markdown: text + markdown.slice(from)}
  })
  return {chapters, truth}
}
