// `inconsistent-name`: one person, place or organisation spelled two ways across the
// manuscript (`Wei Fenghe`, then `Wei Feng`), found without a list given in advance. Names
// are runs of capitalised words; two names are variants when they differ in one word spelled
// alike. Every use of the less used spelling is reported against the more used one.
import {doubleMetaphone} from 'double-metaphone'
import {distance} from 'fastest-levenshtein'
import type {Heading, Root} from 'mdast'
import type {Root as NlcstRoot, Sentence, Word} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import {location} from 'vfile-location'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {prose} from '../manuscript/prose.ts'
import {crossFileRule} from './cross-file.ts'

export const options = z.strictObject({
  /** Accepted spellings, never flagged, on either side: `{"Wei Fenghe": ["Wei Feng"]}`; titles are stripped as in the text. */
  aliases: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
  /** Names left out entirely: never flagged, never offered as the expected spelling. */
  ignore: z.array(z.string().min(1)).default([]),
  /** Titles to strip besides the built-in ones (`Foreign Secretary`), so `Foreign Secretary Grey` is `Grey`. */
  titles: z.array(z.string().min(1)).default([])
})
type Settings = z.output<typeof options>

/** Lower case, without the full stop of an abbreviation; several words are matched in sequence. */
const builtInTitles = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'doctor',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'madam',
  'madame',
  'mme',
  'mlle',
  'monsieur',
  'herr',
  'frau',
  'señor',
  'senor',
  'comrade',
  'president',
  'vice president',
  'president-elect',
  'prime minister',
  'minister',
  'deputy',
  'premier',
  'chancellor',
  'defense minister',
  'defence minister',
  'foreign minister',
  'interior minister',
  'finance minister',
  'chief of staff',
  'secretary',
  'secretary of state',
  'secretary-general',
  'secretary general',
  'ambassador',
  'envoy',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'commissioner',
  'senator',
  'sen',
  'representative',
  'rep',
  'congressman',
  'congresswoman',
  'governor',
  'gov',
  'mayor',
  'judge',
  'justice',
  'chief justice',
  'attorney general',
  'chairman',
  'chairwoman',
  'chair',
  'director',
  'general',
  'gen',
  'lieutenant',
  'lt',
  'colonel',
  'col',
  'major',
  'maj',
  'captain',
  'capt',
  'commander',
  'admiral',
  'adm',
  'sergeant',
  'sgt',
  'corporal',
  'cpl',
  'private',
  'pvt',
  'marshal',
  'field marshal',
  'brigadier',
  'inspector',
  'detective',
  'officer',
  'superintendent',
  'dean',
  'king',
  'queen',
  'prince',
  'princess',
  'crown prince',
  'emperor',
  'empress',
  'sultan',
  'emir',
  'sheikh',
  'shaikh',
  'ayatollah',
  'grand ayatollah',
  'supreme leader',
  'imam',
  'mullah',
  'pope',
  'cardinal',
  'archbishop',
  'bishop',
  'rev',
  'reverend',
  'father',
  'fr',
  'brother',
  'sister',
  'rabbi'
]

/** Lower-case words that may sit inside a name: `Islamic Republic of Iran`, `Osama bin Laden`. */
const particles = new Set([
  'of',
  'de',
  'del',
  'della',
  'di',
  'da',
  'do',
  'dos',
  'du',
  'des',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'bin',
  'ibn',
  'al',
  'el',
  'y'
])

/** Generation marks after a name: `Ivan Allen Jr.` is `Ivan Allen`. */
const generations = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])

/**
 * Endings that make a different word, not a different spelling: plurals and demonyms
 * (Iran, Iranian; Texas, Texan; China, Chinese; Germany, Germans), feminine forms (Mario,
 * Maria; Robert, Roberta), -ism and -ist, Latin -us (Copernicus, Copernican). `added` may
 * extend a whole word (`Iraq`, `Iraqi`); `swapped` may replace each other's endings. `i` and
 * `y` are not swapped: `Grejowski` and `Grejowsky` are one name.
 */
