// `number-style`: numbers a book writes two ways: small numbers as words and as numerals
// (`seven`, `7`), `%`, `percent` and `per cent`, thousands with and without a comma, and ranges
// with a hyphen instead of an en dash (`1990-95`). The config's `style` (`chicago` or `ap`) or an
// option per choice sets the house form; otherwise the form the book uses most is the house form,
// and small numbers are those Chicago spells out (to one hundred). Labels and measures keep their
// figures whatever the style: `page 7`, `May 3`, `7 km`, `5%`.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {z} from 'zod'
import type {VFileMessage} from 'vfile-message'
import {crossFileRule} from './cross-file.ts'
import type {SheetSection} from './rule.ts'
import {choiceEntry, formCounts} from './sheet.ts'
import {collectNumbers, numberChoices, otherForm, type NumberChoice, type NumberUse} from './words/numbers.ts'
import {positionOf} from './words/place.ts'

export const options = z.strictObject({
  /** A house style's choices: Chicago (words to one hundred, `percent`, en-dash ranges) or AP (words to nine, `%`, hyphen ranges). */
  style: z.enum(['chicago', 'ap']).optional(),
  smallNumbers: z.enum(numberChoices['small-numbers']).optional(),
  percent: z.enum(numberChoices.percent).optional(),
  thousands: z.enum(numberChoices.thousands).optional(),
  ranges: z.enum(numberChoices.ranges).optional()
})
type Settings = z.output<typeof options>

const optionOf: Record<NumberChoice, Exclude<keyof Settings, 'style'>> = {
  'small-numbers': 'smallNumbers',
  percent: 'percent',
  thousands: 'thousands',
  ranges: 'ranges'
}

const styles: Record<'chicago' | 'ap', Record<NumberChoice, string>> = {
  chicago: {'small-numbers': 'words', percent: 'percent', thousands: 'comma', ranges: 'en-dash'},
  ap: {'small-numbers': 'words', percent: 'symbol', thousands: 'comma', ranges: 'hyphen'}
}

interface House {
  form: string
  counts: Record<string, number>
  /** What set it: `style: chicago`, `percent: symbol`, or the book's counts. */
  by: string | undefined
}

interface Finding {
  use: NumberUse
  expected: string
  house: House
}

export const rule = crossFileRule({
  id: 'number-style',
  fix: 'safe',
  summary: 'Numbers written two ways: `seven` and `7`, `%` and `percent`, `10,000` and `10000`, `1990-95` and `1990–95`.',
  options,
  collect: (tree: Root, file: VFile) => collectNumbers(tree, file),
  analyse,
  report,
  sheet
})

function housesOf(chapters: NumberUse[][], settings: Settings): Map<NumberChoice, House> {
  const all = chapters.flat()
  const houses = new Map<NumberChoice, House>()
  for (const choice of Object.keys(numberChoices) as NumberChoice[]) {
    const small = (use: NumberUse) => choice !== 'small-numbers' || settings.style === 'chicago' || use.value! <= 9
    const {counts, majority} = formCounts(
      numberChoices[choice],
      all.filter((use) => use.choice === choice && small(use))
    )
    const option = settings[optionOf[choice]]
    const form = option ?? (settings.style ? styles[settings.style][choice] : (majority ?? ''))
    const by = option ? `\`${optionOf[choice]}: ${option}\`` : settings.style ? `\`style: ${settings.style}\`` : undefined
    houses.set(choice, {form, counts, by})
  }
  return houses
}

function analyse(chapters: NumberUse[][], settings: Settings): Finding[][] {
  const houses = housesOf(chapters, settings)
  return chapters.map((uses) =>
    uses.flatMap((use) => {
      const house = houses.get(use.choice)!
      const wanted = wantedForm(use, house.form, settings)
      if (use.form === wanted) return []
      const expected = use.choice === 'percent' ? (wanted === 'symbol' ? '%' : ` ${wanted}`) : otherForm(use)
      return expected === undefined ? [] : [{use, expected, house: {...house, form: wanted}}]
    })
  )
}

/** Each number choice the book makes (or its style makes for it), with its uses and the numbers written otherwise. */
function sheet(chapters: NumberUse[][], settings: Settings, _manuscript: unknown, findings: VFileMessage[]): SheetSection {
  const entries = [...housesOf(chapters, settings)]
    .filter(([, {form}]) => form !== '')
    .map(([choice, {form, counts, by}]) => choiceEntry(choice, {house: form, counts, setBy: by}, findings))
  return {
    title: 'Numbers',
    about: settings.style ? `${settings.style} style` : 'the manuscript’s own choices',
    entries,
    house: houseOf(chapters, settings)
  }
}

/**
 * The choices as options: the style and the options the settings name, and the book's own
 * majorities, but for small numbers: the option spells out to one hundred, the majority is
 * counted to nine, so it would hold the book to more than it chose.
 */
function houseOf(chapters: NumberUse[][], settings: Settings): Partial<Settings> {
  const house: Partial<Settings> = settings.style ? {style: settings.style} : {}
  for (const [choice, {form}] of housesOf(chapters, settings)) {
    const option = optionOf[choice]
    if (settings[option]) Object.assign(house, {[option]: settings[option]})
    else if (!settings.style && choice !== 'small-numbers' && form !== '') Object.assign(house, {[option]: form})
  }
  return house
}

/**
 * Which form a number should take. Chicago spells out to one hundred; AP, and a book without a
 * style, only to nine, where the two agree: from 10 up, newspapers, science and sport write
 * figures, and a book that mixes `twelve` and `12` is as often right as not.
 */
function wantedForm(use: NumberUse, house: string, settings: Settings): string {
  if (use.choice !== 'small-numbers') return house
  const spelledTo = settings.style === 'chicago' || settings.smallNumbers ? 100 : 9
  return use.value! <= spelledTo ? house : settings.style === 'ap' ? 'numerals' : use.form
}

/** How a message names numbers of each form, one and many; `%` and its words name themselves. */
const names: Record<string, [string, string]> = {
  'small-numbers:words': ['number in words', 'numbers in words'],
  'small-numbers:numerals': ['number in figures', 'numbers in figures'],
  'percent:symbol': ['', '`%`'],
  'percent:percent': ['', '`percent`'],
  'percent:per cent': ['', '`per cent`'],
  'thousands:comma': ['thousands comma', 'thousands commas'],
  'thousands:none': ['number without a thousands comma', 'numbers without one'],
  'ranges:hyphen': ['range with a hyphen', 'ranges with a hyphen'],
  'ranges:en-dash': ['range with an en dash', 'ranges with an en dash']
}

function report(file: VFile, {use, expected, house}: Finding): void {
  const [one] = names[`${use.choice}:${use.form}`]!
  const many = (form: string) =>
    `${names[`${use.choice}:${form}`]![1]} ${house.counts[form]} ${house.counts[form] === 1 ? 'time' : 'times'}`
  const because = house.by ? `the config sets ${house.by}` : `the manuscript has ${many(house.form)} and ${many(use.form)}`
  const message = file.message(`Unexpected ${one ? `${one} ` : ''}\`${use.text.trim()}\`, expected \`${expected.trim()}\` (${because})`, {
    place: positionOf(file, use)
  })
  message.actual = use.text
  message.expected = [expected]
  Object.assign(message, {data: {kind: use.choice, form: use.form, house: house.form, counts: {...house.counts}}})
}
