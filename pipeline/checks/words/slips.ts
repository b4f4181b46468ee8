// What a word the dictionary lacks may be: a slip of a word it has (one letter dropped, added,
// changed, or two swapped), or a word it lacks only because it is made from words it has. The
// slips are Damerau's single edits (Norvig's corrector), looked for among the words the book
// itself uses, which are the likely ones. nspell's own `suggest` tries two edits against the
// whole dictionary and costs tens of milliseconds a word, which a book with thousands of rare
// words cannot pay.
import {inDictionary, type Spelling} from '../dictionary.ts'

const letters = 'abcdefghijklmnopqrstuvwxyz'

/**
 * The words of a set one slip from a word (lower case): two letters swapped, then a letter
 * missing, extra or wrong, each by place and by letter (`a` to `z`). The set is indexed by each
 * word and each of its one-letter deletions (SymSpell's symmetric deletion, as words/near.ts
 * does), under which every word one slip away shares a key with the word asked about: a few map
 * reads a word, where generating its slips and looking each up took hundreds.
 */
export function slipFinder(words: Iterable<string>): (word: string) => string[] {
  const index = new Map<string, string[]>()
  for (const known of words) {
    for (const key of deletionKeys(known)) {
      const list = index.get(key)
      if (list) list.push(known)
      else index.set(key, [known])
    }
  }
  return (word) => {
    const ranked: Array<[number, string]> = []
    const seen = new Set<string>()
    for (const key of deletionKeys(word)) {
      for (const candidate of index.get(key) ?? []) {
        if (seen.has(candidate)) continue
        seen.add(candidate)
        const rank = slipRank(word, candidate)
        if (rank !== undefined) ranked.push([rank, candidate])
      }
    }
    return ranked.sort((one, other) => one[0] - other[0]).map(([, candidate]) => candidate)
  }
}

/** The word itself and the word with each one letter deleted. */
function deletionKeys(word: string): Set<string> {
  const keys = new Set([word])
  for (let at = 0; at < word.length; at++) keys.add(word.slice(0, at) + word.slice(at + 1))
  return keys
}

/**
 * Which slip of `word` makes `slip`, as one number that orders them: swaps, then letters added,
 * dropped and changed, each by place and letter; undefined if none does.
 */
function slipRank(word: string, slip: string): number | undefined {
  const rank = (kind: number, at: number, letter = '') => kind * 1e7 + at * 32 + (letter ? letters.indexOf(letter) : 0)
  if (slip.length < 2) return undefined
  if (slip.length === word.length) {
    let at = 0
    while (at < word.length && word[at] === slip[at]) at++
    // The word itself, as a swap of a doubled letter (`fulfilled`).
    if (at === word.length) {
      let doubled = 0
      while (doubled < word.length - 1 && word[doubled] !== word[doubled + 1]) doubled++
      return doubled < word.length - 1 ? rank(0, doubled) : undefined
    }
    if (slip[at] === word[at + 1] && slip[at + 1] === word[at] && slip.slice(at + 2) === word.slice(at + 2)) return rank(0, at)
    return letters.includes(slip[at]!) && slip.slice(at + 1) === word.slice(at + 1) ? rank(3, at, slip[at]) : undefined
  }
  // The first place a letter can be added or dropped: in a run of one letter, each place makes the same word.
  if (slip.length === word.length + 1) {
    for (let at = 0; at <= word.length; at++)
      if (slip.slice(0, at) + slip.slice(at + 1) === word) return letters.includes(slip[at]!) ? rank(1, at, slip[at]) : undefined
  }
  if (slip.length === word.length - 1) {
    for (let at = 0; at < word.length; at++) if (word.slice(0, at) + word.slice(at + 1) === slip) return rank(2, at)
  }
  return undefined
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