const swapped = new Set([
  's',
  'es',
  'n',
  'ns',
  'an',
  'ans',
  'ian',
  'ians',
  'ean',
  'eans',
  'ese',
  'ish',
  'is',
  'ic',
  'ics',
  'er',
  'ers',
  'ern',
  'ist',
  'ists',
  'ism',
  'ite',
  'ites',
  'a',
  'as',
  'o',
  'os',
  'e',
  'ie',
  'ne',
  'le',
  'ette',
  'ine',
  'ina',
  'ia',
  'ity',
  'ianity',
  'y',
  'ies',
  'man',
  'men',
  'us'
])
const added = new Set([...swapped, 'i', 'r', 'rs'])

/** Opening punctuation after which a capital letter is grammar, not a name. */
const openers = new Set(['“', '"', '‘', "'", '«', ':', '—'])

interface Token {
  /** The word as written, without a possessive `’s`. */
  text: string
  /** Offsets in the chapter's text. */
  start: number
  end: number
  /** First word of a sentence, of a quotation or of a heading, where capitals prove nothing. */
  initial: boolean
  /** Capitalised like a name (see `isNameWord`). */
  name: boolean
  /** Had a possessive, which ends the name: `Iran’s Centrifuge Technology Company` is two. */
  possessive: boolean
}

/** Offsets into the chapter's text, start inclusive, end exclusive: points are worked out only for findings. */
interface Span {
  start: number
  end: number
}

/** A word of a name and where it stands. */
type Placed = Span & {text: string}

interface Occurrence {
  chapter: number
  place: Span
  /** Where each word of the name is, to point at a surname inside a full name. */
  tokens: Span[]
}

interface Form {
  name: string
  words: string[]
  uses: Occurrence[]
  /** Reading order of the first use, across chapters. */
  first: number
}

interface Finding {
  actual: string
  expected: string
  place: Span
  uses: number
  actualUses: number
  firstUse: Occurrence
}

/**
 * What one chapter gives the rule: the words that can make a name, in reading order, and how
 * the chapter writes its words. Columns rather than an object per word: a book's worth travels
 * back from the workers and is read from the cache on every run, and objects cost three times
 * the bytes and most of the time.
 */
interface Names {
  /** Each candidate word as written (`Token.text`); `''` where anything else, or a sentence's end, breaks a run. */
  words: string[]
  /** The start and end offset of each word, two entries per word. */
  spans: Uint32Array
  /** Each word's `initial`, `name` and `possessive`, as bits. */
  flags: Uint8Array
  capitalisedMid: Map<string, number>
  lowerCase: Map<string, number>
}

const initialBit = 1
const nameBit = 2
const possessiveBit = 4

export const rule = crossFileRule({
  id: 'inconsistent-name',
  summary: 'A person, place or organisation spelled two ways across the manuscript.',
  options,
  collect,
  analyse,
  report
})

function report(file: VFile, finding: Finding, files: VFile[]): void {
  const causeReason = `\`${finding.expected}\` first used here`
  const firstFile = files[finding.firstUse.chapter]!
  const firstPlace = positionOf(firstFile, finding.firstUse.place)
  const cause = new VFileMessage(causeReason, {place: firstPlace})
  cause.file = firstFile.path
  const times = `${finding.uses} ${finding.uses === 1 ? 'time' : 'times'}`
  // With as many uses of each, nothing in the text says which is right: both are offered.
  const tie = finding.uses === finding.actualUses
  const reason = tie
    ? `Unexpected \`${finding.actual}\` beside \`${finding.expected}\` (each used ${times}), expected one spelling of the name`
    : `Unexpected \`${finding.actual}\`, expected \`${finding.expected}\` (used ${times})`
  const message = file.message(reason, {place: positionOf(file, finding.place), cause})
  message.actual = finding.actual
  // The spelling used first is offered first: the first use is the one thing that decides a tie.
  const chapter = files.indexOf(file)
  const actualFirst =
    finding.firstUse.chapter > chapter || (finding.firstUse.chapter === chapter && finding.firstUse.place.start > finding.place.start)
  message.expected = tie ? (actualFirst ? [finding.actual, finding.expected] : [finding.expected, finding.actual]) : [finding.expected]
  const {line, column} = firstPlace.start
  Object.assign(message, {
    data: {
      counts: {[finding.expected]: finding.uses, [finding.actual]: finding.actualUses},
      related: [{path: firstFile.path, line, column, reason: causeReason}]
    }
  })
}

