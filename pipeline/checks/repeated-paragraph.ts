// `repeated-paragraph`: a paragraph that appears twice in the manuscript, word for word or
// nearly, usually a copy left behind while revising. One pass over the whole manuscript finds
// every pair without comparing all pairs; each chapter then gets the findings on its paragraphs.
import DiffMatchPatch from 'diff-match-patch'
import type {Nodes, Root} from 'mdast'
import type {Root as NlcstRoot, Sentence} from 'nlcst'
import {toString as sentenceText} from 'nlcst-to-string'
import {ParseEnglish} from 'parse-english'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {prose} from '../manuscript/prose.ts'
import {crossFileRule} from './cross-file.ts'
import {bandsOf, hashSequence, hashWord, jaccard, NearIndex, shinglesOf} from './minhash.ts'

export const options = z.strictObject({
  /** Jaccard similarity of word pairs at which two paragraphs count as near-duplicates. */
  threshold: z.number().gt(0).max(1).default(0.8),
  /** Shorter paragraphs are not compared: "See the table below for the figures." may well repeat. */
  minWords: z.number().int().min(1).default(12),
  /** Shorter sentences do not link paragraphs, so a shared "Yes." or "That is not all." is no finding. */
  minSentenceWords: z.number().int().min(1).default(10),
  /** Quotations repeat on purpose (an epigraph, a quoted law), so blockquotes are skipped unless asked. */
  includeQuotes: z.boolean().default(false),
  /** Each table cell counts as a paragraph when tables are included. */
  includeTables: z.boolean().default(false)
})
type Settings = z.output<typeof options>

type Kind = 'exact' | 'near' | 'shared-sentences'

/** What the rule keeps of one paragraph: plain data, collected per chapter. */
interface Paragraph {
  position: Position
  /** Hash of the lowercased words without punctuation: equal keys are exact duplicates. */
  key: number
  /** Each sentence's key (a hash of its words, as `key`) and its number of words. */
  sentenceKeys: Float64Array
  sentenceWords: Uint32Array
  /** Hashes of the word pairs (shingles), sorted and unique, for exact Jaccard. */
  shingles: Uint32Array
  /** Its MinHash bucket keys. */
  bands: Uint32Array
}

interface Unit extends Paragraph {
  /** Reading order across the manuscript. */
  order: number
  chapter: number
}

interface Finding {
  unit: Unit
  earlier: Unit
  kind: Kind
  similarity: number
  shared: number
}

const english = new ParseEnglish()
const differ = new DiffMatchPatch()
// No deadline: a diff must not depend on how busy the machine is.
differ.Diff_Timeout = 0

export const rule = crossFileRule({
  id: 'repeated-paragraph',
  summary: 'A paragraph that stands twice in the manuscript, word for word, nearly, or sharing a sentence.',
  options,
  collect,
  analyse,
  report
})

/**
 * The chapter's paragraphs worth comparing, with their words hashed. Their sentences come from
 * the prose tree the prose checks built anyway; only table cells, which that tree leaves out,
 * are split into sentences here.
 */
export function collect(tree: Root, file: VFile, settings: Settings): Paragraph[] {
  const wordHashes = new Map<string, number>()
  const paragraphs: Paragraph[] = []
  const sentences = sentencesOf(file.data.prose ?? prose(tree, file))
  let next = 0
  for (const node of blocksOf(tree, settings)) {
    const start = node.position.start.offset ?? 0
    const end = node.position.end.offset ?? 0
    let inside: Sentence[]
    if (node.type === 'tableCell') inside = sentencesOf(english.parse(textOf(node)))
    else {
      // Blocks and sentences both come in source order, and blocks do not nest: one walk serves all.
      while (next < sentences.length && offsetOf(sentences[next]!) < start) next++
      const first = next
      while (next < sentences.length && offsetOf(sentences[next]!) < end) next++
      inside = sentences.slice(first, next)
    }
    const paragraph = readParagraph(node, inside, wordHashes, settings.minWords)
    if (paragraph) paragraphs.push(paragraph)
  }
  return paragraphs
}

function sentencesOf(root: NlcstRoot): Sentence[] {
  const sentences: Sentence[] = []
  for (const paragraph of root.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) if (sentence.type === 'SentenceNode') sentences.push(sentence)
  }
  return sentences
}

