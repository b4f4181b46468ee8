// What spelling collects from one chapter: each use of a word neither English dictionary has,
// with what it may be (a swap of a known word's letters, or a word made of known words), and how
// often the chapter uses each word the dictionaries have: the words the rule looks for its
// other slips among, and weighs them by.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {inDictionary, type Spelling} from '../dictionary.ts'
import type {Span} from './place.ts'
import {partsOf, swapsOf} from './slips.ts'
import {tokens, type Token} from './tokens.ts'

/** One use of a word neither dictionary has. */
export interface Unknown extends Span {
  word: string
  /** Capitals there prove nothing (a sentence's first word); otherwise a capital makes a name. */
  initial: boolean
  /** Dictionary words with two of its letters swapped (lower case); none for a name. */
  swaps: string[]
  /** The dictionary words it is made of (a stem and an affix, or two closed up), if it is. */
  parts: string[] | undefined
  /** Whether those are a stem and an affix (`demander`), rather than two words closed up (`midmorning`). */
  affixed: boolean
}

export interface Unknowns {
  /** The dictionary the chapter's `lang` asks for; undefined for a language with none, left unchecked. */
  spelling: Spelling | undefined
  unknown: Unknown[]
  /** Uses of each word the dictionaries have, in lower case. */
  vocabulary: Map<string, number>
}

export function collectUnknown(tree: Root, file: VFile, own: Set<string>): Unknowns {
  const spelling = spellingOf(file)
  const vocabulary = new Map<string, number>()
  if (!spelling) return {spelling, unknown: [], vocabulary}
  const known = (word: string) => own.has(word) || own.has(word.toLowerCase()) || inDictionary(word, 'us') || inDictionary(word, 'gb')
  const verdictOf = verdicts(own, known)
  const unknown: Unknown[] = []
  // The unknown words of the word before, when it is next to this one: a run of them is a phrase.
  let before: readonly Unknown[] = none
  let phrase = false
  for (const token of tokens(tree, file)) {
    const verdict = verdictOf(token)
    // Most words are known: they share one empty list rather than each making its own.
    const found: readonly Unknown[] = verdict.unknown ? unknownParts(token, spelling, known) : none
    if (!verdict.unknown && verdict.checkable) {
      // Words as the language writes them, not names: `portland` is no word to be a slip of.
      const {key} = verdict
      if (key === token.text || (token.initial && verdict.keyKnown)) vocabulary.set(key, (vocabulary.get(key) ?? 0) + 1)
    }
    // Two unknown words side by side are a foreign or made-up phrase (`nolo contendere`,
    // `bete noire`, `mumbo jumbo`), not two slips: neither is kept. An abbreviation (`sp`) is no
    // word of a phrase.
    const joined = token.adjacent && before.some(isWordLike) && found.some(isWordLike)
    if (!joined && !phrase && before.length > 0) unknown.push(...before)
    phrase = joined || (found.length > 1 && token.text.includes('-'))
    before = found
  }
  if (!phrase) unknown.push(...before)
  return {spelling, unknown, vocabulary}
}

const none: readonly Unknown[] = []

/** The unknown words of a word neither dictionary has: a compound is right when each of its words is (`whale-ship`, `ninety-seven`). */
function unknownParts(token: Token, spelling: Spelling, known: (word: string) => boolean): Unknown[] {
  const found: Unknown[] = []
  let offset = token.start
  for (const part of token.text.split('-')) {
    const start = offset
    offset += part.length + 1
    const word = part.replace(/^'+|'+$/g, '')
    if (word.length < 2 || known(word)) continue
    const at = start + part.indexOf(word)
    const initial = token.initial && start === token.start
    found.push({word, start: at, end: at + word.length, initial, ...explain(word, initial, spelling)})
  }
  return found
}

/** What the rule makes of a word as written, whatever its place. */
interface Verdict {
  checkable: boolean
  /** Checkable, and known to neither dictionary nor the project's own words, with or without its hyphens. */
  unknown: boolean
  /** Lower case, and whether that is known: a capitalised first word counts towards the vocabulary then. */
  key: string
  keyKnown: boolean
}

/**
 * Each word's verdict by its number (words/tokens.ts), judged once per thread and set of own
 * words: a book writes its 50,000 words a million times, and three patterns and four lookups a
 * time were most of the rule's cost.
 */
const judged = new Map<string, Verdict[]>()

function verdicts(own: Set<string>, known: (word: string) => boolean): (token: Token) => Verdict {
  const ownKey = [...own].join('\n')
  let memo = judged.get(ownKey)
  if (!memo) judged.set(ownKey, (memo = []))
  const cache = memo
  return ({text, word}) => {
    let verdict = cache[word]
    if (!verdict) {
      const key = text.toLowerCase()
      const isCheckable = checkable(text)
      const unknown = isCheckable && !known(text) && !known(text.replaceAll('-', ''))
      verdict = cache[word] = {checkable: isCheckable, unknown, key, keyKnown: isCheckable && !unknown && key !== text && known(key)}
    }
    return verdict
  }
}

/** A word of a phrase: not an abbreviation (`sp`) or a name (`Lenygon`), which stand beside any word. */
function isWordLike(use: Unknown): boolean {
  return use.word.length >= 3 && (use.initial || use.word === use.word.toLowerCase())
}

/**
 * Letters and hyphens only, with lower case after the first letter. A word with an apostrophe
 * inside is a contraction, which the dictionaries list, or speech written as heard
 * (`rep'tation`, `cain't`), which no dictionary does.
 */
function checkable(text: string): boolean {
  return /^[\p{L}-]+'?$/u.test(text) && /^.\P{Lu}*$/u.test(text) && /\p{Ll}/u.test(text)
}

/** `en`, `en-US` and `en-GB` (any region) have a dictionary; other languages are not checked. */
function spellingOf(file: VFile): Spelling | undefined {
  const lang = (file.data.frontmatter as {lang?: unknown} | undefined)?.lang
  const tag = typeof lang === 'string' ? lang.toLowerCase() : 'en'
  if (tag !== 'en' && !tag.startsWith('en-')) return undefined
  return /^en-(gb|au|nz|ie|za|in)\b/.test(tag) ? 'gb' : 'us'
}

const explained = new Map<string, Pick<Unknown, 'swaps' | 'parts' | 'affixed'>>()

/** What an unknown word may be, worked out once per word and process. */
function explain(word: string, initial: boolean, spelling: Spelling): Pick<Unknown, 'swaps' | 'parts' | 'affixed'> {
  const key = word.toLowerCase()
  // A capital mid-sentence makes a name, which is no slip of a word.
  if (key !== word && !initial) return {swaps: [], parts: undefined, affixed: false}
  const memo = `${spelling}:${key}`
  let found = explained.get(memo)
  if (!found) {
    const parts = partsOf(key, spelling)
    explained.set(memo, (found = {swaps: swapsOf(key, spelling), parts, affixed: parts?.length === 1}))
  }
  return found
}