/** The chapter's name-like words, in reading order, and its counts of words by case. */
export function collect(tree: Root, file: VFile, _settings: Settings): Names {
  const lexicon: Lexicon = {capitalisedMid: new Map(), lowerCase: new Map(), nameWords: new Map()}
  const tokens = tokenise(file.data.prose ?? prose(tree, file), tree, lexicon)
  const spans = new Uint32Array(tokens.length * 2)
  const flags = new Uint8Array(tokens.length)
  tokens.forEach((token, index) => {
    if (!token) return
    spans[2 * index] = token.start
    spans[2 * index + 1] = token.end
    flags[index] = (token.initial ? initialBit : 0) | (token.name ? nameBit : 0) | (token.possessive ? possessiveBit : 0)
  })
  return {
    words: tokens.map((token) => token?.text ?? ''),
    spans,
    flags,
    capitalisedMid: lexicon.capitalisedMid,
    lowerCase: lexicon.lowerCase
  }
}

function analyse(chapters: Names[], settings: Settings): Finding[][] {
  const titles = titleTrie([...builtInTitles, ...settings.titles])
  const lexicon: Lexicon = {capitalisedMid: new Map(), lowerCase: new Map(), nameWords: new Map()}
  for (const names of chapters) {
    for (const [word, count] of names.capitalisedMid) lexicon.capitalisedMid.set(word, (lexicon.capitalisedMid.get(word) ?? 0) + count)
    for (const [word, count] of names.lowerCase) lexicon.lowerCase.set(word, (lexicon.lowerCase.get(word) ?? 0) + count)
  }
  const forms = collectForms(chapters, lexicon, titles)
  // A word seen in lower case more than a quarter as often as capitalised mid-sentence is an
  // ordinary word (State, Along, White) whatever its capital says.
  const ordinary = (word: string) => (lexicon.lowerCase.get(word.toLowerCase()) ?? 0) * 4 > (lexicon.capitalisedMid.get(word) ?? 0)
  const ignored = new Set(settings.ignore.map((name) => normalise(name, titles)))
  for (const name of ignored) forms.delete(name)
  const accepted = acceptedNames(settings.aliases, titles)

  const findings: Finding[][] = chapters.map(() => [])
  const report = (occurrence: Occurrence, finding: Omit<Finding, 'place'>) => {
    findings[occurrence.chapter]!.push({...finding, place: occurrence.place})
  }

  const variants = fullNameVariants(forms, accepted, ordinary)
  for (const [variant, expected] of hyphenVariants(forms, accepted)) if (!variants.has(variant)) variants.set(variant, expected)
  for (const [variant, expected] of variants) {
    for (const use of variant.uses) {
      report(use, {
        actual: variant.name,
        expected: expected.name,
        uses: expected.uses.length,
        actualUses: variant.uses.length,
        firstUse: expected.uses[0]!
      })
    }
  }
  for (const {variant, reported, surname, uses, firstUse} of surnameVariants(forms, accepted, ignored, ordinary)) {
    for (const use of reported) {
      report(use, {
        actual: variant.name,
        expected: surname,
        uses,
        actualUses: variant.uses.length,
        firstUse
      })
    }
  }

  for (const list of findings) list.sort((a, b) => a.place.start - b.place.start)
  return findings
}

/** How the manuscript writes its words, counted in one pass before names are collected. */
interface Lexicon {
  capitalisedMid: Map<string, number>
  lowerCase: Map<string, number>
  nameWords: Map<string, boolean>
}

