// The words of one chapter as the word rules read them (spelling, inconsistent-spelling,
// inconsistent-hyphenation): each word as written with its offsets, whether capitals there prove
// nothing (a sentence's or a heading's first word), and whether it follows the previous word
// across a plain space, which makes the two an open compound's candidate. Made once per chapter
// and shared by the rules that ask, as each would otherwise walk the same tree again.
import type {Heading, Link, Root} from 'mdast'
import type {Root as NlcstRoot, Sentence} from 'nlcst'
import {toString as nlcstToString} from 'nlcst-to-string'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {prose} from '../../manuscript/prose.ts'
import type {Span} from './place.ts'
import {isAddress} from './texts.ts'

export interface Token extends Span {
  /** As written, apostrophes made straight and without a possessive `’s`. */
  text: string
  /**
   * The same number for the same text, in this thread: the rules remember what they make of each
   * word in arrays by it, as a book writes its 50,000 words a million times.
   */
  word: number
  /** The first word of a sentence, of a quotation or of a heading. */
  initial: boolean
  /** Only a space (or one line break) lies between it and the word before, in one sentence. */
  adjacent: boolean
}

/** Opening punctuation after which a capital letter is grammar, not a name. */
const openers = new Set(['“', '"', '‘', "'", '«', ':', '—', '('])

const memo = new WeakMap<Root, Token[]>()
const maxWord = 64

export function tokens(tree: Root, file: VFile): Token[] {
  let found = memo.get(tree)
  if (!found) memo.set(tree, (found = tokenise(file.data.prose ?? prose(tree, file), tree, String(file.value))))
  return found
}

function tokenise(nlcst: NlcstRoot, mdast: Root, source: string): Token[] {
  const headings = ranges(mdast, 'heading', () => true)
  // A URL or an address written out as its own link text is no word of the language.
  const addresses = ranges(mdast, 'link', isAddress)
  const result: Token[] = []
  for (const paragraph of nlcst.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    const heading = headings(paragraph.position?.start.offset ?? -1)
    for (const sentence of paragraph.children) {
      if (sentence.type === 'SentenceNode') sentenceTokens(sentence, heading, addresses, result, source)
    }
  }
  return result
}

function sentenceTokens(
  sentence: Sentence,
  heading: boolean,
  addresses: (offset: number) => boolean,
  result: Token[],
  source: string
): void {
  let initial = true
  let adjacent = false
  for (const node of sentence.children) {
    if (node.type === 'WhiteSpaceNode') {
      // One space, or a line break inside the paragraph; a blank line or tab run is layout.
      adjacent = adjacent && (node.value === ' ' || node.value === '\n' || node.value === '\r\n')
      continue
    }
    if (node.type !== 'WordNode') {
      initial = initial || (node.type === 'PunctuationNode' && openers.has(node.value))
      adjacent = false
      continue
    }
    // Most words are one piece of text, which is the word as written.
    const [only] = node.children
    const written = node.children.length === 1 && only?.type === 'TextNode' ? only.value : nlcstToString(node)
    // No word of a language is this long (English's longest in a dictionary has 45 letters):
    // it is a hash, a sequence or a hostile line, and looking it up would cost its length squared.
    if (written.length > maxWord) {
      adjacent = false
      continue
    }
    const start = placed(node.position?.start.offset, written, source, result.at(-1)?.end ?? 0)
    if (start === undefined) continue
    const end = start + written.length
    if (addresses(start)) {
      adjacent = false
      continue
    }
    let text = written.replaceAll('’', "'")
    let last = end
    // Asked only of words with an apostrophe: a pattern anchored at the end is tried from every letter.
    const possessive = text.includes("'") ? /'s?$/i.exec(text) : null
    if (possessive && text.length > possessive[0].length + 1) {
      text = text.slice(0, possessive.index)
      last = end - possessive[0].length
    }
    result.push({text, word: numberOf(text), start, end: last, initial: heading || initial, adjacent})
    initial = false
    adjacent = true
  }
}

const numbers = new Map<string, number>()

function numberOf(text: string): number {
  let number = numbers.get(text)
  if (number === undefined) numbers.set(text, (number = numbers.size))
  return number
}

/**
 * Where a word stands in the source. mdast-util-to-nlcst places words by their offset in a text
 * node's value, so after an escape or an entity (`\\*`, `&amp;`) in the same node every word
 * stands a little to the left of where it is written. The word is then looked for just after the
 * word before; one not found there is left out rather than reported in the wrong place.
 */
function placed(offset: number | undefined, word: string, source: string, after: number): number | undefined {
  if (offset === undefined) return undefined
  if (source.startsWith(word, offset)) return offset
  const found = source.indexOf(word, Math.max(after, offset))
  return found >= 0 && found - offset <= 256 ? found : undefined
}

/**
 * Whether an offset lies inside one of the nodes of a type that `keep` accepts. The nodes come in
 * document order and are asked about in document order, so one cursor walks them once.
 */
function ranges<T extends Heading | Link>(tree: Root, type: T['type'], keep: (node: T) => boolean): (offset: number) => boolean {
  const found: Array<[number, number]> = []
  visit(tree, type, (node) => {
    if (node.position && keep(node as T)) found.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
  })
  let next = 0
  return (offset) => {
    while (next < found.length && found[next]![1] <= offset) next++
    return next < found.length && found[next]![0] <= offset
  }
}
