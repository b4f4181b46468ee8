// `inconsistent-capitalisation`: one term capitalised in one place and not in another, mid-sentence
// (`Cold War` and `cold war`, `Prime Minister` and `prime minister`, `Secretary of State` and
// `secretary of state`). The form the book uses most is the house form unless the config names
// one, and every use of another form is reported against it.
//
// Capitals prove something only where grammar does not ask for them, so only words mid-sentence
// count: never a heading, a sentence's first word, the word after a colon or an opening quote, a
// list item's first word, italics (titles of works are in title case, terms as terms are set
// apart) or a block quote (someone else's words keep their case).
//
// The evidence rules, each from false findings on the Brown corpus (see the README):
// - A term is two or three words, a whole run of capitalised words (`of` may join two). A run
//   beside another capitalised word or a number, or joined to one by `of`, `for`, `on` or `and`,
//   is part of a longer name or a title before a name (`Prime Minister Macmillan`, `Fulton County
//   Grand Jury`, `Commission for Handicapped Children`, `Public Law 920`), whose case says
//   nothing about the term's; so is a lower-case use beside a capital (`the Chicago police`).
// - No term has a capitalised function word: `The Crisis`, `What It Is`, `Join The Church` and
//   `His Son` are titles of works or reverence, not terms.
// - After `a`, `any`, `its own`…, a lower-case use is generic (`a civil war`, `a world war`)
//   and no use of the term (`the Civil War`).
// - One word alone is compared only when the config's `forms` name it (`government`,
//   `Internet`). Most such pairs are two words (`Bill` and `bill`, `May` and `may`, `Church` and
//   `church`, `State` and `state`), and even where the lower case is no dictionary word, 27 of
//   the 32 findings on Brown were a name beside a set phrase (`carte blanche`, `sweet william`,
//   `brazil nuts`), old spelling (`towne`) or another sense (`Utopian` and `utopian`).
// - A term is compared only when the book uses it `minimum` times, in all its forms.
import type {Root} from 'mdast'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {crossFileRule} from './cross-file.ts'
import type {SheetSection} from './rule.ts'
import {exceptionsTo} from './sheet.ts'
import {joinColumn, splitColumn} from './words/columns.ts'
import {positionOf, type Span} from './words/place.ts'
import {tokens} from './words/tokens.ts'

const form = z
  .string()
  .regex(/^\p{L}+(?:-\p{L}+)*(?: \p{L}+(?:-\p{L}+)*){0,2}$/u, 'expected one to three words, such as `Cold War` or `government`')

export const options = z.strictObject({
  /** House forms, which win whatever the counts, and single words to compare: `["Cold War", "government"]`. */
  forms: z.array(form).default([]),
  /** The uses a term needs, in all its forms, before the book's majority decides its case. */
  minimum: z.number().int().min(2).default(3)
})
type Settings = z.output<typeof options>

/**
 * One chapter's words as columns: a capitalised (`War`) or lower-case (`war`) word as written,
 * `#` for another word with a capital or a digit (`NATO`, `McCoy`, `2100`), which can only be
 * part of a name, and `''` for the rest.
 */
interface Words {
  /** The words, joined (words/columns.ts). */
  words: string
  /** Start and end offset of each word. */
  spans: Uint32Array
  /**
   * Bit 1: only a space stands between it and the word before. Bit 2: its case is no evidence (a
   * sentence's first word…). Bit 3: it is capitalised (`War`), which the analysis asks of every word.
   */
  flags: Uint8Array
}

/** One chapter's columns with its words split again, for the analysis. */
type Columns = Omit<Words, 'words'> & {words: string[]}