/**
 * The words that can make a name (capitalised words and particles), with `undefined` wherever
 * anything else breaks a run and after every sentence; every word is counted in the lexicon.
 * Only candidates become objects: ordinary words are most of a book.
 */
function tokenise(tree: NlcstRoot, mdast: Root, lexicon: Lexicon): Array<Token | undefined> {
  const headings: Array<[number, number]> = []
  visit(mdast, 'heading', (node: Heading) => {
    if (node.position) headings.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
  })

  const result: Array<Token | undefined> = []
  let next = 0
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    const offset = paragraph.position?.start.offset ?? -1
    while (next < headings.length && headings[next]![1] <= offset) next++
    const heading = next < headings.length && headings[next]![0] <= offset
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      sentenceTokens(sentence, heading, lexicon, result)
      if (result.length > 0 && result.at(-1) !== undefined) result.push(undefined)
    }
  }
  return result
}

function sentenceTokens(sentence: Sentence, heading: boolean, lexicon: Lexicon, tokens: Array<Token | undefined>): void {
  const pushBreak = () => {
    if (tokens.length > 0 && tokens.at(-1) !== undefined) tokens.push(undefined)
  }
  let initial = true
  for (const node of sentence.children) {
    if (node.type === 'WhiteSpaceNode') continue
    if (node.type !== 'WordNode') {
      pushBreak()
      initial = initial || (node.type === 'PunctuationNode' && openers.has(node.value))
      continue
    }
    const token = wordToken(node, heading || initial)
    initial = false
    if (!token) {
      pushBreak()
      continue
    }
    const code = token.text.charCodeAt(0)
    if ((code >= 97 && code <= 122) || (code > 127 && /^\p{Ll}/u.test(token.text))) {
      // Keyed as written: a word in lower case is already lower case but for rare inner capitals.
      lexicon.lowerCase.set(token.text, (lexicon.lowerCase.get(token.text) ?? 0) + 1)
      if (particles.has(token.text)) tokens.push(token)
      else pushBreak()
      continue
    }
    // NFC makes `Raïsi` one spelling whichever way it was typed.
    const text = (token.text = token.text.normalize('NFC'))
    let name = lexicon.nameWords.get(text)
    if (name === undefined) lexicon.nameWords.set(text, (name = isNameWord(text)))
    if (!name) {
      pushBreak()
      continue
    }
    token.name = true
    if (!token.initial) lexicon.capitalisedMid.set(text, (lexicon.capitalisedMid.get(text) ?? 0) + 1)
    tokens.push(token)
  }
}

/** The word without a possessive (`Feng’s`, `Jones’`), so the possessive is the same name. */
function wordToken(word: Word, initial: boolean): Token | undefined {
  const parts = word.children
  let last = parts.length - 1
  if (last >= 2 && /^[sS]$/.test(toString(parts[last]!)) && isApostrophe(parts[last - 1])) last -= 2
  else if (last >= 1 && isApostrophe(parts[last])) last -= 1
  const start = parts[0]?.position?.start.offset
  const end = parts[last]?.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const text = last === 0 ? toString(parts[0]!) : toString(parts.slice(0, last + 1))
  return {text, start, end, initial, name: false, possessive: last < parts.length - 1}
}

function positionOf(file: VFile, span: Span): Position {
  let place = places.get(file)
  if (!place) places.set(file, (place = location(file)))
  return {start: place.toPoint(span.start)!, end: place.toPoint(span.end)!}
}

const places = new WeakMap<VFile, ReturnType<typeof location>>()

function isApostrophe(node: Word['children'][number] | undefined): boolean {
  return node?.type === 'PunctuationNode' && (node.value === '’' || node.value === "'")
}

/**
 * Runs of capitalised words, titles stripped, as forms with every use. A capital at the start
 * of a sentence counts only for a word seen capitalised mid-sentence elsewhere, at least as
 * often as in lower case: `Later Hussein Amir Abdullah spoke` is about `Hussein Amir Abdullah`.
 */
