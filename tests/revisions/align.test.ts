// The diff never loses text: for random pairs of revisions, replaying the operations on the old
// blocks gives the new ones, and the summary agrees with the operations. And a long manuscript
// aligns without comparing every block with every other.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {ParsedManuscript as Manuscript} from '../../pipeline/manuscript/types.ts'
import type {Op} from '../../pipeline/revisions/align.ts'
import {applyOps} from '../../pipeline/revisions/apply.ts'
import {blocksOf, normalise, type Block} from '../../pipeline/revisions/blocks.ts'
import {diffManuscripts} from '../../pipeline/revisions/diff.ts'
import type {Counts, Summary} from '../../pipeline/revisions/summary.ts'
import {countWords} from '../../pipeline/revisions/words.ts'
import {manuscriptOf} from './manuscript-of.ts'
import {manuscript, revise, revisions} from './random-revisions.ts'

const runs = 200

function allBlocks(revision: Manuscript): Block[] {
  return blocksOf(revision.chapters, revision.root).flatMap((chapter) => chapter.blocks)
}

/** The properties every diff must have, whatever the revisions. */
function expectFaithful(before: Manuscript, after: Manuscript, ops: Op[], summary: Summary): void {
  const oldBlocks = allBlocks(before)
  const newBlocks = allBlocks(after)
  expect(
    applyOps(
      oldBlocks.map((block) => block.text),
      ops
    ).map(normalise)
  ).toEqual(newBlocks.map((block) => block.normalised))
  // In the new order, every new block once.
  expect(ops.flatMap((op) => (op.op === 'delete' ? [] : [op.new.index]))).toEqual(newBlocks.map((_, index) => index))

  const tally = (name: Op['op']) => ops.filter((op) => op.op === name).length
  const {total} = summary
  expect(total.blocksAdded).toBe(tally('insert'))
  expect(total.blocksRemoved).toBe(tally('delete'))
  expect(total.blocksEdited).toBe(tally('edit'))
  expect(total.blocksMoved).toBe(tally('move'))
  expect(tally('equal') + total.blocksEdited + total.blocksMoved + total.blocksAdded).toBe(newBlocks.length)
  expect(tally('equal') + total.blocksEdited + total.blocksMoved + total.blocksRemoved).toBe(oldBlocks.length)
  const words = (blocks: Block[]) => blocks.reduce((sum, block) => sum + countWords(block.text), 0)
  expect(total.wordsAdded - total.wordsRemoved).toBe(words(newBlocks) - words(oldBlocks))
  for (const key of Object.keys(total) as Array<keyof Counts>) {
    expect(summary.chapters.reduce((sum, chapter) => sum + chapter[key], 0)).toBe(total[key])
  }
}

describe('diffManuscripts on random revisions', () => {
  it(`replays to the new revision and counts what it did (${runs} runs)`, () => {
    fc.assert(
      fc.property(revisions, ({blocks, split, commands, newSplit}) => {
        const before = manuscript(blocks, split)
        const after = manuscript(revise(blocks, commands), newSplit)
        const {ops, summary} = diffManuscripts(before, after)
        expectFaithful(before, after, ops, summary)
        if (commands.length === 0) expect(ops.every((op) => op.op === 'equal')).toBe(true)
      }),
      {numRuns: runs}
    )
  })
})

/** Deterministic words for the long manuscript: three syllables, so thousands of distinct words. */
function randomWords(seed: number): () => string[] {
  let state = seed
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const syllables = ['ba', 'ko', 'ri', 'len', 'mar', 'tu', 'ves', 'dor', 'pi', 'sa', 'gen', 'lo', 'fa', 'ni', 'zu', 'chi']
  const word = () => Array.from({length: 3}, () => syllables[Math.floor(next() * syllables.length)]).join('')
  return () => Array.from({length: 8 + Math.floor(next() * 9)}, word)
}

describe('a manuscript of 5,000 blocks', () => {
  const paragraph = randomWords(42)
  const original = Array.from({length: 5000}, () => paragraph())
  const text = (words: string[]) => `${words.join(' ')}.`
  const chapterOf = (paragraphs: string[][]) => manuscriptOf({'long.md': paragraphs.map(text).join('\n\n')})

  it('aligns a revision with deletions, edits, moves and insertions, and counts each exactly', () => {
    const deleted = new Set(original.flatMap((_, index) => (index % 50 === 7 ? [index] : [])))
    const edited = new Set(original.flatMap((_, index) => (index % 37 === 3 && !deleted.has(index) ? [index] : [])))
    const movers = Array.from({length: 20}, (_, k) => 100 + 211 * k).filter((index) => !deleted.has(index) && !edited.has(index))
    const inserted = Array.from({length: 30}, () => paragraph())

    const revised = original.map((words, index) =>
      edited.has(index) ? words.map((word, at) => (at === 2 ? `edit${index}` : word)) : words
    )
    const kept = revised.filter((_, index) => !deleted.has(index) && !movers.includes(index))
    movers.forEach((index, k) => kept.splice(Math.min(kept.length, (index + 1500 + k) % kept.length), 0, revised[index]!))
    inserted.forEach((words, k) => kept.splice(123 * k, 0, words))

    const before = chapterOf(original)
    const after = chapterOf(kept)
    const {ops, summary} = diffManuscripts(before, after)
    expectFaithful(before, after, ops, summary)
    const words = (indexes: Iterable<number>) => [...indexes].reduce((sum, index) => sum + original[index]!.length, 0)
    expect(summary.total).toEqual({
      blocksRemoved: deleted.size,
      blocksEdited: edited.size,
      blocksMoved: movers.length,
      blocksAdded: inserted.length,
      wordsRemoved: words(deleted) + edited.size,
      wordsAdded: inserted.reduce((sum, words) => sum + words.length, 0) + edited.size
    })
  })

  it('aligns a complete rewrite as deletions and insertions', () => {
    const other = randomWords(7)
    const rewritten = Array.from({length: 5000}, () => other())
    const before = chapterOf(original)
    const after = chapterOf(rewritten)
    const {ops, summary} = diffManuscripts(before, after)
    expectFaithful(before, after, ops, summary)
    expect(summary.total).toMatchObject({blocksRemoved: 5000, blocksAdded: 5000, blocksEdited: 0, blocksMoved: 0})
  })
})
