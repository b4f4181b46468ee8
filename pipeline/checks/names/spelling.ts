// Whether two spellings are one name, and how they differ: the comparison behind
// inconsistent-name. Candidate pairs come from indexes (`similarPairs`), never from comparing
// every pair; each candidate is then judged by `difference`.
import {doubleMetaphone} from 'double-metaphone'
import {distance} from 'fastest-levenshtein'

/** How a variant differs from the spelling it is reported against: `data.kind` of a finding. */
export type VariantKind =
  'diacritics' | 'truncation' | 'transposition' | 'doubled-letter' | 'missing-letter' | 'substitution' | 'transliteration' | 'hyphenation'

export interface Difference {
  kind: VariantKind
  /** Letters changed (Damerau–Levenshtein: a swap of two neighbours is one). */
  edits: number
}

/** Whether the language knows a word as written: `Iranian` and `Texan` are words of their own. */
export type IsWord = (word: string) => boolean

/**
 * Endings that replace each other to make a different word, not a different spelling: demonyms
 * (Texas, Texan; China, Chinese), feminine forms (Mario, Maria), -ism and -ist, Latin -us
 * (Copernicus, Copernican). `i` and `y` are not among them: `Grejowski` and `Grejowsky` are one
 * name. An ending added to a whole word (`Iraq`, `Iraqi`) is a truncation the counts decide.
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
/** First letters that stand for one sound between alphabets: `Gaddafi`, `Qaddafi`; `Cohen`, `Kohen`; `Evadna`, `Ivadna`. */
const initials = ['cgkq', 'fp', 'ijy', 'dj', 'csz', 'vw', 'aeiou']

/**
 * A word as it sounds, roughly, for transliterations that change more than one letter
 * (`Philip`, `Filip`; `Mohammed`, `Mohamed`; `Wesleyan`, `Vesleyan`, where double metaphone
 * drops the `w`): common digraphs to one letter, doubled letters single, `w` as `v`.
 */
function sounds(word: string): string {
  let result = rough.get(word)
  if (result === undefined) rough.set(word, (result = roughly(word)))
  return result
}

const rough = new Map<string, string>()

function roughly(word: string): string {
  return fold(word)
    .replace(/ph/g, 'f')
    .replace(/ck|q|c(?=[aou]|$)/g, 'k')
    .replace(/([dk])h/g, '$1')
    .replace(/ou|oo/g, 'u')
    .replace(/ee|y/g, 'i')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/(\p{L})\1+/gu, '$1')
}

/**
 * How `a` and `b` differ if they are two spellings of one word, or `undefined`. Case alone, or
 * an abbreviation's full stop, is no difference.
 * - The same letters but for diacritics: `Wałęsa`, `Walesa`.
 * - One a prefix of the other, longer by one or two letters: `Feng`, `Fenghe`; `Raybur`,
 *   `Rayburn`. Not a plural, and not two words the dictionary knows (`Iran`, `Iranian`); the
 *   counts must bear it out.
 * - From five letters on, and not two words the dictionary knows (`Allan`, `Allen` are two
 *   names; in a `fullName`, whose other words agree, two ordinary words in lower case): two
 *   neighbouring letters swapped, a letter left out or doubled (`Hussien`,
 *   `Lwell`, `Monnte`); or, with the same sound (double metaphone) and a first letter of the
 *   same sound, one edit apart (two from eight letters, or any number where `sounds` makes them
 *   one): `Grejowski`, `Grejowsky`; `Gaddafi`, `Qaddafi`; `Hezbollah`, `Hizballah`.
 */