function offsetOf(sentence: Sentence): number {
  return sentence.position?.start.offset ?? -1
}

function analyse(chapters: Paragraph[][], settings: Settings): Finding[][] {
  const findings: Finding[][] = chapters.map(() => [])
  let order = 0
  const byKey = new Map<number, Unit>()
  const bySentence = new Map<number, Unit>()
  const near = new NearIndex<Unit>()

  chapters.forEach((paragraphs, chapter) => {
    for (const paragraph of paragraphs) {
      const unit: Unit = {...paragraph, chapter, order: order++}
      const finding = compare(unit, settings)
      if (finding) findings[chapter].push(finding)
      if (finding?.kind === 'exact') continue
      byKey.set(unit.key, unit)
      unit.sentenceKeys.forEach((key, index) => {
        if (unit.sentenceWords[index]! >= settings.minSentenceWords && !bySentence.has(key)) bySentence.set(key, unit)
      })
      near.add(unit.bands, unit)
    }
  })

  function compare(unit: Unit, {threshold, minSentenceWords}: Settings): Finding | undefined {
    const exact = byKey.get(unit.key)
    if (exact) return {unit, earlier: exact, kind: 'exact', similarity: 1, shared: unit.sentenceKeys.length}

    const shared = new Map<Unit, number>()
    const seen = new Set<number>()
    unit.sentenceKeys.forEach((key, index) => {
      // A sentence said twice in this paragraph is shared once, so similarity stays within 0–1.
      const earlier = unit.sentenceWords[index]! >= minSentenceWords && !seen.has(key) ? bySentence.get(key) : undefined
      seen.add(key)
      if (earlier) shared.set(earlier, (shared.get(earlier) ?? 0) + 1)
    })

    const candidates = new Set<Unit>(shared.keys())
    near.candidates(unit.bands, candidates)

    let best: Finding | undefined
    for (const earlier of candidates) {
      const similarity = jaccard(unit.shingles, earlier.shingles)
      const count = shared.get(earlier) ?? 0
      const finding: Finding =
        similarity >= threshold
          ? {unit, earlier, kind: 'near', similarity, shared: count}
          : {
              unit,
              earlier,
              kind: 'shared-sentences',
              similarity: count / (unit.sentenceKeys.length + earlier.sentenceKeys.length - count),
              shared: count
            }
      if (finding.kind === 'shared-sentences' && count === 0) continue
      if (!best || outranks(finding, best)) best = finding
    }
    return best
  }

  return findings
}

/** Near beats shared sentences; then the more similar; then the earlier, so repeats point at the first. */
function outranks(a: Finding, b: Finding): boolean {
  if (a.kind !== b.kind) return a.kind === 'near'
  if (a.similarity !== b.similarity) return a.similarity > b.similarity
  return a.earlier.order < b.earlier.order
}

/** Paragraphs (in lists and footnotes too) and, when asked, table cells; never code or HTML. */
function* blocksOf(node: Nodes, settings: Settings): Generator<Nodes & {position: Position}> {
  if (node.type === 'paragraph' || node.type === 'tableCell') {
    if (node.position) yield node as Nodes & {position: Position}
    return
  }
  if (node.type === 'blockquote' && !settings.includeQuotes) return
  if (node.type === 'table' && !settings.includeTables) return
  if (node.type === 'heading' || !('children' in node)) return
  for (const child of node.children) yield* blocksOf(child, settings)
}

/** The paragraph's words and sentences, or nothing when it has fewer than `minWords` words. */
function readParagraph(
  node: Nodes & {position: Position},
  inside: Sentence[],
  wordHashes: Map<string, number>,
  minWords: number
): Paragraph | undefined {
  const sentenceKeys: number[] = []
  const sentenceWords: number[] = []
  const hashesOfWords: number[] = []
  for (const sentence of inside) {
    const start = hashesOfWords.length
    for (const child of sentence.children) {
      // Inline code is a word here: paragraphs that differ only in the command they quote differ.
      if (child.type !== 'WordNode' && child.type !== 'SourceNode') continue
      const written = sentenceText(child)
      let hash = wordHashes.get(written)
      if (hash === undefined) {
        // Case, quotes, apostrophes and hyphens do not make a paragraph different.
        const word = written.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
        wordHashes.set(written, (hash = word ? hashWord(word) : noWord))
      }
      if (hash !== noWord) hashesOfWords.push(hash)
    }
    if (hashesOfWords.length === start) continue
    sentenceKeys.push(hashSequence(hashesOfWords, start, hashesOfWords.length))
    sentenceWords.push(hashesOfWords.length - start)
  }
  if (hashesOfWords.length < minWords) return undefined
  const shingles = shinglesOf(hashesOfWords)
  return {
    position: node.position,
    key: hashSequence(hashesOfWords, 0, hashesOfWords.length),
    sentenceKeys: Float64Array.from(sentenceKeys),
    sentenceWords: Uint32Array.from(sentenceWords),
    shingles,
    bands: bandsOf(shingles)
  }
}

