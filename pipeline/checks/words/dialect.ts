// Which of the two spellings of English a word has, and its spelling in the other: `colour` is
// British for American `color`. Both dictionaries decide; the differences below only say where
// to look for the other spelling. A word is one side's when that side's dictionary has it and
// the other's does not, and its counterpart is the other side's.
import {inDictionary, type Spelling} from '../dictionary.ts'

export interface Marked {
  side: Spelling
  /** The same word in the other spelling. */
  counterpart: string
  /** Which difference, as `British/American`: `our/or`, `ise/ize`. */
  difference: string
}

/*
 * The regular differences between British and American spelling (Oxford's and Merriam-Webster's
 * accounts agree on these), as [British, American]. `ise/ize` is the one Oxford spelling takes
 * the American way.
 */
const differences: Array<[string, string, string?]> = [
  ['our', 'or'],
  ['ise', 'ize'],
  ['isi', 'izi', 'ise/ize'],
  ['isa', 'iza', 'ise/ize'],
  ['yse', 'yze'],
  ['ysi', 'yzi', 'yse/yze'],
  ['tre', 'ter'],
  ['ogue', 'og'],
  ['ence', 'ense'],
  ['ll', 'l'],
  ['l', 'll'],
  ['ae', 'e'],
  ['oe', 'e'],
  ['ement', 'ment'],
  ['ey', 'ay'],
  ['mme', 'm'],
  ['que', 'ck'],
  ['ough', 'ow'],
  ['ou', 'o'],
  ['ium', 'um']
]

/** The words both dictionaries have in both forms, which style guides still give a side (Chicago 5.250). */
const directions = new Map<string, Marked>([
  ['towards', {side: 'gb', counterpart: 'toward', difference: 'wards/ward'}],
  ['toward', {side: 'us', counterpart: 'towards', difference: 'wards/ward'}],
  ['afterwards', {side: 'gb', counterpart: 'afterward', difference: 'wards/ward'}],
  ['afterward', {side: 'us', counterpart: 'afterwards', difference: 'wards/ward'}]
])

/** Each word's answer; `null` for a word both spell alike. */
const memo = new Map<string, Marked | null>()

/** The word's side and counterpart (lower case in, lower case out), or undefined for a word both spell alike. */
export function marked(word: string): Marked | undefined {
  const direction = directions.get(word)
  if (direction) return direction
  let found = memo.get(word)
  if (found === undefined) {
    const us = inDictionary(word, 'us')
    found = us === inDictionary(word, 'gb') ? null : counterpartOf(word, us ? 'us' : 'gb')
    memo.set(word, found)
  }
  return found ?? undefined
}

function counterpartOf(word: string, side: Spelling): Marked | null {
  const other: Spelling = side === 'us' ? 'gb' : 'us'
  for (const [british, american, label] of differences) {
    const [from, to] = side === 'us' ? [american, british] : [british, american]
    for (let at = word.indexOf(from); at >= 0; at = word.indexOf(from, at + 1)) {
      const candidate = word.slice(0, at) + to + word.slice(at + from.length)
      if (inDictionary(candidate, other)) return {side, counterpart: candidate, difference: label ?? `${british}/${american}`}
    }
  }
  return null
}