const adjacentFlag = 1
const blindFlag = 2
const upperFlag = 4
const upper = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*$/u
const lower = /^\p{Ll}+(?:-\p{Ll}+)*$/u
/** Join capitalised words into one name: `Council on National Defense`, `Office of Foreign and Domestic Commerce`. */
const joiners = new Set(['of', 'for', 'on', 'and'])
const generic = new Set(['a', 'an', 'another', 'any', 'each', 'every', 'no', 'some', 'such', 'own'])
const functionWords = new Set(
  (
    'a an the this that these those his her its their our my your him he she it they we i me us them ' +
    'of in on at to for from by with into onto upon about over under after before between through ' +
    'and or but nor so if as than what which who whom whose when where why how ' +
    'is are was were be been am do does did has have had not no'
  ).split(' ')
)

interface Use {
  chapter: number
  place: Span
  form: string
}

interface Term {
  uses: Use[]
  counts: Record<string, number>
  expected: string
  house: boolean
  /** Whether a fix may apply the house form: the config's, or used at least twice as often as every other form. */
  certain: boolean
}

interface Finding {
  use: Use
  term: Term
}

export const rule = crossFileRule({
  id: 'inconsistent-capitalisation',
  fix: 'safe',
  summary: 'One term capitalised in some places and not in others, mid-sentence (`Cold War`, `cold war`).',
  options,
  collect,
  analyse,
  report,
  sheet
})

function collect(tree: Root, file: VFile): Words {
  const lang = (file.data.frontmatter as {lang?: unknown} | undefined)?.lang
  if (typeof lang === 'string' && !/^en(?:-|$)/i.test(lang)) return {words: '', spans: new Uint32Array(), flags: new Uint8Array()}
  const found = tokens(tree, file)
  const aside = setApart(tree)
  const spans = new Uint32Array(found.length * 2)
  const flags = new Uint8Array(found.length)
  const words = found.map((token, index) => {
    spans[2 * index] = token.start
    spans[2 * index + 1] = token.end
    const column = (columns[token.word] ??= columnOf(token.text))
    flags[index] =
      (token.adjacent ? adjacentFlag : 0) | (token.initial || aside(token.start) ? blindFlag : 0) | (column.upper ? upperFlag : 0)
    return column.value
  })
  return {words: joinColumn(words), spans, flags}
}

/** What `columnOf` made of each word, by its number (words/tokens.ts): worked out once per thread and word. */
const columns: Array<{value: string; upper: boolean}> = []

function columnOf(text: string): {value: string; upper: boolean} {
  const capitalised = upper.test(text)
  return {value: capitalised || lower.test(text) ? text : /^[\p{Lu}\d]/u.test(text) ? '#' : '', upper: capitalised}
}

/** Whether an offset is in italics or a block quote; asked in document order, so one cursor walks them once. */
function setApart(tree: Root): (offset: number) => boolean {
  const found: Array<[number, number]> = []
  visit(tree, (node) => {
    if ((node.type !== 'emphasis' && node.type !== 'blockquote') || !node.position) return undefined
    found.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
    // What lies inside is set apart already, so the ranges stay disjoint and in order.
    return SKIP
  })
  let next = 0
  return (offset) => {
    while (next < found.length && found[next]![1] <= offset) next++
    return next < found.length && found[next]![0] <= offset
  }
}

/** Reads one chapter's columns: which words are next to which, and which are capitals. */
function reader({words, flags}: Columns) {
  const adjacent = (index: number) => index > 0 && index < words.length && (flags[index]! & adjacentFlag) !== 0
  // A sentence's `The` is capital by grammar alone; a sentence's `Supreme` may still begin a name.
  const capitalised = (index: number) =>
    (flags[index]! & upperFlag) !== 0 && ((flags[index]! & blindFlag) === 0 || !functionWords.has(words[index]!.toLowerCase()))
  const capital = (index: number) => capitalised(index) || words[index] === '#'
  const seen = (index: number) => (flags[index]! & blindFlag) === 0 && words[index] !== '' && words[index] !== '#'
  return {adjacent, capitalised, capital, seen}
}

interface Run {
  first: number
  last: number
  /** Part of a longer name: beside another capital, or joined to one (`Commission for Handicapped Children`). */
  named: boolean
}

