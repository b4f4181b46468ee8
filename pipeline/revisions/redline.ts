// The redline: the new revision's blocks with what changed marked in them, built as hast from
// the diff's operations (never by diffing HTML). Inserted words are <ins>, deleted ones <del>,
// a changed block carries a bar in the margin, and a moved block links to where it came from.
// Underline, strike-through and the bar's line style tell them apart on a grey-scale printer.
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import type {Op} from './align.ts'
import type {Block, Container} from './blocks.ts'
import {addClass, isListed, renderBlock, renderEdited} from './redline-blocks.ts'
import {chapterLocator, type ChapterSummary, type Counts, type Summary} from './summary.ts'

export interface RedlineOptions {
  title: string
  /** How the two revisions are named in the heading, e.g. `v1.0` and `working tree`. */
  oldLabel: string
  newLabel: string
}

type Item = {op: Op; chapter: string} | {from: Extract<Op, {op: 'move'}>; chapter: string}

/** An article: the title, a summary table, then a section per chapter. */
export function redlineTree(ops: Op[], summary: Summary, options: RedlineOptions): Root {
  const byChapter = new Map<string, Item[]>(summary.chapters.map((chapter) => [chapter.chapter, []]))
  for (const item of placeItems(ops, summary)) byChapter.get(item.chapter)!.push(item)
  const moves = numberMoves([...byChapter.values()].flat())
  const sections = summary.chapters.map((chapter) => {
    const rendered = byChapter.get(chapter.chapter)!.map((item) => renderItem(item, moves))
    return h('section.redline-chapter', {dataStatus: chapter.status, dataChapter: chapter.chapter}, [
      h('h2', chapterTitle(chapter)),
      ...groupContainers(rendered)
    ])
  })
  const article = h('article.redline', [
    h('header', [
      h('h1', options.title),
      h('p.redline-revisions', ['Changes from ', h('strong', options.oldLabel), ' to ', h('strong', options.newLabel)]),
      h('p.redline-legend', [
        h('ins.galley-ins', 'Inserted text'),
        ' is underlined, ',
        h('del.galley-del', 'deleted text'),
        ' is struck through; a bar in the margin marks a changed block.'
      ])
    ]),
    summaryTable(summary),
    ...sections
  ])
  return {type: 'root', children: [article]}
}

/** Print-safe: the marks differ in line style, not only in colour. */
export const redlineCss = `
.redline ins.galley-ins { text-decoration: underline; text-decoration-thickness: 0.09em; text-underline-offset: 0.15em; text-decoration-skip-ink: none; background: #e3f4e6; color: #0b5a1d; }
.redline del.galley-del { text-decoration: line-through; text-decoration-thickness: 0.09em; background: #fbe6e4; color: #8c1b10; }
.redline del.galley-del + ins.galley-ins { margin-left: 0.2em; }
.redline .changed, .redline .block-deleted, .redline .moved, .redline .moved-from { border-left: 3px solid #444; padding-left: 0.6em; margin-left: calc(-0.6em - 3px); }
.redline .block-deleted { border-left-style: dashed; }
.redline .moved, .redline .moved-from { border-left-style: double; border-left-width: 4px; }
.redline .moved-from, .redline a.moved-to { font-style: italic; font-size: 0.85em; color: #555; }
.redline a.moved-to { margin-right: 0.5em; }
.redline .footnote-label { font-weight: bold; }
.redline-summary { border-collapse: collapse; margin: 1em 0 2em; }
.redline-summary th, .redline-summary td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: right; }
.redline-summary th:first-child, .redline-summary td:first-child { text-align: left; }
.redline-summary tr.total td { font-weight: bold; }
@media print {
  .redline ins.galley-ins, .redline del.galley-del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .redline a.moved-to::after, .redline .moved-from a::after { content: ""; }
}
`

/**
 * The operations in order, each in its chapter, and a placeholder where each moved block used
 * to be: right after the block that preceded it in the old order and stayed (or was deleted).
 */
function placeItems(ops: Op[], summary: Summary): Item[] {
  const locate = chapterLocator(summary.chapters)
  const rank = new Map(summary.chapters.flatMap((chapter, at) => (chapter.old === undefined ? [] : [[chapter.old, at] as const])))
  const precedes = (a: Block, b: Block) => {
    const [x, y] = [rank.get(a.chapter)!, rank.get(b.chapter)!]
    return x < y || (x === y && a.index < b.index)
  }
  // Blocks that stayed, were edited or deleted keep the old order among themselves.
  const stayed = ops.map((op) => (op.op === 'equal' || op.op === 'edit' || op.op === 'delete' ? op.old : undefined))
  const nextStayed: Array<Block | undefined> = []
  for (let at = ops.length - 1, next: Block | undefined; at >= 0; at--) {
    nextStayed[at] = next
    next = stayed[at] ?? next
  }
  const waiting = ops.filter((op): op is Extract<Op, {op: 'move'}> => op.op === 'move').sort((a, b) => (precedes(a.old, b.old) ? -1 : 1))
  const items: Item[] = []
  const placeBefore = (bound: Block | undefined) => {
    while (waiting.length > 0 && (bound === undefined || precedes(waiting[0]!.old, bound))) {
      const from = waiting.shift()!
      items.push({from, chapter: locate(from.old, 'old')})
    }
  }
  // With no block that stayed, this places them all.
  placeBefore(stayed.find(Boolean))
  ops.forEach((op, at) => {
    items.push({op, chapter: op.op === 'delete' ? locate(op.old, 'old') : locate(op.new, 'new')})
    // After the last block that stayed, `nextStayed` is undefined and every waiting placeholder goes in.
    if (stayed[at]) placeBefore(nextStayed[at])
  })
  return items
}

