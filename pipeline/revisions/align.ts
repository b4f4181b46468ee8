// Block alignment of two revisions, after Heckel (1978) and patience diff: blocks whose text
// occurs once on each side anchor the alignment, the longest increasing run of anchors is the
// in-order backbone, and a Myers diff (diff-match-patch's) fills each gap between anchors.
// What is left over is paired up: the same text elsewhere is a move, similar text is an edit.
import DiffMatchPatch from 'diff-match-patch'
import type {Block, BlockKind} from './blocks.ts'
import {diffWords, rewrittenBelow, TokenEncoder, tokenize, isWord, type WordDiff} from './words.ts'

export type Op =
  | {op: 'equal'; old: Block; new: Block}
  | {op: 'insert'; new: Block}
  | {op: 'delete'; old: Block}
  | {op: 'edit'; old: Block; new: Block; words: WordDiff}
  /** A block that left its place; `words` when it was also edited on the way. */
  | {op: 'move'; old: Block; new: Block; words?: WordDiff}

/** Word-bigram Dice at or above which a deleted and an inserted block are one block, edited. */
export const similarAbove = 0.5

// The candidate search for similar blocks: each deleted block looks up at most `rareWords` of
// its rarest words, skips words found in more than `postingLimit` inserted blocks, and scores
// only the `candidates` inserted blocks sharing most of them. The work per block is bounded,
// so large revisions stay near-linear; a similar block that shares no rare word is missed and
// shows as a deletion and an insertion, which is still a correct diff.
const rareWords = 12
const postingLimit = 64
const candidates = 8

interface Pair {
  old: number
  new: number
  words?: WordDiff
}

/** The operations that turn `before` into `after`, in the new order, deletions where they stood. */
export function align(before: Block[], after: Block[]): Op[] {
  const equals = inOrderEquals(before, after)
  const pairedOld = new Set(equals.map((pair) => pair.old))
  const pairedNew = new Set(equals.map((pair) => pair.new))
  const deleted = before.map((_, index) => index).filter((index) => !pairedOld.has(index))
  const inserted = after.map((_, index) => index).filter((index) => !pairedNew.has(index))

  const same = pairIdentical(before, after, deleted, inserted)
  const sameOld = new Set(same.map((pair) => pair.old))
  const sameNew = new Set(same.map((pair) => pair.new))
  const similar = pairSimilar(
    before,
    after,
    deleted.filter((i) => !sameOld.has(i)),
    inserted.filter((j) => !sameNew.has(j))
  )
  const {inPlace, moved} = placePairs([...same, ...similar], equals)
  return emit(before, after, mergeInOrder(equals, inPlace), moved)
}

/** Unique anchors, their longest increasing run, and a Myers diff of hashes in every gap. */
function inOrderEquals(before: Block[], after: Block[]): Pair[] {
  const seen = new Map<string, {old: number; new: number; oldAt: number; newAt: number}>()
  const count = (hash: string) => {
    let entry = seen.get(hash)
    if (!entry) seen.set(hash, (entry = {old: 0, new: 0, oldAt: -1, newAt: -1}))
    return entry
  }
  before.forEach((block, index) => {
    const entry = count(block.hash)
    entry.old++
    entry.oldAt = index
  })
  after.forEach((block, index) => {
    const entry = count(block.hash)
    entry.new++
    entry.newAt = index
  })
  const anchors = [...seen.values()]
    .filter((entry) => entry.old === 1 && entry.new === 1)
    .map((entry) => ({old: entry.oldAt, new: entry.newAt}))
    .sort((a, b) => a.old - b.old)
  const backbone = longestIncreasing(anchors, (pair) => pair.new)

  const equals: Pair[] = []
  let fromOld = 0
  let fromNew = 0
  for (const anchor of [...backbone, {old: before.length, new: after.length}]) {
    equals.push(...diffHashes(before, after, fromOld, anchor.old, fromNew, anchor.new))
    if (anchor.old < before.length) equals.push(anchor)
    fromOld = anchor.old + 1
    fromNew = anchor.new + 1
  }
  return equals
}