/** The runs of capitalised words of a chapter, `of` joining two (`Secretary of State`). */
function runsOf(chapter: Columns): Run[] {
  const {words} = chapter
  const {adjacent, capitalised, capital} = reader(chapter)
  const joinedBefore = (index: number) => {
    let at = index - 1
    if (adjacent(at + 1) && words[at] === 'the') at--
    return adjacent(at + 1) && joiners.has(words[at] ?? '') && adjacent(at) && capital(at - 1)
  }
  const joinedAfter = (index: number) => {
    let at = index + 1
    if (!adjacent(at) || !joiners.has(words[at]!)) return false
    if (adjacent(at + 1) && words[at + 1] === 'the') at++
    return adjacent(at + 1) && capital(at + 1)
  }
  const runs: Run[] = []
  for (let index = 0; index < words.length; index++) {
    if (!capitalised(index)) continue
    let last = index
    for (;;) {
      if (adjacent(last + 1) && capitalised(last + 1)) last++
      else if (words[last + 1] === 'of' && adjacent(last + 1) && adjacent(last + 2) && capitalised(last + 2)) last += 2
      else break
    }
    const beside = (adjacent(index) && words[index - 1] === '#') || (adjacent(last + 1) && words[last + 1] === '#')
    runs.push({first: index, last, named: beside || joinedBefore(index) || joinedAfter(last)})
    index = last
  }
  return runs
}

const keyOf = (words: string[]) => words.join(' ').toLowerCase()

/** Every term the book capitalises mid-sentence, and the config's: by its lower case. */
function candidates(chapters: Columns[], runs: Run[][], settings: Settings): Set<string> {
  const keys = new Set(settings.forms.map((one) => one.toLowerCase()))
  chapters.forEach((chapter, number) => {
    const {seen} = reader(chapter)
    for (const {first, last, named} of runs[number]!) {
      const run = chapter.words.slice(first, last + 1)
      if (named || run.length > 3 || run.some((_, at) => !seen(first + at))) continue
      if (run.some((word) => word !== 'of' && functionWords.has(word.toLowerCase()))) continue
      if (run.length > 1) keys.add(keyOf(run))
    }
  })
  return keys
}

/** Every use of the candidate terms mid-sentence, in any case: the longest term at each word. */
function usesOf(chapters: Columns[], chapterRuns: Run[][], keys: Set<string>): Map<string, Use[]> {
  const uses = new Map<string, Use[]>()
  // Most words begin no term: asking first whether one does spares each the three keys it would build.
  const firstWords = new Set([...keys].map((key) => key.split(' ')[0]!))
  chapters.forEach((chapter, number) => {
    const {words, spans} = chapter
    const {adjacent, capital, seen} = reader(chapter)
    const runs = new Set(chapterRuns[number]!.flatMap((run) => (run.named ? [] : [`${run.first}:${run.last}`])))
    const usable = (from: number, to: number) => {
      for (let at = from; at <= to; at++) if (!seen(at) || (at > from && !adjacent(at))) return false
      return true
    }
    for (let index = 0; index < words.length; index++) {
      if (!firstWords.has(words[index]!.toLowerCase())) continue
      for (let last = Math.min(index + 2, words.length - 1); last >= index; last--) {
        const run = words.slice(index, last + 1)
        const key = keyOf(run)
        if (!keys.has(key) || !usable(index, last)) continue
        // A capitalised use is a whole run of its own; any other is beside no capital and not generic.
        const whole = run.every((word) => word === 'of' || upper.test(word))
        const aside =
          (adjacent(index) && (capital(index - 1) || generic.has(words[index - 1]!))) || (adjacent(last + 1) && capital(last + 1))
        if (whole ? !runs.has(`${index}:${last}`) : aside) continue
        const list = uses.get(key) ?? []
        list.push({chapter: number, place: {start: spans[2 * index]!, end: spans[2 * last + 1]!}, form: run.join(' ')})
        uses.set(key, list)
        index = last
        break
      }
    }
  })
  return uses
}

