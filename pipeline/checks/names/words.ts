// What one chapter gives inconsistent-name: the words that can make a name, in reading order,
// and how the chapter writes its words. Runs on the workers, one chapter at a time.
import type {Heading, Root} from 'mdast'
import type {Root as NlcstRoot, Sentence, Word} from 'nlcst'
import {toString} from 'nlcst-to-string'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {prose} from '../../manuscript/prose.ts'
import {isEnglishWord} from '../dictionary.ts'
import {particles} from './titles.ts'

/** Opening punctuation after which a capital letter is grammar, not a name. */
const openers = new Set(['“', '"', '‘', "'", '«', ':', '—'])

interface Token {
  /** The word as written, without a possessive `’s`. */
  text: string
  /** Offsets in the chapter's text. */
  start: number
  end: number
  /** First word of a sentence, of a quotation or of a heading, where capitals prove nothing. */
  initial: boolean
  /** Capitalised like a name (see `isNameWord`). */
  name: boolean
  /** Had a possessive, which ends the name: `Iran’s Centrifuge Technology Company` is two. */
  possessive: boolean
  /** Keeps a full stop that ends no sentence (see `abbreviated`): `Lond.` is not `London` cut short. */
  abbreviation: boolean
}

/**
 * What one chapter gives the rule: the words that can make a name, in reading order, and how
 * the chapter writes its words. Columns rather than an object per word: a book's worth travels
 * back from the workers and is read from the cache on every run, and objects cost three times
 * the bytes and most of the time.
 */
export interface Names {
  /** Each candidate word as written (`Token.text`); `''` where anything else, or a sentence's end, breaks a run. */
  words: string[]
  /** The start and end offset of each word, two entries per word. */
  spans: Uint32Array
  /** Each word's `initial`, `name`, `possessive` and `abbreviation`, as bits. */
  flags: Uint8Array
  capitalisedMid: Map<string, number>
  lowerCase: Map<string, number>
}

export const initialBit = 1
export const nameBit = 2
export const possessiveBit = 4
export const abbreviationBit = 8

/** The chapter's name-like words, in reading order, and its counts of words by case. */
export function collectWords(tree: Root, file: VFile): Names {
  const lexicon: Lexicon = {capitalisedMid: new Map(), lowerCase: new Map(), nameWords: new Map()}
  const tokens = tokenise(file.data.prose ?? prose(tree, file), tree, lexicon)
  const spans = new Uint32Array(tokens.length * 2)
  const flags = new Uint8Array(tokens.length)
  tokens.forEach((token, index) => {
    if (!token) return
    spans[2 * index] = token.start
    spans[2 * index + 1] = token.end
    flags[index] =
      (token.initial ? initialBit : 0) |
      (token.name ? nameBit : 0) |
      (token.possessive ? possessiveBit : 0) |
      (token.abbreviation ? abbreviationBit : 0)
  })
  return {
    words: tokens.map((token) => token?.text ?? ''),
    spans,
    flags,
    capitalisedMid: lexicon.capitalisedMid,
    lowerCase: lexicon.lowerCase
  }
}

/** How the manuscript writes its words, counted in one pass before names are collected. */
export interface Lexicon {
  capitalisedMid: Map<string, number>
  lowerCase: Map<string, number>
  nameWords: Map<string, boolean>
}

/**
 * The words that can make a name (capitalised words and particles), with `undefined` wherever
 * anything else breaks a run and after every sentence; every word is counted in the lexicon.
 * Only candidates become objects: ordinary words are most of a book.
 */
function tokenise(tree: NlcstRoot, mdast: Root, lexicon: Lexicon): Array<Token | undefined> {
  const headings: Array<[number, number]> = []
  visit(mdast, 'heading', (node: Heading) => {
    if (node.position) headings.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
  })

  const result: Array<Token | undefined> = []
  let next = 0
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    const offset = paragraph.position?.start.offset ?? -1
    while (next < headings.length && headings[next]![1] <= offset) next++
    const heading = next < headings.length && headings[next]![0] <= offset
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      sentenceTokens(sentence, heading, lexicon, result)
      if (result.length > 0 && result.at(-1) !== undefined) result.push(undefined)
    }
  }
  return result
}