export function difference(a: string, b: string, isWord: IsWord, fullName = false): Difference | undefined {
  const one = a.toLowerCase().replace(/\.$/, '')
  const other = b.toLowerCase().replace(/\.$/, '')
  if (one === other) return undefined
  if (fold(one) === fold(other)) return {kind: 'diacritics', edits: distance(one, other)}
  let common = 0
  while (common < one.length && common < other.length && one[common] === other[common]) common++
  const shorter = Math.min(one.length, other.length)
  if (common === shorter) {
    const extension = (one.length > other.length ? one : other).slice(common)
    const base = one.length > other.length ? other : one
    // A plural adds `s` to a word not ending in `i`, `u` or `s` (`the Kennedys`, `the Carolinas`);
    // a name ending in `-us`, `-is` or `-ss` cut short is no singular (`Perseu`, `Purvi`, `Loveles`).
    const plural = extension === 's' && /[^ius]$/.test(base)
    if (shorter < 3 || !/^\p{L}{1,2}$/u.test(extension) || extension === 'es' || plural) return undefined
    if (isWord(a) && isWord(b)) return undefined
    // The last letter written twice is a slip of the keyboard, not another ending (`Wardenn`).
    if (extension === base.at(-1)) return {kind: 'doubled-letter', edits: 1}
    return {kind: 'truncation', edits: extension.length}
  }
  // `Buddhism`, `Buddhist`: the endings may start before the first differing letter. A letter
  // left out of one ending is a slip, not another ending (`Sullivn`, `Todan`).
  const dropped = Math.abs(one.length - other.length) === 1 && distance(one, other) === 1
  for (let cut = common; !dropped && cut >= Math.max(1, common - 3); cut--) {
    if (swapped.has(one.slice(cut)) && swapped.has(other.slice(cut))) return undefined
  }
  // Two names the dictionary knows are two names, unless the rest of a full name says otherwise;
  // two ordinary words are two words even then (`Southwest Asia`, `Southeast Asia`).
  if (shorter < 5 || (fullName ? isWord(one) && isWord(other) : isWord(a) && isWord(b))) return undefined
  const sameStart = one[0] === other[0]
  // A letter swapped, left out or doubled is a slip of the keyboard, whatever it does to the
  // sound: `Hussien`, `Lwell`, `Monnte`.
  if (sameStart && transposed(one, other)) return {kind: 'transposition', edits: 1}
  const edits = distance(one, other)
  if (sameStart && edits === 1 && one.length !== other.length) {
    const longer = one.length > other.length ? one : other
    const at = [...longer].findIndex((char, index) => char !== (longer === one ? other : one)[index])
    const doubled = longer[at] === longer[at - 1] || longer[at] === longer[at + 1]
    return {kind: doubled ? 'doubled-letter' : 'missing-letter', edits}
  }
  // A letter changed for another must keep the sound: `Fort Mason` and `Fort Macon` are two places.
  const [first, second] = [sound(one), sound(other)]
  if (!first.some((code) => second.includes(code)) && sounds(one) !== sounds(other)) return undefined
  if (!sameStart && !initials.some((group) => group.includes(one[0]!) && group.includes(other[0]!))) return undefined
  if (edits > (shorter >= 8 ? 2 : 1) && sounds(one) !== sounds(other)) return undefined
  if (edits > 1 || !sameStart) return {kind: 'transliteration', edits}
  return {kind: 'substitution', edits}
}

/**
 * Pairs of a word of `words` and a word of `among` (the same list or another) that may be two
 * spellings of one word, each pair once, the `words` one first, with how they differ. Candidates
 * come from indexes: a word's prefixes one or two letters shorter, its diacritics folded, its
 * deletion neighbourhood (every form with one letter removed; two words one edit apart share an
 * entry, as in SymSpell), its rough sound (`sounds`), and for words of eight letters or more,
 * which may differ in two, the long words that begin with the same two letters.
 */