function termsOf(chapters: Words[], settings: Settings): Term[] {
  const house = new Map(settings.forms.map((one) => [one.toLowerCase(), one]))
  const terms: Term[] = []
  const columns = chapters.map((chapter) => ({...chapter, words: splitColumn(chapter.words, chapter.flags.length)}))
  // Each chapter's runs, found once for both questions.
  const runs = columns.map(runsOf)
  for (const [key, uses] of usesOf(columns, runs, candidates(columns, runs, settings))) {
    const chosen = house.get(key)
    if (!chosen && uses.length < settings.minimum) continue
    const counts: Record<string, number> = {}
    for (const use of uses) counts[use.form] = (counts[use.form] ?? 0) + 1
    // The most used form, a tie going to the form used first.
    const expected = chosen ?? Object.keys(counts).reduce((best, one) => (counts[one]! > counts[best]! ? one : best), uses[0]!.form)
    const others = uses.length - (counts[expected] ?? 0)
    if (others === 0) continue
    terms.push({uses, counts, expected, house: chosen !== undefined, certain: chosen !== undefined || counts[expected]! >= 2 * others})
  }
  return terms
}

function analyse(chapters: Words[], settings: Settings): Finding[][] {
  const findings: Finding[][] = chapters.map(() => [])
  for (const term of termsOf(chapters, settings))
    for (const use of term.uses) if (use.form !== term.expected) findings[use.chapter]!.push({use, term})
  for (const list of findings) list.sort((one, other) => one.use.place.start - other.use.place.start)
  return findings
}

/** Every term the book writes in two cases, in its house form, most used first, with its other forms and their uses. */
function sheet(chapters: Words[], settings: Settings, _manuscript: unknown, findings: VFileMessage[]): SheetSection {
  const entries = termsOf(chapters, settings)
    .sort((one, other) => other.uses.length - one.uses.length)
    .map(({counts, expected}) => {
      const note = Object.entries(counts)
        .filter(([one]) => one !== expected)
        .map(([one, count]) => `${one} ${count}`)
        .join(', ')
      return {term: expected, count: counts[expected] ?? 0, note: note || undefined, exceptions: exceptionsTo(findings, expected)}
    })
  // A term the book has since made consistent leaves the entries, not the house forms.
  const house = {forms: [...new Set([...settings.forms, ...entries.map((entry) => entry.term)])]}
  return {title: 'Capitalised terms', about: 'terms written in two cases mid-sentence, in their house form', entries, house}
}

function report(file: VFile, {use, term}: Finding, files: VFile[]): void {
  const {counts, expected, house, certain} = term
  const times = (count: number) => `${count} ${count === 1 ? 'time' : 'times'}`
  const reason = house
    ? `Unexpected \`${use.form}\`, expected \`${expected}\` (the config’s house form)`
    : certain
      ? `Unexpected \`${use.form}\`, expected \`${expected}\` (used ${times(counts[expected]!)})`
      : `Unexpected \`${use.form}\` (used ${times(counts[use.form]!)}) beside \`${expected}\` (used ${times(counts[expected]!)}), expected one capitalisation`
  const first = term.uses.find((one) => one.form === expected)
  const message = file.message(reason, {place: positionOf(file, use.place), cause: first && causeAt(files[first.chapter]!, first)})
  // The text as written, and the house form with its line breaks, so that a fix changes case alone.
  const original = String(file.value).slice(use.place.start, use.place.end)
  const words = expected.split(' ')
  const fixed = original.replace(/\S+/g, () => words.shift() ?? '')
  message.actual = original
  // Without a clear majority both forms are offered, and a fix leaves the choice to the editor.
  message.expected = certain ? [fixed] : [fixed, original]
  Object.assign(message, {data: {kind: use.form.includes(' ') ? 'term' : 'word', counts: {...counts}}})
}

function causeAt(file: VFile, use: Use): VFileMessage {
  const cause = new VFileMessage(`\`${use.form}\` first used here`, {place: positionOf(file, use.place)})
  cause.file = file.path
  return cause
}
