// `inconsistent-spelling`: British and American spellings mixed in one manuscript (`colour` and
// `color`, `organise` and `organize`, `towards` and `toward`). Which side a word is on comes from
// the two dictionaries (words/dialect.ts); which side the book is on comes from the config's
// `dialect`, else the first chapter's `lang` (`en-GB`, `en-US`), else the side most of its marked
// words take. Every word on the other side is reported with its counterpart as `expected`.
// Capitalised words mid-sentence are names (`Labor Party`, `Pearl Harbor`) and keep their spelling.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {z} from 'zod'
import type {VFileMessage} from 'vfile-message'
import type {Spelling} from './dictionary.ts'
import type {SheetSection} from './rule.ts'
import {exceptionsTo} from './sheet.ts'
import {crossFileRule} from './cross-file.ts'
import {marked, type Marked} from './words/dialect.ts'
import {positionOf, type Span} from './words/place.ts'
import {tokens} from './words/tokens.ts'

export const options = z.strictObject({
  /**
   * The house spelling: `en-US`, `en-GB`, or `en-GB-oxendict` (British with `-ize`, as Oxford
   * spells). Without it, the first chapter's `lang` decides, and without that the book's majority.
   */
  dialect: z.enum(['en-US', 'en-GB', 'en-GB-oxendict']).optional()
})
type Settings = z.output<typeof options>
type Dialect = NonNullable<Settings['dialect']>

interface Use extends Span, Marked {
  word: string
}

interface Features {
  /** The chapter's `lang` when it names a side of English. */
  lang: Dialect | undefined
  uses: Use[]
}

interface Finding {
  use: Use
  dialect: Dialect
  /** Where the dialect comes from: the config, the `lang`, or the book's uses of each side. */
  reason: 'config' | 'lang' | 'majority'
  counts: Record<Spelling, number>
}

const sideNames: Record<Spelling, string> = {us: 'American', gb: 'British'}

export const rule = crossFileRule({
  id: 'inconsistent-spelling',
  fix: 'safe',
  summary: 'British and American spellings mixed (`colour` and `color`, `organise` and `organize`).',
  options,
  collect,
  analyse,
  report,
  sheet
})

function collect(tree: Root, file: VFile): Features {
  const uses: Use[] = []
  for (const token of tokens(tree, file)) {
    let word = sides[token.word]
    if (word === undefined) word = sides[token.word] = sideOf(token.text)
    if (word && (token.initial || !word.capitalised)) uses.push({word: token.text, start: token.start, end: token.end, ...word.marked})
  }
  return {lang: langOf(file), uses}
}

/** What `sideOf` made of each word, by its number (words/tokens.ts): worked out once per thread and word. */
const sides: Array<{marked: Marked; capitalised: boolean} | null> = []

/** A written word's side; null for a word both spell alike, or with other capitals than a sentence's first. */
function sideOf(text: string): {marked: Marked; capitalised: boolean} | null {
  const key = text.toLowerCase()
  const found = /^\p{L}+$/u.test(text) && (key === text || key.slice(1) === text.slice(1)) ? marked(key) : undefined
  return found ? {marked: found, capitalised: key !== text} : null
}

function langOf(file: VFile): Dialect | undefined {
  const lang = (file.data.frontmatter as {lang?: unknown} | undefined)?.lang
  if (typeof lang !== 'string') return undefined
  if (/^en-gb-oxendict$/i.test(lang)) return 'en-GB-oxendict'
  if (/^en-gb\b/i.test(lang)) return 'en-GB'
  return /^en-us\b/i.test(lang) ? 'en-US' : undefined
}

/** The book's side: the config's, the first chapter's `lang`, or the side most of its marked words take. */
function houseOf(chapters: Features[], settings: Settings): Omit<Finding, 'use'> {
  const all = chapters.flatMap((features) => features.uses)
  const counts: Record<Spelling, number> = {us: 0, gb: 0}
  for (const use of all) counts[use.side]++
  const lang = chapters[0]?.lang
  // A tie goes to the side used first.
  const majority: Dialect = counts.gb > counts.us || (counts.gb === counts.us && all[0]?.side === 'gb') ? 'en-GB' : 'en-US'
  return {dialect: settings.dialect ?? lang ?? majority, reason: settings.dialect ? 'config' : lang ? 'lang' : 'majority', counts}
}

function analyse(chapters: Features[], settings: Settings): Finding[][] {
  const house = houseOf(chapters, settings)
  return chapters.map((features) => features.uses.filter((use) => !fits(use, house.dialect)).map((use) => ({use, ...house})))
}

/** The book's spelling and the words that show it, most used first, each with the uses of its other spelling. */
function sheet(chapters: Features[], settings: Settings, _manuscript: unknown, findings: VFileMessage[]): SheetSection {
  const {dialect, reason, counts} = houseOf(chapters, settings)
  const words = new Map<string, number>()
  for (const use of chapters.flatMap((features) => features.uses))
    if (fits(use, dialect)) words.set(use.word.toLowerCase(), (words.get(use.word.toLowerCase()) ?? 0) + 1)
  const decided =
    reason === 'config'
      ? 'set by the config'
      : reason === 'lang'
        ? 'the manuscript’s `lang`'
        : `the majority: ${counts.us} American, ${counts.gb} British`
  // A house spelling the book never uses, only its other one, is still a choice with exceptions.
  for (const message of findings)
    if (!words.has(String(message.expected?.[0]).toLowerCase())) words.set(String(message.expected?.[0]).toLowerCase(), 0)
  const entries = [...words]
    .sort(([, one], [, other]) => other - one)
    .map(([term, count]) => ({term, count, exceptions: exceptionsTo(findings, term)}))
  // A book without a word of either side has made no choice for the house to keep.
  const chosen = reason !== 'majority' || counts.us + counts.gb > 0
  return {title: 'Spelling', about: `${dialect} (${decided})`, entries, house: chosen ? {dialect} : {}}
}

/** Whether a marked word is spelled as the dialect spells: Oxford spelling is British but for `-ize`. */
function fits(use: Use, dialect: Dialect): boolean {
  if (dialect === 'en-US') return use.side === 'us'
  if (dialect === 'en-GB') return use.side === 'gb'
  return use.difference === 'ise/ize' ? use.side === 'us' : use.side === 'gb'
}

function report(file: VFile, finding: Finding): void {
  const {use, dialect, reason, counts} = finding
  const expected = use.word === use.word.toLowerCase() ? use.counterpart : use.counterpart[0]!.toUpperCase() + use.counterpart.slice(1)
  const because =
    reason === 'config'
      ? `the config sets \`${dialect}\``
      : reason === 'lang'
        ? `the manuscript’s \`lang\` is \`${dialect}\``
        : `the manuscript has ${counts[use.side === 'us' ? 'gb' : 'us']} ${sideNames[use.side === 'us' ? 'gb' : 'us']} and ${counts[use.side]} ${sideNames[use.side]}`
  const message = file.message(`Unexpected ${sideNames[use.side]} spelling \`${use.word}\`, expected \`${expected}\` (${because})`, {
    place: positionOf(file, use)
  })
  message.actual = use.word
  message.expected = [expected]
  Object.assign(message, {data: {kind: use.difference, dialect, decidedBy: reason, counts: {...counts}}})
}
