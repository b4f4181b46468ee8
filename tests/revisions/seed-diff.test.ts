// The seed manuscript against a second revision made from it in memory: the repeated
// paragraph deleted, `Wei Feng’s` corrected to `Wei Fenghe’s`, one paragraph moved up.
import path from 'node:path'
import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, it} from 'vitest'
import {chapterFromBytes, parseManuscript, readManuscript} from '../../pipeline/manuscript/read.ts'
import type {ParsedManuscript} from '../../pipeline/manuscript/types.ts'
import {applyOps} from '../../pipeline/revisions/apply.ts'
import {blocksOf, normalise} from '../../pipeline/revisions/blocks.ts'
import {diffManuscripts, type RevisionDiff} from '../../pipeline/revisions/diff.ts'
import {redlineTree} from '../../pipeline/revisions/redline.ts'

let before: ParsedManuscript
let after: ParsedManuscript
let diff: RevisionDiff

beforeAll(async () => {
  before = parseManuscript(await readManuscript({root: path.resolve('manuscript'), cwd: process.cwd()}))
  const [chapter] = before.chapters
  const paragraphs = String(chapter!.file.value).split('\n\n')
  const repeated = paragraphs.filter((paragraph) => paragraph.startsWith('Evidence suggests that there has been intelligence cooperation'))
  expect(repeated).toHaveLength(2)
  paragraphs.splice(paragraphs.indexOf(repeated[1]!), 1)
  const moved = paragraphs.find((paragraph) => paragraph.startsWith('One academic described the visit'))!
  paragraphs.splice(paragraphs.indexOf(moved), 1)
  paragraphs.splice(paragraphs.findIndex((paragraph) => paragraph.startsWith('Chinese minister')) + 1, 0, moved)
  const revised = paragraphs.join('\n\n').replace('Wei Feng’s', 'Wei Fenghe’s')
  after = parseManuscript({root: before.root, chapters: [chapterFromBytes(chapter!.file.path, Buffer.from(revised), process.cwd())]})
  diff = diffManuscripts(before, after)
})

describe('the seed revision', () => {
  it('deletes the repeated paragraph, and only it', () => {
    const deleted = diff.ops.filter((op) => op.op === 'delete')
    expect(deleted.map((op) => op.old.text.slice(0, 62))).toEqual(['Evidence suggests that there has been intelligence cooperation'])
    expect(deleted[0]!.old.text).toContain('Increased sharing of data')
    // It is shown where it stood: right after the first of the two.
    const at = diff.ops.indexOf(deleted[0]!)
    expect(diff.ops[at - 1]).toMatchObject({op: 'equal', new: {text: expect.stringContaining('The maximum sharing of data')}})
  })

  it('shows the name correction as one edit of one word', () => {
    const edits = diff.ops.filter((op) => op.op === 'edit')
    expect(edits).toHaveLength(1)
    expect(edits[0]!.words.segments.filter((segment) => segment.op !== 'equal')).toEqual([
      {op: 'delete', text: 'Feng’s'},
      {op: 'insert', text: 'Fenghe’s'}
    ])
  })

  it('shows the moved paragraph as a move to its new place, not as a deletion and an insertion', () => {
    const moves = diff.ops.filter((op) => op.op === 'move')
    expect(moves).toHaveLength(1)
    expect(moves[0]!.new.text).toMatch(/^One academic described the visit/)
    expect(moves[0]!.words).toBeUndefined()
    expect(diff.ops.indexOf(moves[0]!)).toBe(1)
    expect(diff.ops.filter((op) => op.op === 'insert')).toEqual([])
  })

  it('counts exactly what changed', () => {
    // Removed: the 63 words of the deleted paragraph ("Evidence suggests … more strained.",
    // counted by hand, with "2010", "2012" and "US" as words) and `Feng’s`; added: `Fenghe’s`.
    const counts = {wordsAdded: 1, wordsRemoved: 64, blocksAdded: 0, blocksRemoved: 1, blocksMoved: 1, blocksEdited: 1}
    expect(diff.summary.total).toEqual(counts)
    expect(diff.summary.chapters).toEqual([
      {
        chapter: 'china-iran-military-relations.md',
        old: 'china-iran-military-relations.md',
        new: 'china-iran-military-relations.md',
        status: 'changed',
        ...counts
      }
    ])
  })

  it('replays to the new revision', () => {
    const oldTexts = blocksOf(before.chapters, before.root).flatMap((chapter) => chapter.blocks.map((block) => block.text))
    const newTexts = blocksOf(after.chapters, after.root).flatMap((chapter) => chapter.blocks.map((block) => block.normalised))
    expect(applyOps(oldTexts, diff.ops).map(normalise)).toEqual(newTexts)
  })
})

