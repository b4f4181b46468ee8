// `inconsistent-hyphenation`: one compound written two ways across the manuscript: hyphenated
// and closed up (`e-mail` and `email`, `co-operate` and `cooperate`, `week-end` and `weekend`),
// and with `open: true` also open (`decision-making` and `decision making`). A compound is any
// word the book hyphenates somewhere; its closed and open forms are then looked for everywhere.
// The form the book uses most is the house form unless the config names one, and every use of
// another form is reported against it. Capitalised words mid-sentence are names
// (`Taft-Hartley`), inconsistent-name's to compare.
//
// Open forms are off by default because, in a real book, most of them are grammar rather than
// inconsistency: a compound modifier is hyphenated before its noun and open after it
// (`a well-known writer`, `the writer is well known`; Chicago 7.81), and a noun is closed where
// its verb is open (`a pickup`, `to pick up`). On the Brown corpus they were most of the findings.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {crossFileRule} from './cross-file.ts'
import {inDictionary} from './dictionary.ts'
import type {SheetSection} from './rule.ts'
import {exceptionsTo} from './sheet.ts'
import {joinColumn, splitColumn} from './words/columns.ts'
import {positionOf, type Span} from './words/place.ts'
import {tokens} from './words/tokens.ts'

export const options = z.strictObject({
  /** House forms, which win whatever the counts: `["email", "decision-making", "co-operate"]`. */
  forms: z.array(z.string().min(1)).default([]),
  /** Also compare open forms (`decision making`) with hyphenated and closed ones. */
  open: z.boolean().default(false)
})
type Settings = z.output<typeof options>

/**
 * One chapter's words in lower case, as columns (a book's worth travels back from the workers
 * and through the cache): `''` for a word that can be no part of a compound (a name, a number).
 */
interface Words {
  /** The words, joined (words/columns.ts). */
  words: string
  /** Start and end offset of each word. */
  spans: Uint32Array
  /** 1 where only a space stands between a word and the one before. */
  adjacent: Uint8Array
}

type Shape = 'hyphenated' | 'closed' | 'open'

interface Use {
  chapter: number
  place: Span
  form: string
}

interface Finding {
  use: Use
  expected: string
  shape: Shape
  counts: Record<string, number>
  first: Use
  house: boolean
}

export const rule = crossFileRule({
  id: 'inconsistent-hyphenation',
  fix: 'safe',
  summary: 'One compound hyphenated, closed up or open in different places (`e-mail`, `email`, `e mail`).',
  options,
  collect,
  analyse,
  report,
  sheet
})

function collect(tree: Root, file: VFile): Words {
  const found = tokens(tree, file)
  const spans = new Uint32Array(found.length * 2)
  const adjacent = new Uint8Array(found.length)
  const words = found.map((token, index) => {
    spans[2 * index] = token.start
    spans[2 * index + 1] = token.end
    adjacent[index] = token.adjacent ? 1 : 0
    const word = (lowered[token.word] ??= wordOf(token.text))
    return word.capitalised && !token.initial ? '' : word.lower
  })
  return {words: joinColumn(words), spans, adjacent}
}

/** What `wordOf` made of each word, by its number (words/tokens.ts): worked out once per thread and word. */
const lowered: Array<{lower: string; capitalised: boolean}> = []

/**
 * A written word in lower case, or `''` where it can be no part of a compound, and whether it is
 * capitalised (a name unless it begins a sentence).
 */
function wordOf(text: string): {lower: string; capitalised: boolean} {
  const lower = text.toLowerCase()
  // Capitals past the first letter make a name wherever it stands.
  const name = lower !== text && lower.slice(1) !== text.slice(1)
  return {lower: name || !/^\p{Ll}+(?:-\p{Ll}+)*$/u.test(lower) ? '' : lower, capitalised: lower !== text}
}

/** Every use of each compound the book hyphenates somewhere, in any of its forms, by its letters. */
function usesOf(chapters: Words[], settings: Settings): Map<string, Use[]> {
  const columns = chapters.map((chapter) => ({...chapter, words: splitColumn(chapter.words, chapter.adjacent.length)}))
  // Every compound the book hyphenates, by its letters: `e-mail` → `email`.
  const compounds = new Map<string, string[]>()
  for (const {words} of columns)
    for (const word of words) {
      if (!word.includes('-')) continue
      const parts = word.split('-')
      if (parts.length >= 2 && parts.length <= 3 && isCompound(parts)) compounds.set(parts.join(''), parts)
    }
  // A house form that parts its words is a compound whether or not the book still hyphenates it:
  // the house holds a draft that closes up `long-term` everywhere to `long-term`.
  for (const form of settings.forms) {
    const parts = form.toLowerCase().split(/[- ]/)
    if (parts.length >= 2 && parts.length <= 3 && parts.every((part) => part !== '')) compounds.set(parts.join(''), parts)
  }
  const uses = new Map<string, Use[]>()
  const add = (key: string, use: Use) => {
    const list = uses.get(key)
    if (list) list.push(use)
    else uses.set(key, [use])
  }
  columns.forEach(({words, spans, adjacent}, chapter) => {
    const place = (from: number, to: number): Span => ({start: spans[2 * from]!, end: spans[2 * to + 1]!})
    words.forEach((word, index) => {
      if (word === '') return
      const key = word.replaceAll('-', '')
      if (compounds.has(key)) add(key, {chapter, place: place(index, index), form: word})
      // An open form: the compound's parts as words side by side.
      for (const size of settings.open ? [2, 3] : []) {
        const last = index + size - 1
        if (last >= words.length) break
        const run = words.slice(index, last + 1)
        if (run.some((one, at) => one === '' || one.includes('-') || (at > 0 && !adjacent[index + at]))) break
        const parts = compounds.get(run.join(''))
        if (parts?.length === size && parts.every((part, at) => part === run[at]))
          add(run.join(''), {chapter, place: place(index, last), form: run.join(' ')})
      }
    })
  })
  return uses
}

