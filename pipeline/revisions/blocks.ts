// The units a revision diff compares: a manuscript cut into blocks (headings, paragraphs, list
// item and quote paragraphs, tables, code, figures, footnotes, raw HTML), each with the text a
// reader sees and a hash of that text normalised, so that re-wrapping a line or straightening
// a quote is no change.
import {createHash} from 'node:crypto'
import path from 'node:path'
import type {Definition, FootnoteDefinition, Nodes, Paragraph, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import type {ParsedChapter} from '../manuscript/types.ts'

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'blockquote' | 'table' | 'code' | 'figure' | 'footnote' | 'html'

/** The element a block sits in, so that the redline can put list items back into a list. */
export type Container = 'ul' | 'ol' | 'blockquote'

export interface Block {
  kind: BlockKind
  /** What the reader sees, whitespace collapsed (code and HTML keep their lines): word diffs run on this. */
  text: string
  /** `text` with whitespace collapsed and quotes unified: what "the same block" means. */
  normalised: string
  hash: string
  /** The chapter's path relative to the manuscript root. */
  chapter: string
  /** Place in its manuscript's reading order, counting blocks across chapters. */
  index: number
  position?: Position
  node: Nodes
  container?: Container
  /** The chapter's link definitions, so that a block rendered alone still resolves `[text][ref]`. */
  definitions: Definition[]
  /** The chapter's notes by identifier → their number, as the editions number them (by first call). */
  notes: Record<string, number>
}

export interface ChapterBlocks {
  chapter: string
  blocks: Block[]
}

/** The blocks of every chapter, in reading order; `index` counts across chapters. */
export function blocksOf(chapters: ParsedChapter[], root: string): ChapterBlocks[] {
  let index = 0
  return chapters.map((chapter) => {
    const name = chapterName(chapter, root)
    const definitions = chapter.tree.children.filter((node): node is Definition => node.type === 'definition')
    const notes = noteNumbers(chapter)
    const blocks: Block[] = []
    collect(chapter.tree.children, undefined, (kind, node, text, identity, container) => {
      const normalised = kind === 'code' || kind === 'html' ? text : normalise(text)
      const hash = createHash('sha256').update(`${kind}\0${identity}\0${normalised}`).digest('hex').slice(0, 20)
      blocks.push({
        kind,
        text,
        normalised,
        hash,
        chapter: name,
        index: index++,
        position: node.position,
        node,
        container,
        definitions,
        notes
      })
    })
    return {chapter: name, blocks}
  })
}

/** Each note's number in its chapter: the order of its first call, as remark-rehype numbers them. */
function noteNumbers(chapter: ParsedChapter): Record<string, number> {
  const numbers: Record<string, number> = {}
  let count = 0
  visit(chapter.tree, 'footnoteReference', (node) => {
    const id = node.identifier.toLowerCase()
    if (!Object.hasOwn(numbers, id)) numbers[id] = ++count
  })
  return numbers
}

/** Chapters are matched across revisions by this name, so two folders or two commits compare alike. */
export function chapterName(chapter: ParsedChapter, root: string): string {
  const file = path.resolve(chapter.file.cwd, chapter.file.path)
  const relative = path.relative(path.resolve(chapter.file.cwd, root), file)
  return (relative === '' || relative.startsWith('..') ? path.basename(file) : relative).split(path.sep).join('/')
}

export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
}

type Emit = (kind: BlockKind, node: Nodes, text: string, identity: string, container?: Container) => void

function collect(nodes: RootContent[], container: Container | undefined, emit: Emit): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        emit('heading', node, collapse(toString(node)), String(node.depth), container)
        break
      case 'paragraph': {
        const kind = isFigure(node) ? 'figure' : container === 'blockquote' ? 'blockquote' : container ? 'listItem' : 'paragraph'
        emit(kind, node, collapse(toString(node)), kind === 'figure' ? sources(node) : '', container)
        break
      }
      case 'list':
        for (const item of node.children) collect(item.children, node.ordered ? 'ol' : 'ul', emit)
        break
      case 'blockquote':
        collect(node.children, 'blockquote', emit)
        break
      case 'table':
        emit('table', node, tableText(node), (node.align ?? []).join(','), container)
        break
      case 'code':
        emit('code', node, node.value, node.lang ?? '', container)
        break
      case 'html':
        // Comments are notes to the editors, not text of the book.
        if (!/^<!--[^]*-->$/.test(node.value.trim())) emit('html', node, node.value, '', container)
        break
      case 'footnoteDefinition':
        emit('footnote', node, footnoteText(node), node.identifier, container)
        break
      default:
        // Frontmatter, link definitions and thematic breaks carry no text of their own.
        break
    }
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function isFigure(node: Paragraph): boolean {
  const visible = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  return visible.length > 0 && visible.every((child) => child.type === 'image' || child.type === 'imageReference')
}

/** Two figures with the same caption but different images are different blocks. */
function sources(node: Paragraph): string {
  return node.children
    .map((child) => (child.type === 'image' ? child.url : child.type === 'imageReference' ? child.identifier : ''))
    .join(' ')
}

/** `toString` runs the cells together ("AB"); rows on lines and cells apart keep the words apart. */
function tableText(node: Table): string {
  return node.children.map((row) => row.children.map((cell) => collapse(toString(cell))).join(' | ')).join('\n')
}

function footnoteText(node: FootnoteDefinition): string {
  return node.children.map((child) => collapse(toString(child))).join(' ')
}
