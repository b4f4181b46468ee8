// `punctuation-style`: marks a book writes two ways: straight and curly quotes or apostrophes,
// closed and spaced dashes, dashes typed as hyphens, `...` and `…`, and the serial comma used and
// omitted (words/marks.ts). For each choice the config's option, else the form the book uses most,
// is the house form, and every use of another is reported. The checks read the text as written:
// the editions set typographic marks whatever the manuscript types (see Typography), so this is
// about the manuscript that editors, other tools and the HTML source read.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {z} from 'zod'
import type {VFileMessage} from 'vfile-message'
import {crossFileRule} from './cross-file.ts'
import type {SheetSection} from './rule.ts'
import {choiceEntry, formCounts} from './sheet.ts'
import {choices, collectMarks, type Choice, type Mark} from './words/marks.ts'
import {positionOf} from './words/place.ts'

const choice = <const T extends readonly [string, ...string[]]>(forms: T) => z.enum(forms).optional()

export const options = z.strictObject({
  quotes: choice(choices.quotes),
  apostrophes: choice(choices.apostrophes),
  dashes: choice(choices.dashes),
  typedDashes: choice(choices['typed-dashes']),
  ellipses: choice(choices.ellipses),
  serialComma: choice(choices['serial-comma'])
})
type Settings = z.output<typeof options>

const optionOf: Record<Choice, keyof Settings> = {
  quotes: 'quotes',
  apostrophes: 'apostrophes',
  dashes: 'dashes',
  'typed-dashes': 'typedDashes',
  ellipses: 'ellipses',
  'serial-comma': 'serialComma'
}

/** How a message names a mark of each form, one and many. */
const names: Record<string, [string, string]> = {
  'quotes:straight': ['straight quote', 'straight quotes'],
  'quotes:curly': ['curly quote', 'curly quotes'],
  'apostrophes:straight': ['straight apostrophe', 'straight apostrophes'],
  'apostrophes:curly': ['curly apostrophe', 'curly apostrophes'],
  'dashes:closed': ['closed dash', 'closed dashes'],
  'dashes:spaced': ['spaced dash', 'spaced dashes'],
  'typed-dashes:hyphens': ['dash typed as hyphens', 'dashes typed as hyphens'],
  'typed-dashes:dash': ['dash', 'dashes'],
  'ellipses:dots': ['ellipsis of three dots', 'ellipses of three dots'],
  'ellipses:character': ['ellipsis character', 'ellipsis characters'],
  'serial-comma:used': ['serial comma', 'serial commas'],
  'serial-comma:omitted': ['list without a serial comma', 'lists without one']
}

interface Finding {
  mark: Mark
  house: string
  counts: Record<string, number>
  configured: boolean
}

export const rule = crossFileRule({
  id: 'punctuation-style',
  fix: 'safe',
  summary: 'Quotes, apostrophes, dashes, ellipses or the serial comma written two ways across the manuscript.',
  options,
  collect: (tree: Root, file: VFile) => collectMarks(tree, file),
  analyse,
  report,
  sheet
})

type Houses = Map<Choice, Omit<Finding, 'mark'>>

/** Each choice's house form: the config's, else the form used most (a tie goes to the form used first). */
function housesOf(chapters: Mark[][], settings: Settings): Houses {
  const all = chapters.flat()
  const houses: Houses = new Map()
  for (const name of Object.keys(choices) as Choice[]) {
    const {counts, majority} = formCounts(
      choices[name],
      all.filter((mark) => mark.choice === name)
    )
    const configured = settings[optionOf[name]]
    houses.set(name, {house: configured ?? majority ?? choices[name][0], counts, configured: configured !== undefined})
  }
  return houses
}

function analyse(chapters: Mark[][], settings: Settings): Finding[][] {
  const houses = housesOf(chapters, settings)
  return chapters.map((marks) =>
    marks.flatMap((mark) => {
      const house = houses.get(mark.choice)!
      return mark.form === house.house ? [] : [{mark, ...house}]
    })
  )
}

/** Each choice the book makes (or the config makes for it), with its uses and the marks written otherwise. */
function sheet(chapters: Mark[][], settings: Settings, _manuscript: unknown, findings: VFileMessage[]): SheetSection {
  const entries = [...housesOf(chapters, settings)]
    .filter(([, {counts}]) => Object.values(counts).some((count) => count > 0))
    .map(([name, {house, counts, configured}]) =>
      choiceEntry(name, {house, counts, setBy: configured ? `\`${optionOf[name]}: ${house}\`` : undefined}, findings)
    )
  const house = Object.fromEntries(
    [...housesOf(chapters, settings)]
      .filter(([, {counts, configured}]) => configured || Object.values(counts).some((count) => count > 0))
      .map(([name, {house}]) => [optionOf[name], house])
  )
  return {title: 'Punctuation', entries, house}
}

function report(file: VFile, {mark, house, counts, configured}: Finding): void {
  const name = (form: string, count = 1) => names[`${mark.choice}:${form}`]![count === 1 ? 0 : 1]
  const because = configured
    ? `the config sets \`${optionOf[mark.choice]}: ${house}\``
    : `the manuscript has ${counts[house]} ${name(house, counts[house])} and ${counts[mark.form]} of these`
  const wanted = mark.choice === 'serial-comma' ? `a ${name(house)}` : `\`${mark.other}\``
  const shown = mark.choice === 'serial-comma' ? '' : ` \`${mark.text}\``
  const message = file.message(`Unexpected ${name(mark.form)}${shown}, expected ${wanted} (${because})`, {place: positionOf(file, mark)})
  message.actual = mark.text
  // A list is rewritten by the editor: where its comma goes is no one mark's change.
  message.expected = mark.choice === 'serial-comma' || mark.other === undefined ? [] : [mark.other]
  Object.assign(message, {data: {kind: mark.choice, form: mark.form, house, counts: {...counts}}})
}
