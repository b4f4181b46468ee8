// How much a revision changed, per chapter and in total. Every block falls in one category:
// a moved block counts as moved even when it was edited on the way (its words still count),
// so old blocks = equal + edited + moved + removed and new blocks = equal + edited + moved + added.
import type {Op} from './align.ts'
import type {Block} from './blocks.ts'
import {countWords} from './words.ts'
import {textTable} from './text-table.ts'

export interface Counts {
  wordsAdded: number
  wordsRemoved: number
  blocksAdded: number
  blocksRemoved: number
  blocksMoved: number
  blocksEdited: number
}

/** A chapter of either revision; a chapter renamed between them has both paths. */
export interface ChapterPair {
  old?: string
  new?: string
}

export type ChapterStatus = 'added' | 'removed' | 'renamed' | 'changed' | 'unchanged'

export interface ChapterSummary extends Counts, ChapterPair {
  /** The new path, or the old one for a removed chapter. */
  chapter: string
  status: ChapterStatus
}

export interface Summary {
  chapters: ChapterSummary[]
  total: Counts
}

export function summarise(ops: Op[], chapters: ChapterPair[]): Summary {
  const locate = chapterLocator(chapters)
  const counts = new Map(chapters.map((pair) => [pair.new ?? pair.old!, zero()]))
  const total = zero()
  for (const op of ops) {
    const place = counts.get(op.op === 'delete' ? locate(op.old, 'old') : locate(op.new, 'new'))!
    for (const tally of [place, total]) count(tally, op)
  }
  return {
    total,
    chapters: chapters.map((pair) => {
      const chapter = pair.new ?? pair.old!
      const tally = counts.get(chapter)!
      return {chapter, ...pair, status: statusOf(pair, tally), ...tally}
    })
  }
}

/** Which chapter (by its summary name) a block of the old or the new revision belongs to. */
export function chapterLocator(chapters: ChapterPair[]): (block: Block, side: 'old' | 'new') => string {
  const ofOld = new Map<string, string>()
  const ofNew = new Map<string, string>()
  for (const pair of chapters) {
    const name = pair.new ?? pair.old!
    if (pair.old !== undefined) ofOld.set(pair.old, name)
    if (pair.new !== undefined) ofNew.set(pair.new, name)
  }
  return (block, side) => {
    const name = (side === 'old' ? ofOld : ofNew).get(block.chapter)
    if (name === undefined) throw new Error(`block of chapter ${block.chapter} (${side}) is in no chapter of the diff`)
    return name
  }
}

export function hasChanges(counts: Counts): boolean {
  return counts.blocksAdded + counts.blocksRemoved + counts.blocksMoved + counts.blocksEdited > 0
}

function count(tally: Counts, op: Op): void {
  switch (op.op) {
    case 'insert':
      tally.blocksAdded++
      tally.wordsAdded += countWords(op.new.text)
      break
    case 'delete':
      tally.blocksRemoved++
      tally.wordsRemoved += countWords(op.old.text)
      break
    case 'edit':
      tally.blocksEdited++
      tally.wordsAdded += op.words.added
      tally.wordsRemoved += op.words.removed
      break
    case 'move':
      tally.blocksMoved++
      tally.wordsAdded += op.words?.added ?? 0
      tally.wordsRemoved += op.words?.removed ?? 0
      break
    case 'equal':
      break
  }
}

function statusOf(pair: ChapterPair, tally: Counts): ChapterStatus {
  if (pair.old === undefined) return 'added'
  if (pair.new === undefined) return 'removed'
  if (pair.old !== pair.new) return 'renamed'
  return hasChanges(tally) ? 'changed' : 'unchanged'
}

function zero(): Counts {
  return {wordsAdded: 0, wordsRemoved: 0, blocksAdded: 0, blocksRemoved: 0, blocksMoved: 0, blocksEdited: 0}
}

/** The summary for the terminal: one row per chapter, then the total and the finding delta. */
export function summaryText(summary: Summary, delta: Array<{state: 'introduced' | 'fixed' | 'persisting'}>, heading: string): string {
  const header = ['chapter', 'status', '+words', '-words', '+blocks', '-blocks', 'moved', 'edited']
  const row = (name: string, status: string, c: Counts) => [
    name,
    status,
    ...[c.wordsAdded, c.wordsRemoved, c.blocksAdded, c.blocksRemoved, c.blocksMoved, c.blocksEdited].map(String)
  ]
  const rows = [...summary.chapters.map((c) => row(c.chapter, c.status, c)), row('total', '', summary.total)]
  const count = (state: string) => delta.filter((entry) => entry.state === state).length
  return [
    heading,
    textTable(header, rows, 2),
    `findings: ${count('introduced')} introduced, ${count('fixed')} fixed, ${count('persisting')} persisting`
  ].join('\n')
}
