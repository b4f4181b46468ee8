// The numbers of one chapter's prose that a house style decides: small numbers as words or
// numerals (`seven ships`, `7 ships`), `%`, `percent` or `per cent`, thousands with a comma or
// without (`10,000`, `10000`), and ranges with an en dash or a hyphen (`1990–95`, `1990-95`).
// Read from the Markdown's text nodes, as words/marks.ts reads its marks.
import type {Nodes, Root} from 'mdast'
import type {VFile} from 'vfile'
import type {Span} from './place.ts'
import {eachProseText} from './texts.ts'

export const numberChoices = {
  'small-numbers': ['words', 'numerals'],
  percent: ['percent', 'per cent', 'symbol'],
  thousands: ['comma', 'none'],
  ranges: ['en-dash', 'hyphen']
} as const

export type NumberChoice = keyof typeof numberChoices

export interface NumberUse extends Span {
  choice: NumberChoice
  form: string
  text: string
  /** The value, for small numbers: the style decides by it (Chicago spells out to one hundred, AP to nine). */
  value?: number
}

const units = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const teens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']

/** `seven` → 7, `twenty-one` → 21, for the words of two to ninety-nine (`one` is a pronoun as often as a number). */
const wordValues = new Map<string, number>([
  ...units.slice(1).map((word, index): [string, number] => [word, index + 2]),
  ...teens.map((word, index): [string, number] => [word, index + 10]),
  ...tens.flatMap((word, index): Array<[string, number]> => [
    [word, 20 + index * 10],
    ...units.map((unit, at): [string, number] => [`${word}-${unit}`, 20 + index * 10 + at + 1])
  ])
])

/** Capitalised words that open a sentence before a count rather than name a label: `The 2 boys`. */
const sentenceWords = new Set([
  'the',
  'a',
  'an',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'your',
  'for',
  'in',
  'on',
  'by',
  'with',
  'about',
  'only',
  'all',
  'some',
  'after',
  'over',
  'nearly',
  'almost',
  'about',
  'just',
  'another',
  'and',
  'but'
])

/** The number words alone, so that a text's other words cost no match: most of a book is other words. */
const numberWords = new RegExp(`\\b(?:${[...tens, ...teens, ...units.slice(1)].join('|')})(?:-(?:${units.join('|')}))?\\b`, 'gi')

/** Words after which a numeral is a label, not a count: `page 7`, `chapter 12`, `No. 3`. */
const labels =
  /(?:page|pages|p\.|pp\.|chapter|chapters|ch\.|no\.|nos\.|number|vol\.|volume|table|figure|fig\.|section|part|article|route|room|grade|size|step|act|scene|verse|psalm|game|round|channel|apartment|box|item|paragraph|region|line|appendix|exhibit|group|type|class|level|phase|stage|unit|model|series|category|case|rule|point|hole|lane|gate|platform|track|war|girl|boy|subject|patient|sample|january|february|march|april|may|june|july|august|september|october|november|december|jan\.|feb\.|mar\.|apr\.|aug\.|sept?\.|oct\.|nov\.|dec\.)\s$/i

/**
 * Symbols and units, after which a numeral is a measure, in figures in technical text and
 * recipes (`7 km`, `5 cubic inches`, `2 teaspoons`, `3 million`). Time is not a measure here:
 * `nine years` and `three weeks` are prose (Chicago 9.2).
 */