function diffHashes(before: Block[], after: Block[], oldStart: number, oldEnd: number, newStart: number, newEnd: number): Pair[] {
  if (oldStart >= oldEnd || newStart >= newEnd) return []
  const encoder = new TokenEncoder()
  const a = encoder.encode(before.slice(oldStart, oldEnd).map((block) => block.hash))
  const b = encoder.encode(after.slice(newStart, newEnd).map((block) => block.hash))
  // A gap with more distinct blocks than there are code units is left to the pairing below.
  if (a === undefined || b === undefined) return []
  // Nothing in common (a rewritten stretch): no need for Myers to prove it.
  const shared = new Set(a)
  if (![...b].some((char) => shared.has(char))) return []
  const dmp = new DiffMatchPatch()
  dmp.Diff_Timeout = 0
  const pairs: Pair[] = []
  let i = oldStart
  let j = newStart
  for (const [op, chars] of dmp.diff_main(a, b, false)) {
    if (op === 0) for (let k = 0; k < chars.length; k++) pairs.push({old: i++, new: j++})
    else if (op === -1) i += chars.length
    else j += chars.length
  }
  return pairs
}

/** Deleted and inserted blocks with the same text, first with first. */
function pairIdentical(before: Block[], after: Block[], deleted: number[], inserted: number[]): Pair[] {
  const waiting = new Map<string, number[]>()
  for (const j of inserted) {
    const list = waiting.get(after[j]!.hash)
    if (list) list.push(j)
    else waiting.set(after[j]!.hash, [j])
  }
  const pairs: Pair[] = []
  for (const i of deleted) {
    const j = waiting.get(before[i]!.hash)?.shift()
    if (j !== undefined) pairs.push({old: i, new: j})
  }
  return pairs
}

function pairSimilar(before: Block[], after: Block[], deleted: number[], inserted: number[]): Pair[] {
  if (deleted.length === 0 || inserted.length === 0) return []
  const wordsOf = (block: Block) => tokenize(block.text.toLowerCase()).filter(isWord)
  const oldWords = new Map(deleted.map((i) => [i, wordsOf(before[i]!)]))
  const newWords = new Map(inserted.map((j) => [j, wordsOf(after[j]!)]))
  const newBigrams = new Map<number, Set<string>>()

  const postings = new Map<string, number[]>()
  for (const [j, words] of newWords) {
    for (const word of new Set(words)) {
      const list = postings.get(word)
      if (list) list.push(j)
      else postings.set(word, [j])
    }
  }

  const found: Array<Pair & {score: number}> = []
  for (const [i, words] of oldWords) {
    const bigrams = bigramsOf(words)
    const rare = [...new Set(words)]
      .map((word) => ({word, list: postings.get(word)}))
      .filter((entry): entry is {word: string; list: number[]} => entry.list !== undefined && entry.list.length <= postingLimit)
      .sort((a, b) => a.list.length - b.list.length || (a.word < b.word ? -1 : 1))
      .slice(0, rareWords)
    const votes = new Map<number, number>()
    for (const {list} of rare) for (const j of list) votes.set(j, (votes.get(j) ?? 0) + 1)
    const best = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, candidates)
    for (const [j] of best) {
      if (!pairable(before[i]!.kind, after[j]!.kind)) continue
      if (!newBigrams.has(j)) newBigrams.set(j, bigramsOf(newWords.get(j)!))
      const score = dice(bigrams, newBigrams.get(j)!)
      if (score >= similarAbove) found.push({old: i, new: j, score})
    }
  }

  found.sort((a, b) => b.score - a.score || a.old - b.old || a.new - b.new)
  const usedOld = new Set<number>()
  const usedNew = new Set<number>()
  const pairs: Pair[] = []
  for (const pair of found) {
    if (usedOld.has(pair.old) || usedNew.has(pair.new)) continue
    const words = diffWords(before[pair.old]!.text, after[pair.new]!.text)
    if (words.similarity < rewrittenBelow) continue
    usedOld.add(pair.old)
    usedNew.add(pair.new)
    pairs.push({old: pair.old, new: pair.new, words})
  }
  return pairs
}

