// What a word the dictionary lacks may be: a slip of a word it has (one letter dropped, added,
// changed, or two swapped), or a word it lacks only because it is made from words it has. The
// slips are Damerau's single edits, generated and looked up (Norvig's corrector): a few hundred
// lookups, against the words the book itself uses, which are the likely ones. nspell's own
// `suggest` tries two edits against the whole dictionary and costs tens of milliseconds a word,
// which a book with thousands of rare words cannot pay.
import {inDictionary, type Spelling} from '../dictionary.ts'

const letters = 'abcdefghijklmnopqrstuvwxyz'

/** The words `known` accepts one slip from `word` (lower case): swaps first, then missing, extra and wrong letters. */
export function slipsOf(word: string, known: (candidate: string) => boolean): string[] {
  const found = new Set<string>()
  const probe = (candidate: string) => {
    if (candidate.length > 1 && known(candidate)) found.add(candidate)
  }
  for (let at = 0; at < word.length - 1; at++) probe(word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2))
  for (let at = 0; at <= word.length; at++) for (const letter of letters) probe(word.slice(0, at) + letter + word.slice(at))
  for (let at = 0; at < word.length; at++) probe(word.slice(0, at) + word.slice(at + 1))
  for (let at = 0; at < word.length; at++)
    for (const letter of letters) if (letter !== word[at]) probe(word.slice(0, at) + letter + word.slice(at + 1))
  return [...found]
}

/** Dictionary words with two neighbouring letters of `word` swapped: a slip even of a word the book does not use. */
export function swapsOf(word: string, spelling: Spelling): string[] {
  const found: string[] = []
  for (let at = 0; at < word.length - 1; at++) {
    const candidate = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
    if (candidate !== word && inDictionary(candidate, spelling, false)) found.push(candidate)
  }
  return found
}

/*
 * The affixes English makes new words with freely. Hunspell's affix file lists each stem's own
 * suffixes and few prefixes, so `unmeritorious`, `midmorning` or `hitless` are not in it, yet no
 * copy editor would call them misspelt. Each ending is `[ending, what the stem ends in instead]`.
 */
const prefixes = [
  'un',
  'non',
  'semi',
  're',
  'pre',
  'sub',
  'super',
  'over',
  'under',
  'mid',
  'anti',
  'counter',
  'inter',
  'multi',
  'out',
  'co',
  'de',
  'dis',
  'mis',
  'post',
  'pro',
  'quasi',
  'ultra',
  'macro',
  'micro'
]
const endings: Array<[string, string]> = [
  ['ies', 'y'],
  ['ied', 'y'],
  ['ier', 'y'],
  ['iest', 'y'],
  ['ily', 'y'],
  ['ably', 'able'],
  ['ibly', 'ible'],
  ['ically', 'ic'],
  ['ally', 'al'],
  ['s', ''],
  ['es', ''],
  ['ly', ''],
  ['ness', ''],
  ['less', ''],
  ['ism', ''],
  ['ist', ''],
  ['ists', ''],
  ['like', ''],
  ['ship', ''],
  ['wise', ''],
  ['ward', ''],
  ['ish', ''],
  ['y', ''],
  ['y', 'e'],
  ['ed', 'e'],
  ['er', 'e'],
  // Speech written as heard: `gettin`, `coulda`.
  ['in', 'ing'],
  ['a', '']
]
/** Endings that begin with a vowel drop a stem's final `e` (`taking`), so `takeing` is no derivation. */
const vowelEndings = ['ing', 'ed', 'er', 'ers', 'est', 'eth', 'es']

/**
 * The dictionary words a word (lower case) is made of, if it is: a stem with an affix
 * (`scholastic` for `scholastics`), or two words closed up (`knuckle` and `ball`).
 */
export function partsOf(word: string, spelling: Spelling): string[] | undefined {
  const known = (part: string) => part.length >= 2 && inDictionary(part, spelling, false)
  for (const prefix of prefixes) if (word.startsWith(prefix) && known(word.slice(prefix.length))) return [word.slice(prefix.length)]
  for (const [ending, instead] of endings) {
    const stem = word.slice(0, -ending.length) + instead
    // `yearss` and `alreadyy` are a letter typed twice, not `years` and `already` with an ending.
    const doubled = instead === '' && stem.endsWith(ending[0]!)
    if (word.endsWith(ending) && !doubled && known(stem)) return [stem]
  }
  for (const ending of vowelEndings) {
    const stem = word.slice(0, -ending.length)
    // A stem that doubles its last letter before the ending (`permitted`, `swimming`) makes
    // `permited` and `swiming` slips, not derivations.
    const doubles = known(stem + stem.at(-1) + ending)
    if (word.endsWith(ending) && !stem.endsWith('e') && !doubles && known(stem)) return [stem]
  }
  for (let at = 3; at <= word.length - 3; at++)
    if (known(word.slice(0, at)) && known(word.slice(at))) return [word.slice(0, at), word.slice(at)]
  return undefined
}