const measures =
  /^\s?(?:%|per ?cent|percent|°|′|″|[ap]\.?m\.?|o'clock|(?:million|billion|trillion|hr|hrs|sec|min|k?m|cm|mm|kg|g|mg|lb|lbs|oz|ft|in\.|mi|mph|km\/h|ml|cc|hz|khz|mhz|kw|psi|rpm|inch|inches|feet|foot|yards?|miles?|meters?|metres?|grams?|kilograms?|pounds?|ounces?|tons?|acres?|degrees?|volts?|watts?|kilowatts?|cubic|square|teaspoons?|tablespoons?|cups?|tsp|tbsp|quarts?|pints?|gallons?)\b)/i

/** The chapter's number uses, each with its choice and form. */
export function collectNumbers(tree: Root, file: VFile): NumberUse[] {
  const uses: NumberUse[] = []
  // A heading's number is its label (`Chapter 4`, `Part 2`), and a link's text names something.
  const labelled = (node: Nodes) => node.type === 'heading' || node.type === 'link'
  eachProseText(
    tree,
    file,
    (value, start) => {
      const add = (use: Omit<NumberUse, 'start' | 'end'>, at: number) =>
        uses.push({...use, start: start + at, end: start + at + use.text.length})
      for (const match of value.matchAll(/(?<![\p{L}\p{N}$£€#.,:/–-])(\d{1,3}(?:,\d{3})+|\d+)(?![\p{L}\p{N}]|[.,:/–-]\d)/gu)) {
        const text = match[0]
        const before = value.slice(Math.max(0, match.index - 12), match.index)
        const after = value.slice(match.index + text.length, match.index + text.length + 12)
        // A long number before a name is a street address (`34220 Viceroy`), not a quantity.
        if (/^\d{5,}$/.test(text) && !/^ \p{Lu}/u.test(after)) add({choice: 'thousands', form: 'none', text}, match.index)
        else if (/^\d{1,3}(?:,\d{3})+$/.test(text) && text.length >= 6) add({choice: 'thousands', form: 'comma', text}, match.index)
        const number = Number(text)
        // A figure among other figures (a score, a table in prose, `3, 4 and 5`) or in parentheses stays one.
        const amongFigures = /\d[^\d]{0,10}$/.test(before) || /^[^\d]{0,10}\d/.test(after) || /\($/.test(before) || /^\)/.test(after)
        // A count stands before what it counts (`7 ships`); a figure after a name or a noun is a
        // label (`Court 7`, `Lemma 2`, `tappet 3`), and after `at` a time (`dinner at 7`).
        const label = /(\p{Lu}[\p{L}.]*|\bat)\s$/u.exec(before)?.[1]
        const counts = /^ \p{Ll}/u.test(after) && (label === undefined || sentenceWords.has(label.toLowerCase()))
        if (
          /^\d{1,3}$/.test(text) &&
          number >= 2 &&
          number <= 100 &&
          counts &&
          !labels.test(before) &&
          !measures.test(after) &&
          !amongFigures
        )
          add({choice: 'small-numbers', form: 'numerals', text, value: number}, match.index)
      }
      for (const match of value.matchAll(numberWords)) {
        const number = wordValues.get(match[0].toLowerCase())
        // A number word before a hyphen is part of a compound (`two-thirds`, `five-year`).
        if (number !== undefined && value[match.index + match[0].length] !== '-' && value[match.index - 1] !== '-')
          add({choice: 'small-numbers', form: 'words', text: match[0], value: number}, match.index)
      }
      // With the space before it, so that `7%` and `7 percent` are one change apart.
      for (const match of value.matchAll(/(?<=\d)\s?(%|per cent|percent)(?!\p{L})/gu))
        add({choice: 'percent', form: match[1] === '%' ? 'symbol' : match[1]!, text: match[0]}, match.index)
      // A range of two numbers, neither part of a longer chain (a telephone number, an ISBN).
      for (const match of value.matchAll(/(?<![\d–-])\d{1,4}([–-])\d{1,4}(?![\d–-])/g))
        add({choice: 'ranges', form: match[1] === '–' ? 'en-dash' : 'hyphen', text: match[0]}, match.index)
    },
    labelled
  )
  return uses.sort((one, other) => one.start - other.start)
}

/** A small number in the other form: `7` → `seven`, `twenty-one` → `21`. */
export function otherForm(use: NumberUse): string | undefined {
  if (use.choice === 'small-numbers') {
    if (use.form === 'words') return String(use.value)
    const word = [...wordValues].find(([, value]) => value === use.value)?.[0] ?? (use.value === 100 ? 'one hundred' : undefined)
    return word
  }
  if (use.choice === 'ranges') return use.text.replace(/[–-]/, use.form === 'hyphen' ? '–' : '-')
  if (use.choice === 'thousands') return use.form === 'comma' ? use.text.replaceAll(',', '') : Number(use.text).toLocaleString('en-US')
  return undefined
}