interface MoveLink {
  number: number
  /** The block now stands below its old place. */
  down: boolean
}

/** Moves numbered, and their arrows pointing, in the order the redline shows them. */
function numberMoves(items: Item[]): Map<Op, MoveLink> {
  const links = new Map<Op, MoveLink>()
  const fromAt = new Map<Op, number>()
  items.forEach((item, at) => {
    if ('from' in item) fromAt.set(item.from, at)
  })
  let number = 0
  items.forEach((item, at) => {
    if ('op' in item && item.op.op === 'move') links.set(item.op, {number: ++number, down: at > fromAt.get(item.op)!})
  })
  return links
}

function chapterTitle(chapter: ChapterSummary): string {
  switch (chapter.status) {
    case 'added':
      return `${chapter.chapter} (new chapter)`
    case 'removed':
      return `${chapter.chapter} (removed chapter)`
    case 'renamed':
      return `${chapter.chapter} (was ${chapter.old})`
    default:
      return chapter.chapter
  }
}

const columns: Array<[keyof Counts, string]> = [
  ['wordsAdded', 'Words added'],
  ['wordsRemoved', 'Words removed'],
  ['blocksAdded', 'Blocks added'],
  ['blocksRemoved', 'Blocks removed'],
  ['blocksMoved', 'Blocks moved'],
  ['blocksEdited', 'Blocks edited']
]

function summaryTable(summary: Summary): Element {
  const row = (name: string, counts: Counts, className?: string) =>
    h('tr', {className}, [h('td', name), ...columns.map(([key]) => h('td', String(counts[key])))])
  return h('table.redline-summary', [
    h('caption', 'Summary of changes'),
    h('thead', [h('tr', [h('th', {scope: 'col'}, 'Chapter'), ...columns.map(([, label]) => h('th', {scope: 'col'}, label))])]),
    h('tbody', [...summary.chapters.map((chapter) => row(chapterTitle(chapter), chapter)), row('Total', summary.total, 'total')])
  ])
}

interface Rendered {
  element: Element
  container?: Container
}

function renderItem(item: Item, moves: Map<Op, MoveLink>): Rendered {
  if ('from' in item) {
    const {number, down} = moves.get(item.from)!
    const container = item.from.old.container
    const tag = container === 'ul' || container === 'ol' ? 'li' : 'p'
    const link = h('a', {href: `#move-${number}-to`}, `Moved to ${down ? '↓' : '↑'}`)
    return {element: h(`${tag}.moved-from`, {id: `move-${number}-from`}, [link]), container}
  }
  const {op} = item
  switch (op.op) {
    case 'equal':
      return {element: renderBlock(op.new), container: op.new.container}
    case 'insert':
      return {element: mark(renderBlock(op.new), op.new, 'ins', 'changed'), container: op.new.container}
    case 'delete':
      return {element: mark(renderBlock(op.old), op.old, 'del', 'block-deleted'), container: op.old.container}
    case 'edit':
      return {element: renderEdited(op.old, op.new, op.words.segments), container: op.new.container}
    case 'move': {
      const {number, down} = moves.get(op)!
      const element = op.words ? renderEdited(op.old, op.new, op.words.segments) : renderBlock(op.new)
      const link = h('a.moved-to', {id: `move-${number}-to`, href: `#move-${number}-from`}, `Moved from ${down ? '↑' : '↓'}`)
      return {element: addClass(prepend(element, op.new, link), 'moved'), container: op.new.container}
    }
  }
}

const inlineHolders = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Wrap a whole block in <ins> or <del>: inside it when it holds text, around it when it holds blocks. */
function mark(element: Element, block: Block, tag: 'ins' | 'del', className: string): Element {
  const wrapper = h(`${tag}.galley-${tag}`)
  if (inlineHolders.has(element.tagName) && tag === 'ins') {
    wrapper.children = element.children
    element.children = [wrapper]
    return addClass(element, className)
  }
  if (element.tagName === 'li') {
    wrapper.children = element.children
    return h(`li.${className}`, [wrapper])
  }
  wrapper.children = [element]
  return h(`${isListed(block) ? 'li' : 'div'}.${className}`, [wrapper])
}

function prepend(element: Element, block: Block, link: Element): Element {
  if (inlineHolders.has(element.tagName)) {
    element.children = [link, {type: 'text', value: ' '}, ...element.children]
    return element
  }
  return h(isListed(block) ? 'li' : 'div', [link, element])
}

/** Consecutive list items back into one list, consecutive quoted paragraphs into one quote. */
function groupContainers(rendered: Rendered[]): Element[] {
  const result: Element[] = []
  let open: {container: Container; element: Element} | undefined
  for (const {element, container} of rendered) {
    if (!container) {
      open = undefined
      result.push(element)
      continue
    }
    if (open?.container !== container) {
      open = {container, element: h(container)}
      result.push(open.element)
    }
    open.element.children.push(element)
  }
  return result
}