export function similarPairs(words: string[], among: string[], isWord: IsWord, fullName = false): Array<[string, string, Difference]> {
  const pairs = new Map<string, [string, string, Difference]>()
  const add = (word: string, other: string) => {
    if (word === other) return
    const key = word < other ? `${word}\u0000${other}` : `${other}\u0000${word}`
    if (pairs.has(key)) return
    const found = difference(word, other, isWord, fullName)
    if (found) pairs.set(key, [word, other, found])
  }
  // A few words (a block of full names) are compared pair by pair: indexes cost more than they save.
  if (words.length * among.length <= 64) {
    // Within one list each pair would be met twice, the second time only to repeat the answer.
    words.forEach((word, index) => {
      for (const other of words === among ? among.slice(index + 1) : among) add(word, other)
    })
    return [...pairs.values()]
  }
  const present = new Set(among)
  // One index per kind of key, so no key string is built per word. A word of `among` keeps the
  // lists its deletions went into: its lookups are those lists, without the strings again.
  const byFold = new Map<string, string[]>()
  const bySound = new Map<string, string[]>()
  const byDeletion = new Map<string, string[]>()
  const deletionLists = new Map<string, string[][]>()
  const push = (index: Map<string, string[]>, key: string, word: string) => {
    let list = index.get(key)
    if (list) list.push(word)
    else index.set(key, (list = [word]))
    return list
  }
  // Long words may differ in two letters: they are compared within a block of their first two.
  const long = new Map<string, string[]>()
  const letters = new Map<string, number>()
  for (const word of among) {
    push(byFold, fold(word), word)
    if (word.length < 5) continue
    push(bySound, sounds(word), word)
    deletionLists.set(
      word,
      deletions(word).map((variant) => push(byDeletion, variant, word))
    )
    if (word.length >= 8) {
      push(long, fold(word).slice(0, 2), word)
      letters.set(word, letterMask(word))
    }
  }
  for (const word of words) {
    for (const other of byFold.get(fold(word)) ?? []) add(word, other)
    for (let length = Math.max(3, word.length - 2); length < word.length; length++) {
      const prefix = word.slice(0, length)
      if (present.has(prefix)) add(word, prefix)
    }
    if (word.length < 5) continue
    for (const other of bySound.get(sounds(word)) ?? []) add(word, other)
    const lists = deletionLists.get(word) ?? deletions(word).map((variant) => byDeletion.get(variant) ?? [])
    for (const list of lists) for (const other of list) add(word, other)
    if (word.length < 8) continue
    const mask = letters.get(word) ?? letterMask(word)
    for (const other of long.get(fold(word).slice(0, 2)) ?? []) {
      if (Math.abs(other.length - word.length) <= 2 && bits(mask ^ letters.get(other)!) <= 4 && distance(word, other) <= 2) add(word, other)
    }
  }
  return [...pairs.values()]
}

/**
 * The letters a word has, as bits (`1 << code % 32`): an edit changes at most two bits, so two
 * words within two edits differ in at most four, which rules most pairs out before `distance`.
 */
function letterMask(word: string): number {
  let mask = 0
  for (let index = 0; index < word.length; index++) mask |= 1 << (word.charCodeAt(index) & 31)
  return mask
}

/** How many bits are set. */
function bits(mask: number): number {
  let count = 0
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++
  return count
}

/** The word with each one letter left out: two words one edit apart share one of these (SymSpell). */
function deletions(word: string): string[] {
  const result = [word]
  for (let index = 0; index < word.length; index++) result.push(word.slice(0, index) + word.slice(index + 1))
  return result
}

const metaphones = new Map<string, [string, string]>()

/** Double metaphone of a word in lower case, kept: a book asks about the same words again. */
function sound(word: string): [string, string] {
  let codes = metaphones.get(word)
  if (!codes) metaphones.set(word, (codes = doubleMetaphone(word)))
  return codes
}

const folded = new Map<string, string>()

/** A word without its diacritics, for comparing: `Wałęsa` and `Walesa`, `Bogotá` and `Bogota`. */
export function fold(word: string): string {
  let result = folded.get(word)
  if (result === undefined) folded.set(word, (result = withoutDiacritics(word)))
  return result
}

function withoutDiacritics(word: string): string {
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