describe('the seed redline', () => {
  let tree: Root
  beforeAll(() => {
    tree = redlineTree(diff.ops, diff.summary, {title: 'China-Iran Military Relations', oldLabel: 'seed', newLabel: 'revision two'})
  })

  it('marks the corrected name with <del> and <ins> in a changed paragraph', () => {
    const changed = elements(tree, (element) => classes(element).includes('changed'))
    expect(changed).toHaveLength(1)
    expect(toHtml(changed[0]!)).toContain(
      'Other recent events, such as Wei <del class="galley-del">Feng’s</del><ins class="galley-ins">Fenghe’s</ins> visit'
    )
  })

  it('keeps the deleted paragraph, struck through, in a block of its own', () => {
    const deleted = elements(tree, (element) => classes(element).includes('block-deleted'))
    expect(deleted).toHaveLength(1)
    const [del] = deleted[0]!.children as Element[]
    expect(del).toMatchObject({type: 'element', tagName: 'del', properties: {className: ['galley-del']}})
    expect(toString(del!)).toMatch(/^Evidence suggests .* Increased sharing of data .* become more strained\.$/)
  })

  it('links the moved paragraph and its old place to each other', () => {
    const to = elements(tree, (element) => classes(element).includes('moved-to'))
    const from = elements(tree, (element) => classes(element).includes('moved-from'))
    expect(to.map((element) => [element.properties.id, element.properties.href, toString(element)])).toEqual([
      ['move-1-to', '#move-1-from', 'Moved from ↓']
    ])
    expect(from.map((element) => element.properties.id)).toEqual(['move-1-from'])
    const back = elements(from[0]!, (element) => element.tagName === 'a')
    expect(back.map((element) => [element.properties.href, toString(element)])).toEqual([['#move-1-to', 'Moved to ↑']])
    // The paragraph stands second; the placeholder where it was, between its old neighbours.
    const section = elements(tree, (element) => element.tagName === 'section')[0]!
    const blocks = (section.children as Element[]).filter((element) => element.tagName === 'p').map((element) => toString(element))
    expect(blocks[1]).toMatch(/^Moved from ↓ One academic described the visit/)
    const placeholder = blocks.indexOf('Moved to ↑')
    expect(blocks[placeholder - 1]).toMatch(/^However, as Nicole Grejowski/)
    expect(blocks[placeholder + 1]).toMatch(/^However, the perception/)
  })

  it('opens with the summary table', () => {
    const table = elements(tree, (element) => element.tagName === 'table')[0]!
    const rows = elements(table, (element) => element.tagName === 'tr').map((row) =>
      elements(row, (cell) => cell.tagName === 'td' || cell.tagName === 'th').map((cell) => toString(cell))
    )
    expect(rows).toEqual([
      ['Chapter', 'Words added', 'Words removed', 'Blocks added', 'Blocks removed', 'Blocks moved', 'Blocks edited'],
      ['china-iran-military-relations.md', '1', '64', '0', '1', '1', '1'],
      ['Total', '1', '64', '0', '1', '1', '1']
    ])
  })
})

function elements(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (element: Element) => {
    if (test(element)) found.push(element)
  })
  return found
}

function classes(element: Element): string[] {
  const className = element.properties.className
  return Array.isArray(className) ? className.map(String) : []
}
