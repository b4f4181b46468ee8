// `diff`: what changed between two revisions of the manuscript, block by block and word by
// word. Chapters pair up by path; a chapter whose path changed pairs up by its content.
import type {ParsedManuscript} from '../manuscript/types.ts'
import {align, type Op} from './align.ts'
import {blocksOf, type ChapterBlocks} from './blocks.ts'
import {summarise, type ChapterPair, type Summary} from './summary.ts'

export interface RevisionDiff {
  ops: Op[]
  summary: Summary
}

/** Share of blocks (Dice on their hashes) from which two chapters with different paths are one, renamed. */
export const renamedAbove = 0.5

export function diffManuscripts(before: ParsedManuscript, after: ParsedManuscript): RevisionDiff {
  const oldChapters = blocksOf(before.chapters, before.root)
  const newChapters = blocksOf(after.chapters, after.root)
  const chapters = pairChapters(oldChapters, newChapters)
  const oldByName = new Map(oldChapters.map((chapter) => [chapter.chapter, chapter.blocks]))
  // The old blocks in the order of the chapters they pair with, so that a chapter that only
  // changed its name (and with it its place in the order) is not one long move.
  const oldBlocks = chapters.flatMap((pair) => (pair.old === undefined ? [] : oldByName.get(pair.old)!))
  const newBlocks = newChapters.flatMap((chapter) => chapter.blocks)
  const ops = align(oldBlocks, newBlocks)
  return {ops, summary: summarise(ops, chapters)}
}

/**
 * The chapters of both revisions in the new order; a removed chapter comes right after the
 * chapter that preceded it in the old order.
 */
export function pairChapters(before: ChapterBlocks[], after: ChapterBlocks[]): ChapterPair[] {
  const newNames = new Set(after.map((chapter) => chapter.chapter))
  const oldNames = new Set(before.map((chapter) => chapter.chapter))
  const partner = new Map<string, string>()
  for (const chapter of after) if (oldNames.has(chapter.chapter)) partner.set(chapter.chapter, chapter.chapter)

  const lonelyOld = before.filter((chapter) => !newNames.has(chapter.chapter))
  const lonelyNew = after.filter((chapter) => !oldNames.has(chapter.chapter))
  const renames = lonelyNew
    .flatMap((next) => lonelyOld.map((previous) => ({previous, next, score: overlap(previous, next)})))
    .filter((candidate) => candidate.score >= renamedAbove)
    .sort((a, b) => b.score - a.score)
  const renamedFrom = new Set<string>()
  for (const {previous, next} of renames) {
    if (partner.has(next.chapter) || renamedFrom.has(previous.chapter)) continue
    partner.set(next.chapter, previous.chapter)
    renamedFrom.add(previous.chapter)
  }

  const pairs: ChapterPair[] = after.map((chapter) => ({old: partner.get(chapter.chapter), new: chapter.chapter}))
  const paired = new Set(partner.values())
  let previousAt = -1
  for (const chapter of before) {
    if (paired.has(chapter.chapter)) {
      previousAt = pairs.findIndex((pair) => pair.old === chapter.chapter)
      continue
    }
    pairs.splice(++previousAt, 0, {old: chapter.chapter})
  }
  return pairs.map((pair) => (pair.old === undefined ? {new: pair.new} : pair))
}

function overlap(a: ChapterBlocks, b: ChapterBlocks): number {
  const x = new Set(a.blocks.map((block) => block.hash))
  const y = new Set(b.blocks.map((block) => block.hash))
  if (x.size + y.size === 0) return 0
  let shared = 0
  for (const hash of x) if (y.has(hash)) shared++
  return (2 * shared) / (x.size + y.size)
}