const prose = new Set<BlockKind>(['heading', 'paragraph', 'listItem', 'blockquote', 'footnote'])

function pairable(a: BlockKind, b: BlockKind): boolean {
  return a === b || (prose.has(a) && prose.has(b))
}

/** Word bigrams, the ends marked so that one- and two-word blocks still have some. */
function bigramsOf(words: string[]): Set<string> {
  const marked = ['\u0002', ...words, '\u0003']
  const bigrams = new Set<string>()
  for (let k = 1; k < marked.length; k++) bigrams.add(`${marked[k - 1]} ${marked[k]}`)
  return bigrams
}

function dice(x: Set<string>, y: Set<string>): number {
  let shared = 0
  for (const item of x) if (y.has(item)) shared++
  return (2 * shared) / (x.size + y.size)
}

/**
 * A pair whose two blocks sit in the same gap between in-order equals is in place; among the
 * pairs of one gap, the longest run that keeps its order stays in place too. The others moved.
 */
function placePairs(pairs: Pair[], equals: Pair[]): {inPlace: Pair[]; moved: Pair[]} {
  const oldStops = equals.map((pair) => pair.old)
  const newStops = equals.map((pair) => pair.new)
  const byGap = new Map<number, Pair[]>()
  const moved: Pair[] = []
  for (const pair of pairs) {
    const gap = countBelow(oldStops, pair.old)
    if (gap !== countBelow(newStops, pair.new)) moved.push(pair)
    else if (byGap.has(gap)) byGap.get(gap)!.push(pair)
    else byGap.set(gap, [pair])
  }
  const inPlace: Pair[] = []
  for (const group of byGap.values()) {
    group.sort((a, b) => a.old - b.old)
    const kept = new Set(longestIncreasing(group, (pair) => pair.new))
    for (const pair of group) (kept.has(pair) ? inPlace : moved).push(pair)
  }
  return {inPlace, moved}
}

function mergeInOrder(equals: Pair[], inPlace: Pair[]): Pair[] {
  return [...equals, ...inPlace].sort((a, b) => a.old - b.old)
}

function emit(before: Block[], after: Block[], stops: Pair[], moved: Pair[]): Op[] {
  const movedOld = new Set(moved.map((pair) => pair.old))
  const movedTo = new Map(moved.map((pair) => [pair.new, pair]))
  const ops: Op[] = []
  let i = 0
  let j = 0
  for (const stop of [...stops, {old: before.length, new: after.length}]) {
    for (; i < stop.old; i++) if (!movedOld.has(i)) ops.push({op: 'delete', old: before[i]!})
    for (; j < stop.new; j++) {
      const move = movedTo.get(j)
      if (!move) ops.push({op: 'insert', new: after[j]!})
      else if (move.words) ops.push({op: 'move', old: before[move.old]!, new: after[j]!, words: move.words})
      else ops.push({op: 'move', old: before[move.old]!, new: after[j]!})
    }
    if (stop.old < before.length) {
      const old = before[stop.old]!
      const block = after[stop.new]!
      ops.push(stop.words ? {op: 'edit', old, new: block, words: stop.words} : {op: 'equal', old, new: block})
    }
    i = stop.old + 1
    j = stop.new + 1
  }
  return ops
}

/** Patience sorting: the longest subsequence of `items` (in their order) whose keys increase. */
function longestIncreasing<T>(items: T[], key: (item: T) => number): T[] {
  const tails: number[] = []
  const previous: number[] = []
  for (let index = 0; index < items.length; index++) {
    const value = key(items[index]!)
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (key(items[tails[middle]!]!) < value) low = middle + 1
      else high = middle
    }
    previous[index] = low > 0 ? tails[low - 1]! : -1
    tails[low] = index
  }
  const result: T[] = []
  for (let index = tails.at(-1) ?? -1; index !== -1; index = previous[index]!) result.push(items[index]!)
  return result.reverse()
}

/** How many of the sorted `stops` are below `value`. */
function countBelow(stops: number[], value: number): number {
  let low = 0
  let high = stops.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (stops[middle]! < value) low = middle + 1
    else high = middle
  }
  return low
}