function sentenceTokens(sentence: Sentence, heading: boolean, lexicon: Lexicon, tokens: Array<Token | undefined>): void {
  const pushBreak = () => {
    if (tokens.length > 0 && tokens.at(-1) !== undefined) tokens.push(undefined)
  }
  let initial = true
  sentence.children.forEach((node, index) => {
    if (node.type === 'WhiteSpaceNode') return
    if (node.type !== 'WordNode') {
      pushBreak()
      initial = initial || (node.type === 'PunctuationNode' && openers.has(node.value))
      return
    }
    const token = elided(node, sentence.children[index + 1]) ? undefined : wordToken(node, heading || initial)
    initial = false
    if (!token) {
      pushBreak()
      return
    }
    const code = token.text.charCodeAt(0)
    if ((code >= 97 && code <= 122) || (code > 127 && /^\p{Ll}/u.test(token.text))) {
      // Keyed as written: a word in lower case is already lower case but for rare inner capitals.
      lexicon.lowerCase.set(token.text, (lexicon.lowerCase.get(token.text) ?? 0) + 1)
      if (particles.has(token.text)) tokens.push(token)
      else pushBreak()
      return
    }
    // NFC makes `Raïsi` one spelling whichever way it was typed.
    const text = (token.text = token.text.normalize('NFC'))
    let name = lexicon.nameWords.get(text)
    if (name === undefined) lexicon.nameWords.set(text, (name = isNameWord(text)))
    if (!name) {
      pushBreak()
      return
    }
    token.name = true
    token.abbreviation = abbreviated(text, sentence.children, index)
    if (!token.initial) lexicon.capitalisedMid.set(text, (lexicon.capitalisedMid.get(text) ?? 0) + 1)
    tokens.push(token)
  })
}

/**
 * Whether a word drops its `g` in speech (`Racin’ Mare`, for racing): an apostrophe after a word
 * ending in `in` that is a word with the `g`. Such a word is not a spelling of a name. Any other
 * apostrophe after a word may close a quotation (`‘Berlin’`).
 */
function elided(word: Word, next: Sentence['children'][number] | undefined): boolean {
  const parts = word.children
  const apostrophe = isApostrophe(parts.at(-1))
  // Asked of every word of the book: the word's text is read only when an apostrophe follows.
  if (!apostrophe && !isApostrophe(next as Word['children'][number])) return false
  const text = toString(apostrophe ? parts.slice(0, -1) : parts)
  return text.endsWith('in') && isEnglishWord(`${text.toLowerCase()}g`)
}

/**
 * Whether a word keeps a full stop that ends no sentence: followed by a word in lower case, a
 * number or a comma (`24th Ter., will`, `to Lond. as I heare`), it is an abbreviation, not a
 * name cut short.
 */
function abbreviated(text: string, siblings: Sentence['children'], index: number): boolean {
  if (!text.endsWith('.') || text.length < 3) return false
  let next = siblings[index + 1]
  if (next?.type === 'WhiteSpaceNode') next = siblings[index + 2]
  if (next?.type === 'PunctuationNode') return next.value === ','
  return next?.type === 'WordNode' && /^[\p{Ll}\d]/u.test(toString(next))
}

/** The word without a possessive (`Feng’s`, `Jones’`), so the possessive is the same name. */
function wordToken(word: Word, initial: boolean): Token | undefined {
  const parts = word.children
  let last = parts.length - 1
  if (last >= 2 && /^[sS]$/.test(toString(parts[last]!)) && isApostrophe(parts[last - 1])) last -= 2
  else if (last >= 1 && isApostrophe(parts[last])) last -= 1
  const start = parts[0]?.position?.start.offset
  const end = parts[last]?.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const text = last === 0 ? toString(parts[0]!) : toString(parts.slice(0, last + 1))
  return {text, start, end, initial, name: false, possessive: last < parts.length - 1, abbreviation: false}
}

function isApostrophe(node: Word['children'][number] | undefined): boolean {
  return node?.type === 'PunctuationNode' && (node.value === '’' || node.value === "'")
}

/**
 * Whether a word is a contraction of speech (`Y’r`, `I’m`, `C’mon`): one capital, an apostrophe
 * and lower case. A prefix takes a capital after its apostrophe (`O’Neill`, `D’Arcy`).
 */
function contraction(text: string): boolean {
  return /^\p{Lu}['’]\p{Ll}/u.test(text)
}

/**
 * A word that can be part of a name: capitalised with some lower case (all capitals are
 * acronyms, like IRGC), an initial such as `F.`, or a particle joined by a hyphen (`al-Assad`);
 * every hyphenated part must qualify, so `Ministry-affiliated` does not.
 */
export function isNameWord(text: string): boolean {
  if (/^\p{Lu}\.$/u.test(text)) return true
  if (!/\p{Ll}/u.test(text) || /\d/.test(text) || contraction(text)) return false
  return text.split('-').every((part, index, all) => {
    if (index === 0 && all.length > 1 && particles.has(part)) return true
    return /^\p{Lu}[\p{L}’'.]*$/u.test(part)
  })
}