/** Word hashes are 32-bit unsigned; this marks a token with no letters or digits. */
const noWord = -1

/** Like mdast-util-to-string, except that a hard line break separates the words on either side. */
function textOf(node: Nodes): string {
  if (node.type === 'break') return '\n'
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if ('value' in node) return node.value
  return 'children' in node ? node.children.map(textOf).join('') : ''
}

function report(file: VFile, finding: Finding, files: VFile[]): void {
  const {unit, earlier, kind, shared} = finding
  const similarity = Math.round(finding.similarity * 100) / 100
  const path = files[earlier.chapter]?.path ?? file.path
  const {line, column} = earlier.position.start
  const where = `${earlier.chapter === unit.chapter ? '' : `${path}:`}${line}:${column}`
  const reason =
    kind === 'exact'
      ? `Unexpected repeated paragraph, identical to the paragraph at ${where}`
      : kind === 'near'
        ? `Unexpected near-duplicate paragraph, similar to the paragraph at ${where} (similarity ${similarity})`
        : `Unexpected paragraph sharing ${shared} of its ${unit.sentenceKeys.length} sentences with the paragraph at ${where} (similarity ${similarity})`
  const cause = new VFileMessage('Earlier paragraph', {place: earlier.position})
  cause.file = path
  const message = file.message(reason, {place: unit.position, cause})
  const related = [{path, line, column, reason: cause.reason}]
  Object.assign(message, {
    data: {kind, similarity, diff: wordDiff(textAt(files[earlier.chapter] ?? file, earlier.position), textAt(file, unit.position)), related}
  })
}

/**
 * The paragraph as written in the source, for the diff of a finding. Most paragraphs are never
 * reported, so their text is not carried from the collectors; parsing each reported one again
 * would cost more than the finding itself when a whole chapter repeats.
 */
function textAt(file: VFile, position: Position): string {
  return String(file.value).slice(position.start.offset, position.end.offset)
}

/** diff-match-patch on words: each distinct word becomes one character, as its line mode does with lines. */
function wordDiff(before: string, after: string): string {
  const words: string[] = []
  const codes = new Map<string, number>()
  const encode = (text: string) => {
    let encoded = ''
    for (const word of text.match(/\S+/g) ?? []) {
      let code = codes.get(word)
      if (code === undefined) codes.set(word, (code = words.push(word)))
      encoded += String.fromCharCode(code)
    }
    return encoded
  }
  const decode = (encoded: string, from: number, to: number) => {
    const decoded: string[] = []
    for (let index = from; index < to; index++) decoded.push(words[encoded.charCodeAt(index) - 1]!)
    return decoded.join(' ')
  }
  const diffs = differ.diff_main(encode(before), encode(after), false)
  differ.diff_cleanupSemantic(diffs)
  let result = ''
  let previous: number = DiffMatchPatch.DIFF_EQUAL
  for (const [operation, encoded] of diffs) {
    // A replacement reads as one edit, `[-old-]{+new+}`; long unchanged stretches are shortened.
    if (result && !(previous === DiffMatchPatch.DIFF_DELETE && operation === DiffMatchPatch.DIFF_INSERT)) result += ' '
    if (operation === DiffMatchPatch.DIFF_DELETE) result += `[-${decode(encoded, 0, encoded.length)}-]`
    else if (operation === DiffMatchPatch.DIFF_INSERT) result += `{+${decode(encoded, 0, encoded.length)}+}`
    else if (encoded.length > 8) result += `${decode(encoded, 0, 3)} … ${decode(encoded, encoded.length - 3, encoded.length)}`
    else result += decode(encoded, 0, encoded.length)
    previous = operation
  }
  return result
}
