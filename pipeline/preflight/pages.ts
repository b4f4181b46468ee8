// What the preflight reads back from a printed PDF, and what its rules report. Lengths are PDF
// points in the page's default user space: the origin at the bottom left, y growing upwards.
import type {Position} from 'unist'

export interface Box {
  left: number
  bottom: number
  right: number
  top: number
}

/** One printed line of the book's content (running heads and folios are left out). */
export interface PrintedLine {
  text: string
  /** Where its first glyph starts and its last glyph ends. */
  left: number
  right: number
  baseline: number
  /** The size of its largest glyphs. */
  size: number
  /** Its block, as an index into `PrintedBook.blocks`, when it belongs to one. */
  block?: number
}

/** Glyphs of one font in one block (or outside any) on a page. */
export interface FontUse {
  /** The font's PostScript name, without a subset prefix: `SourceSerif4-Regular`. */
  font: string
  text: string
  /** Glyphs drawn as `.notdef`, the empty box of a character the font does not have. */
  missing: number
  block?: number
}

export interface PlacedImage {
  pixels: {width: number; height: number}
  /** The printed size, in points. */
  placed: {width: number; height: number}
  block?: number
}

/** A link to a place in the PDF: its text, the text after it on its line, and the page it leads to. */
export interface PageLink {
  text: string
  after: string
  /** Whether it starts its line, as a contents entry does. */
  startsLine: boolean
  target: number
}

export interface PrintedPage {
  /** 1-based, counting every page of the file. */
  number: number
  /** The page's label, as the folio prints it (`iv`, `12`); its number where the PDF has none. */
  label: string
  trim: Box
  lines: PrintedLine[]
  fonts: FontUse[]
  images: PlacedImage[]
  links: PageLink[]
  /** Note calls, by their number and the size of the text they are set in, in reading order. */
  calls: Array<{number: number; size: number; block?: number}>
}

/** A heading, paragraph or figure of the PDF's structure tree, whole across pages. */
export interface PrintedBlock {
  role: 'heading' | 'paragraph' | 'figure'
  /** A heading's level. */
  level?: number
  /** The printed text; a figure's alternative text. */
  text: string
  /** The pages that print some of it, in order. */
  pages: number[]
  /** The first page that prints what follows it in its section, when anything does. */
  nextPage?: number
  /** Its place in the manuscript, when its text is found there. */
  place?: {path: string; position: Position}
}

export interface PrintedBook {
  pages: PrintedPage[]
  blocks: PrintedBlock[]
}

export interface PreflightContext<Options = unknown> {
  options: Options
  /** The page's text block: its trim less the margins the edition sets. */
  textBlock(page: PrintedPage): Box
  /** Pages left blank on purpose: the versos before what opens on a right-hand page. */
  blanks: Set<number>
  /** The type families the edition asks for (`Source Serif 4`, `source-sans-3`). */
  typefaces: string[]
  /** Where the edition prints its footnotes (edition.notes). */
  notes: 'foot' | 'chapter-end' | 'book-end'
}

export interface PreflightFinding {
  page: PrintedPage
  reason: string
  /** The block that caused it, which places the finding in the manuscript. */
  block?: PrintedBlock
  actual?: string
  expected?: string[]
}

/** As a finding names a page: by its printed folio. */
export function pageName(page: PrintedPage): string {
  return `page ${page.label}`
}

/** A short quotation of printed text, for a message. */
export function quoted(text: string, length = 40): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  return clean.length > length ? `${clean.slice(0, length - 1).trimEnd()}…` : clean
}

/** The lines of block `block` on a page. */
function linesOn(page: PrintedPage, block: number): PrintedLine[] {
  return page.lines.filter((line) => line.block === block)
}

/**
 * Paragraphs that run across pages with a single line on their first page (`first`, an orphan)
 * or their last (`last`, a widow), with that page and line.
 */
export function loneLines(book: PrintedBook, end: 'first' | 'last'): Array<{block: PrintedBlock; page: PrintedPage; line: PrintedLine}> {
  return book.blocks.flatMap((block, index) => {
    if (block.role !== 'paragraph' || block.pages.length < 2) return []
    const page = book.pages[(end === 'first' ? block.pages[0]! : block.pages.at(-1)!) - 1]!
    const lines = linesOn(page, index)
    return lines.length === 1 ? [{block, page, line: lines[0]!}] : []
  })
}

/** The last item that passes `test` (Array#findLast, which Node 20's TypeScript library lacks). */
export function lastWhere<T>(items: T[], test: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return items[index]
  return undefined
}