interface Compound {
  uses: Use[]
  counts: Record<string, number>
  /** The house form: the config's, else the most used (a tie goes to the form used first). */
  expected: string
  house: boolean
}

function compoundsOf(chapters: Words[], settings: Settings): Compound[] {
  const house = new Map(settings.forms.map((form) => [form.toLowerCase().replace(/[- ]/g, ''), form.toLowerCase()]))
  return [...usesOf(chapters, settings)].map(([key, uses]) => {
    const counts: Record<string, number> = {}
    for (const use of uses) counts[use.form] = (counts[use.form] ?? 0) + 1
    const chosen = house.get(key)
    const expected = chosen ?? Object.keys(counts).reduce((best, form) => (counts[form]! > counts[best]! ? form : best), uses[0]!.form)
    return {uses, counts, expected, house: chosen !== undefined}
  })
}

function analyse(chapters: Words[], settings: Settings): Finding[][] {
  const findings: Finding[][] = chapters.map(() => [])
  for (const {uses, counts, expected, house} of compoundsOf(chapters, settings)) {
    // One form alone is consistent, unless the house chose another.
    if (uses.every((use) => use.form === expected)) continue
    const first = uses.find((use) => use.form === expected) ?? uses[0]!
    for (const use of uses)
      if (use.form !== expected) findings[use.chapter]!.push({use, expected, shape: shapeOf(use.form), counts, first, house})
  }
  for (const list of findings) list.sort((one, other) => one.use.place.start - other.use.place.start)
  return findings
}

/** Every compound the book hyphenates or closes up, in its house form, most used first, with the uses of its other forms. */
function sheet(chapters: Words[], settings: Settings, _manuscript: unknown, findings: VFileMessage[]): SheetSection {
  const entries = compoundsOf(chapters, settings)
    .sort((one, other) => other.uses.length - one.uses.length)
    .map(({counts, expected}) => ({term: expected, count: counts[expected] ?? 0, exceptions: exceptionsTo(findings, expected)}))
  // The house forms the settings name stay house forms where the book no longer uses them.
  const house = {forms: [...new Set([...settings.forms, ...entries.map((entry) => entry.term)])]}
  return {title: 'Compounds', about: settings.open ? 'hyphenated, closed and open forms' : 'hyphenated and closed forms', entries, house}
}

/**
 * Whether hyphenated parts make a compound that may be closed up: not a stammer (`w-well`,
 * `M-m-m`) or a word with the old prefix `a-` (`a-drinking`), and not `re-` or `pre-` before a
 * word that closed up makes another word (`re-creation` and `recreation`, `re-sign` and
 * `resign`), unless the hyphen only parts two vowels (`re-election`).
 */
function isCompound(parts: string[]): boolean {
  const [first, second] = parts as [string, string]
  if (first === 'a' || (first.length <= 2 && second.startsWith(first))) return false
  if ((first === 're' || first === 'pre') && !second.startsWith('e') && inDictionary(parts.join(''))) return false
  return true
}

function shapeOf(form: string): Shape {
  return form.includes('-') ? 'hyphenated' : form.includes(' ') ? 'open' : 'closed'
}

function report(file: VFile, finding: Finding, files: VFile[]): void {
  const {use, expected, counts, first, house} = finding
  const times = (count: number) => `${count} ${count === 1 ? 'time' : 'times'}`
  const why = house ? 'the config’s house form' : `used ${times(counts[expected] ?? 0)}`
  const original = String(file.value).slice(use.place.start, use.place.end)
  const message = file.message(`Unexpected \`${original}\`, expected \`${expected}\` (${why})`, {
    place: positionOf(file, use.place),
    cause: house ? undefined : causeAt(files[first.chapter]!, first, expected)
  })
  message.actual = original
  // Written as the text writes its first letter, so a fix keeps a sentence's capital.
  message.expected = [original[0] !== original[0]!.toLowerCase() ? expected[0]!.toUpperCase() + expected.slice(1) : expected]
  Object.assign(message, {data: {kind: finding.shape, counts: {...counts}}})
}

function causeAt(file: VFile, use: Use, expected: string): VFileMessage {
  const cause = new VFileMessage(`\`${expected}\` first used here`, {place: positionOf(file, use.place)})
  cause.file = file.path
  return cause
}