function collectForms(chapters: Names[], lexicon: Lexicon, titles: TitleTrie): Map<string, Form> {
  const provenName = (text: string) => {
    const mid = lexicon.capitalisedMid.get(text) ?? 0
    return mid > 0 && mid >= (lexicon.lowerCase.get(text.toLowerCase()) ?? 0)
  }

  const forms = new Map<string, Form>()
  chapters.forEach(({words, spans, flags}, chapter) => {
    let run: Placed[] = []
    for (let index = 0; index <= words.length; index++) {
      const text = words[index]
      const flag = flags[index] ?? 0
      const inName =
        flag & nameBit
          ? !(flag & initialBit) || provenName(text!)
          : Boolean(text) && run.length > 0 && ((flags[index + 1] ?? 0) & nameBit) !== 0 && particles.has(text!)
      if (inName) {
        run.push({text: text!, start: spans[2 * index]!, end: spans[2 * index + 1]!})
        if (!(flag & possessiveBit)) continue
      }
      if (run.length === 0) continue
      addUse(forms, stripTitles(run, titles), chapter)
      run = []
    }
  })
  return forms
}

function addUse(forms: Map<string, Form>, name: Placed[], chapter: number) {
  if (name.length === 0) return
  const words = name.map((token) => token.text)
  const tokens = name.map((token) => ({start: token.start, end: token.end}))
  // parse-english keeps the full stop after a short capitalised word (`Staf.`, `Corp.`) as if
  // it were an abbreviation; at the end of a name it is the sentence's, not the name's.
  const last = words.length - 1
  if (/^\p{L}{2,}\.$/u.test(words[last]!)) {
    words[last] = words[last]!.slice(0, -1)
    tokens[last]!.end -= 1
  }
  const key = words.join(' ')
  let form = forms.get(key)
  if (!form) {
    form = {name: key, words, uses: [], first: forms.size}
    forms.set(key, form)
  }
  form.uses.push({chapter, place: {start: tokens[0]!.start, end: tokens[last]!.end}, tokens})
}

/**
 * A word that can be part of a name: capitalised with some lower case (all capitals are
 * acronyms, like IRGC), an initial such as `F.`, or a particle joined by a hyphen (`al-Assad`);
 * every hyphenated part must qualify, so `Ministry-affiliated` does not.
 */
function isNameWord(text: string): boolean {
  if (/^\p{Lu}\.$/u.test(text)) return true
  if (!/\p{Ll}/u.test(text) || /\d/.test(text)) return false
  return text.split('-').every((part, index, all) => {
    if (index === 0 && all.length > 1 && particles.has(part)) return true
    return /^\p{Lu}[\p{L}’'.]*$/u.test(part)
  })
}

type TitleTrie = Map<string, TitleTrie> & {end?: boolean}

function titleTrie(titles: string[]): TitleTrie {
  const root: TitleTrie = new Map()
  for (const title of titles) {
    let node = root
    for (const word of titleWords(title)) {
      let next = node.get(word)
      if (!next) {
        next = new Map()
        node.set(word, next)
      }
      node = next
    }
    node.end = true
  }
  return root
}

function titleWords(text: string): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase().replace(/\.$/, ''))
}

/**
 * The name after the last title in the run (`President Ibrahim Raisi` is `Ibrahim Raisi`),
 * without generation marks or particles at either end. A run that is all title is no name.
 * Inside a run a title counts only before a full name (`Iranian Defense Minister Mohammad
 * Reza Ishtiani`), so `Armed Forces General Staff` keeps its `General`.
 */
function stripTitles<T extends {text: string}>(run: T[], titles: TitleTrie): T[] {
  const words = run.map((token) => token.text.toLowerCase().replace(/\.$/, ''))
  let start = 0
  for (let index = 0; index < words.length; index++) {
    const end = titleEnd(words, index, titles)
    if (end === -1) continue
    if (index === start && end === words.length) return []
    if (end === words.length || (index > start && end + 2 > words.length)) continue
    start = end
    // `Minister of Defense Wei Fenghe`: the office's `of …` belongs to the title.
    if (words[start] === 'of' && start + 2 < words.length) start += 2
    index = start - 1
  }
  let end = words.length
  while (end > start && generations.has(words[end - 1]!)) end--
  while (start < end && particles.has(run[start]!.text)) start++
  while (end > start && particles.has(run[end - 1]!.text)) end--
  return run.slice(start, end)
}

/** Where the longest title starting at `index` ends, or -1. */
function titleEnd(words: string[], index: number, titles: TitleTrie): number {
  let node: TitleTrie | undefined = titles
  let end = -1
  for (let at = index; at < words.length && node; at++) {
    node = node.get(words[at]!)
    if (node?.end) end = at + 1
  }
  return end
}

/** A name from the options, the way the manuscript's names are keyed. */
function normalise(name: string, titles: TitleTrie): string {
  const words = name
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({text: text.normalize('NFC').replace(/[’']s?$/, '')}))
  const stripped = stripTitles(words, titles)
  return (stripped.length > 0 ? stripped : words).map((word) => word.text).join(' ')
}

/** Every name the aliases option lists, on either side: all are accepted spellings. */
function acceptedNames(aliases: Record<string, string[]>, titles: TitleTrie): Set<string> {
  return new Set(Object.entries(aliases).flatMap(([name, others]) => [name, ...others].map((one) => normalise(one, titles))))
}

/**
 * Which of two spellings the manuscript prefers: more uses, then the one used first. Length
 * decides nothing: the longer of `Getsler` and `Gettsler` is the typo. A tie is reported as a
 * name spelled two ways, offering both.
 */
function beats(a: Form, b: Form): boolean {
  if (a.uses.length !== b.uses.length) return a.uses.length > b.uses.length
  return a.first < b.first
}

/**
 * Names of two or more words that differ in exactly one word, that word spelled alike
 * (`Wei Feng`, `Wei Fenghe`). Names are blocked by the rest of their words, so only names that
 * could differ in one word are ever compared. Each losing spelling gets its best rival.
 */
function fullNameVariants(forms: Map<string, Form>, accepted: Set<string>, ordinary: (word: string) => boolean): Map<Form, Form> {
  const blocks = new Map<string, Form[]>()
  for (const form of forms.values()) {
    if (form.words.length < 2) continue
    for (let index = 0; index < form.words.length; index++) {
      const rest = form.words.map((word, at) => (at === index ? '\u0000' : word)).join(' ')
      const block = blocks.get(rest) ?? []
      block.push(form)
      blocks.set(rest, block)
    }
  }

  const winners = new Map<Form, Form>()
  for (const [rest, block] of blocks) {
    if (block.length < 2) continue
    const index = rest.split(' ').indexOf('\u0000')
    const byWord = new Map(block.map((form) => [form.words[index]!, form]))
    const words = [...byWord.keys()].filter((word) => !ordinary(word))
    for (const [one, other] of similarPairs(words, words, true)) {
      const a = byWord.get(one)!
      const b = byWord.get(other)!
      const [winner, loser] = beats(a, b) ? [a, b] : [b, a]
      if (accepted.has(loser.name)) continue
      const best = winners.get(loser)
      if (!best || beats(winner, best)) winners.set(loser, winner)
    }
  }
  return winners
}

/**
 * Names written with a hyphen and with a space (`Taft-Hartley`, `Taft Hartley`): their word
 * counts differ, so `fullNameVariants` never compares them. They meet under one key; case
 * still tells names apart, as everywhere in this rule.
 */
function hyphenVariants(forms: Map<string, Form>, accepted: Set<string>): Map<Form, Form> {
  const byKey = new Map<string, Form[]>()
  for (const form of forms.values()) {
    if (!/[-\u2010\u2011]/u.test(form.name) && form.words.length < 2) continue
    const key = form.name.replace(/[-\u2010\u2011]/gu, ' ')
    const group = byKey.get(key)
    if (group) group.push(form)
    else byKey.set(key, [form])
  }
  const winners = new Map<Form, Form>()
  for (const group of byKey.values()) {
    if (group.length < 2) continue
    const best = group.reduce((winner, form) => (beats(form, winner) ? form : winner))
    for (const form of group) if (form !== best && !accepted.has(form.name)) winners.set(form, best)
  }
  return winners
}

interface SurnameVariant {
  variant: Form
  /** The variant's uses in chapters where the surname ends a full name. */
  reported: Occurrence[]
  surname: string
  uses: number
  firstUse: Occurrence
}

interface Surname {
  uses: number
  first: Occurrence
  chapters: Set<number>
}

/**
 * A name used alone (`Grejowsky`) against the last word of full names (`Nicole Grejowski`),
 * counting every use of that word. Only edits count here, not prefixes, and only for a word
 * never used at the end of a full name itself: two full names with near surnames are two
 * people, as are Iran and Iranian. A surname alone refers back to a full name nearby, so only
 * uses in a chapter where that full name appears are reported; elsewhere `Muller` is more
 * likely another person than `Miller`. Ties go to the longer word.
 */
function surnameVariants(
  forms: Map<string, Form>,
  accepted: Set<string>,
  ignored: Set<string>,
  ordinary: (word: string) => boolean
): SurnameVariant[] {
  const surnames = new Map<string, Surname>()
  const alone = new Map<string, Form>()
  for (const form of forms.values()) {
    if (form.words.length === 1) {
      alone.set(form.name, form)
      continue
    }
    const word = form.words.at(-1)!
    const first = {...form.uses[0]!, place: form.uses[0]!.tokens.at(-1)!}
    const known = surnames.get(word) ?? {uses: 0, first, chapters: new Set<number>()}
    known.uses += form.uses.length
    if (before(first, known.first)) known.first = first
    for (const use of form.uses) known.chapters.add(use.chapter)
    surnames.set(word, known)
  }
  for (const [word, form] of alone) {
    const known = surnames.get(word)
    if (!known) continue
    known.uses += form.uses.length
    if (before(form.uses[0]!, known.first)) known.first = form.uses[0]!
  }

  // Only a word used alone, and never as a surname, can be the variant of a surname.
  const variants = [...alone.keys()].filter((word) => !surnames.has(word) && !accepted.has(word) && !ordinary(word))
  const rivals = [...surnames.keys()].filter((word) => !ignored.has(word) && !ordinary(word))
  const best = new Map<Form, SurnameVariant>()
  for (const [word, rival] of similarPairs(variants, rivals, false)) {
    const variant = alone.get(word)!
    const surname = surnames.get(rival)!
    const wins = surname.uses > variant.uses.length || (surname.uses === variant.uses.length && rival.length > word.length)
    const reported = variant.uses.filter((use) => surname.chapters.has(use.chapter))
    if (!wins || reported.length === 0) continue
    const previous = best.get(variant)
    // The most used surname, and of two used as often the one used first, whatever order the pairs come in.
    if (!previous || previous.uses < surname.uses || (previous.uses === surname.uses && before(surname.first, previous.firstUse))) {
      best.set(variant, {variant, reported, surname: rival, uses: surname.uses, firstUse: surname.first})
    }
  }
  return [...best.values()]
}

function before(a: Occurrence, b: Occurrence): boolean {
  return a.chapter !== b.chapter ? a.chapter < b.chapter : a.place.start < b.place.start
}

/**
 * Pairs of a word of `words` and a word of `among` (the same list or another) that look like
 * two spellings of one word, each pair once, the `words` one first. Candidates come from
 * indexes, not from comparing all pairs: a word's own prefixes (within `among`), and its
 * deletion neighbourhood (every form with one, or for long words two, letters removed; two
 * words within that many edits share an entry, as in SymSpell). Each candidate is then
 * checked by `alike`.
 */
function similarPairs(words: string[], among: string[], prefixes: boolean): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>()
  const add = (word: string, other: string) => {
    if (word === other) return
    const key = word < other ? `${word}\u0000${other}` : `${other}\u0000${word}`
    if (!pairs.has(key) && alike(word, other, prefixes)) pairs.set(key, [word, other])
  }
  const present = new Set(among)
  const neighbours = new Map<string, string[]>()
  const folds = new Map<string, string[]>()
  for (const word of among) {
    // Spellings that differ only in diacritics (`Wałęsa`, `Walesa`) meet under their folded form.
    const key = fold(word)
    const folded = folds.get(key)
    if (folded) folded.push(word)
    else folds.set(key, [word])
    if (word.length < 5) continue
    for (const variant of deletions(word)) {
      const list = neighbours.get(variant)
      if (list) list.push(word)
      else neighbours.set(variant, [word])
    }
  }
  for (const word of words) {
    for (const other of folds.get(fold(word)) ?? []) add(word, other)
    if (prefixes) {
      for (let length = 3; length < word.length; length++) {
        const prefix = word.slice(0, length)
        if (present.has(prefix)) add(word, prefix)
      }
    }
    if (word.length < 5) continue
    for (const variant of deletions(word)) for (const other of neighbours.get(variant) ?? []) add(word, other)
  }
  return [...pairs.values()]
}

function deletions(word: string, depth = word.length >= 8 ? 2 : 1): Set<string> {
  const result = new Set([word])
  let frontier = [word]
  for (let level = 0; level < depth; level++) {
    const next: string[] = []
    for (const item of frontier) {
      for (let index = 0; index < item.length; index++) {
        const shorter = item.slice(0, index) + item.slice(index + 1)
        if (!result.has(shorter)) {
          result.add(shorter)
          next.push(shorter)
        }
      }
    }
    frontier = next
  }
  return result
}

/**
 * Two spellings of one word: one a strict prefix of the other, longer by one or two letters
 * (`Feng`, `Fenghe`; only when `prefixes`: nicknames cut more, `Mitch`, `Mitchell`), or, from
 * five letters on, with the same first letter and the same sound (double metaphone), one edit
 * apart (two from eight letters: `Grejowski`, `Grejowsky`; `Li Qiang` and `Li Keqiang` are
 * not). Words that differ only by endings in `added` or `swapped` are different words.
 * Differences of case alone, or of an abbreviation's full stop, are no variant.
 */
function alike(a: string, b: string, prefixes: boolean): boolean {
  const one = a.toLowerCase().replace(/\.$/, '')
  const other = b.toLowerCase().replace(/\.$/, '')
  if (one === other) return false
  // The same letters with and without their diacritics: one name, typed two ways.
  if (fold(one) === fold(other)) return true
  let common = 0
  while (common < one.length && common < other.length && one[common] === other[common]) common++
  const shorter = Math.min(one.length, other.length)
  if (common === shorter) {
    const extension = (one.length > other.length ? one : other).slice(common)
    return prefixes && shorter >= 3 && /^\p{L}{1,2}$/u.test(extension) && !added.has(extension)
  }
  // `Buddhism`, `Buddhist`: the endings may start before the first differing letter.
  for (let cut = common; cut >= Math.max(1, common - 3); cut--) {
    if (swapped.has(one.slice(cut)) && swapped.has(other.slice(cut))) return false
  }
  if (one[0] !== other[0] || shorter < 5) return false
  // Two letters swapped (`Hussein`, `Hussien`) is one slip of the keyboard, not two edits.
  const edits = transposed(one, other) ? 1 : distance(one, other)
  if (edits > (shorter >= 8 ? 2 : 1)) return false
  const [first, second] = [doubleMetaphone(one), doubleMetaphone(other)]
  return first.some((code) => second.includes(code))
}

/** A word without its diacritics, for comparing: `Wałęsa` and `Walesa`, `Bogotá` and `Bogota`. */
function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[đĐ]/g, 'd')
    .replace(/ß/g, 'ss')
    .toLowerCase()
}

/** Whether `a` and `b` differ by exactly one swap of two letters next to each other. */
function transposed(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  const differ = [...a].flatMap((char, index) => (char === b[index] ? [] : [index]))
  return differ.length === 2 && differ[1] === differ[0]! + 1 && a[differ[0]!] === b[differ[1]!] && a[differ[1]!] === b[differ[0]!]
}
