// The print edition: the edition's tree set for paper (page geometry, running heads,
// hyphenation), printed by the browser until the contents' page numbers hold still, then
// finished with pdf-lib: metadata, fixed dates and ID, trim and bleed boxes, crop marks.
import {createHash} from 'node:crypto'
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {
  beginMarkedContent,
  decodePDFRawStream,
  endMarkedContent,
  lineTo,
  moveTo,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  setLineWidth,
  setStrokingCmykColor,
  stroke,
  type PDFPage
} from 'pdf-lib'
import pkg from '../../package.json' with {type: 'json'}
import type {EditionSettings} from '../config/edition.ts'
import {GalleyError} from '../errors.ts'
import type {Metadata} from '../manuscript/types.ts'
import type {BrowserHandle} from './browser.ts'
import {editionTree, type EditionInput} from './html.ts'
import {appendUpdate, snapshot, type Snapshot} from './incremental.ts'
import {rehypeHyphenate} from './hyphenate.ts'
import {renderPdf} from './pdf.ts'

export interface PrintOptions {
  browser: BrowserHandle
  /** The date written into the PDF; else `SOURCE_DATE_EPOCH`, else 1970-01-01, never now. */
  sourceDate?: Date
  /** Milliseconds for each render; by default the config's `browser.timeout`. */
  timeout?: number
  /** What is printed, for messages; by default the title. */
  name?: string
}

export interface PdfFont {
  /** BaseFont, with its subset prefix (`ABCDEF+`) if it has one. */
  name: string
  subtype: string
  embedded: boolean
  subset: boolean
}

export interface PrintedPdf {
  pdf: Uint8Array
  pages: number
  /** URLs the edition asked for and was refused: everything but data: URLs. */
  blocked: string[]
  fonts: PdfFont[]
}

/**
 * Trim sizes, their margins (top, sides, bottom: a deeper foot, as books have) and a text size
 * that keeps lines near 70–85 characters.
 */
const presets = {
  A4: {size: '210mm 297mm', margin: '25mm 35mm 32mm', fontSize: '11pt'},
  A5: {size: '148mm 210mm', margin: '17mm 18mm 22mm', fontSize: '10pt'},
  letter: {size: '8.5in 11in', margin: '1in 1.3in 1.25in', fontSize: '11pt'},
  book: {size: '6in 9in', margin: '0.7in 0.75in 0.85in', fontSize: '10.5pt'}
} as const

const points: Record<string, number> = {mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pt: 1, pc: 12, px: 0.75}

export async function printPdf(input: EditionInput, options: PrintOptions): Promise<PrintedPdf> {
  return printTree(
    editionTree(input, 'print'),
    {metadata: input.metadata, edition: input.config.edition, timeout: input.config.browser.timeout},
    options
  )
}

/** What a printable document needs besides its tree: the edition and the browser settings it prints with. */
export interface Printable {
  metadata: Metadata
  edition: EditionSettings
  timeout: number
}

/**
 * Print any document laid out like an edition (`section.chapter` with `data-title`, an
 * optional `nav.toc`): the editions, and the redline of `galley diff`.
 */
export async function printTree(tree: Root, printable: Printable, options: PrintOptions): Promise<PrintedPdf> {
  const {edition, metadata} = printable
  const title = metadata.title
  const name = options.name ?? (title ? `${title} (PDF)` : 'the PDF edition')
  const date = sourceDateOf(options)

  if (edition.hyphenate) await rehypeHyphenate()(tree)
  appendStyle(tree, pageCss(edition, chaptersOf(tree), title))

  // The contents need the pages the headings land on, which only a print knows. Numbers set
  // in the contents can move what follows, so the page is printed again until they hold still.
  const entries = tocEntries(tree)
  entries.forEach((entry, index) => (entry.number.properties.id = `toc-page-${index + 1}`))
  let pages: Map<string, number> | undefined
  let passes = 0
  // The last print read back: when it is the final one, finishing starts from it instead of reading it again.
  let read: {pdf: Uint8Array; doc: PDFDocument} | undefined
  const revise = async (printed: Uint8Array) => {
    read = {pdf: printed, doc: await PDFDocument.load(printed, {updateMetadata: false})}
    const found = headingPages(read.doc, entries, name)
    const moved = entries.filter((entry) => found.get(entry.id) !== pages?.get(entry.id))
    if (pages && moved.length === 0) return undefined
    if (pages && ++passes === 2)
      throw new GalleyError(
        name,
        `the contents' page numbers do not settle (#${moved[0]!.id} moves from page ${pages.get(moved[0]!.id)} to ${found.get(moved[0]!.id)})`
      )
    pages = found
    return Object.fromEntries(entries.map((entry) => [String(entry.number.properties.id), String(found.get(entry.id))]))
  }

  const blocked = new Set<string>()
  const pdf = await renderPdf(serialize(tree), {
    browser: options.browser,
    timeout: options.timeout ?? printable.timeout,
    name,
    onBlocked: (url) => blocked.add(url),
    revise: entries.length > 0 ? revise : undefined
  })

  const doc = read?.pdf === pdf ? read.doc : await PDFDocument.load(pdf, {updateMetadata: false})
  const printed = snapshot(doc)
  setMetadata(doc, metadata, date)
  retitleOutline(doc, headingsOf(tree))
  repairToUnicode(doc)
  setBoxes(doc, lengthInPoints(edition.bleed), edition.cropMarks)
  const undated = undate(pdf)
  const madeFrom = [undated, JSON.stringify([metadata, date, edition, headingsOf(tree), pkg.version])]
  return {
    pdf: await saveReproducibly(doc, undated, printed, madeFrom),
    pages: doc.getPageCount(),
    blocked: [...blocked],
    fonts: fontsOf(doc)
  }
}

function sourceDateOf(options: PrintOptions): Date {
  if (options.sourceDate) return options.sourceDate
  const epoch = process.env.SOURCE_DATE_EPOCH
  if (epoch === undefined || epoch === '') return new Date(0)
  if (!/^\d+$/.test(epoch)) throw new GalleyError('SOURCE_DATE_EPOCH', `expected whole seconds since 1970-01-01, got "${epoch}"`)
  return new Date(Number(epoch) * 1000)
}

function serialize(tree: Root): string {
  // Without a doctype the browser lays the page out in quirks mode.
  const html = toHtml(tree)
  return tree.children.some((node) => node.type === 'doctype') ? html : `<!doctype html>${html}`
}

interface Chapter {
  id: string
  title?: string
}

function chaptersOf(tree: Root): Chapter[] {
  return elementsOf(tree)
    .filter((element) => element.tagName === 'section' && classesOf(element).includes('chapter'))
    .map((element) => ({id: String(element.properties.id ?? ''), title: element.properties.dataTitle?.toString()}))
    .filter((chapter) => /^[A-Za-z][\w-]*$/.test(chapter.id))
}

/**
 * The page rules that depend on the config and the manuscript: trim size and margins, and
 * one named page per chapter whose margin boxes carry the book's and the chapter's title.
 * (Chromium matches `@page name:first` only on the document's first page, so a chapter's
 * opening page carries its running head too.)
 */
function pageCss(edition: EditionSettings, chapters: Chapter[], title: string | undefined): string {
  const preset = typeof edition.pageSize === 'string' ? presets[edition.pageSize] : undefined
  const size = preset?.size ?? (typeof edition.pageSize === 'string' ? '' : `${edition.pageSize.width} ${edition.pageSize.height}`)
  const margin = edition.margin === 'auto' ? (preset?.margin ?? '20mm') : edition.margin
  const rules = [`@page { size: ${size}; margin: ${margin}; }`]
  if (preset) rules.push(`html { font-size: ${preset.fontSize}; }`)
  if (edition.justify) rules.push('.edition { text-align: justify; }')
  for (const chapter of chapters) {
    const heads = [title && `@top-left { content: ${cssString(title)}; }`]
    if (chapter.title && chapter.title !== title) heads.push(`@top-right { content: ${cssString(chapter.title)}; }`)
    rules.push(`#${chapter.id} { page: ${chapter.id}; }`, `@page ${chapter.id} { ${heads.filter(Boolean).join(' ')} }`)
  }
  // A change of named page forces a new page: the colophon stays on the last chapter's.
  const last = chapters.at(-1)
  if (last) rules.push(`.colophon { page: ${last.id}; }`)
  return rules.join('\n')
}

/** A CSS string that cannot end the string, nor the `<style>` element it sits in. */
function cssString(text: string): string {
  const short = text.length > 70 ? `${text.slice(0, 69).trimEnd()}…` : text
  return `"${short
    .replace(/[\\"]/g, '\\$&')
    .replace(/</g, '\\3C ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')}"`
}

function appendStyle(tree: Root, css: string): void {
  const head = elementsOf(tree).find((element) => element.tagName === 'head')
  if (!head) throw new Error('the edition tree has no <head>')
  head.children.push(h('style', css))
}

interface TocEntry {
  id: string
  /** The `.toc-page` span the page number goes into. */
  number: Element
}

function tocEntries(tree: Root): TocEntry[] {
  const toc = elementsOf(tree).find((element) => element.tagName === 'nav' && classesOf(element).includes('toc'))
  if (!toc) return []
  return elementsOf(toc)
    .filter((element) => element.tagName === 'li')
    .flatMap((item) => {
      const link = elementsOf(item).find((element) => element.tagName === 'a')
      const number = elementsOf(item).find((element) => classesOf(element).includes('toc-page'))
      const href = String(link?.properties.href ?? '')
      return href.startsWith('#') && number ? [{id: decodeURIComponent(href.slice(1)), number}] : []
    })
}

/**
 * The page (1-based) of each heading in the contents. Chromium writes a named destination
 * for every element that a link points to, so the contents' own links name them all.
 */
function headingPages(doc: PDFDocument, entries: TocEntry[], name: string): Map<string, number> {
  const pageOf = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]))
  const destinations = new Map<string, number>()
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  for (const [key, value] of dests?.entries() ?? []) {
    const target = doc.context.lookupMaybe(value, PDFArray)?.get(0)
    const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined
    // Names are bytes; ids are UTF-8 in them.
    if (page !== undefined) destinations.set(new TextDecoder().decode(key.asBytes()), page)
  }
  const pages = new Map<string, number>()
  for (const {id} of entries) {
    const page = destinations.get(id)
    if (page === undefined) throw new GalleyError(name, `the contents link to #${id}, which is not in the PDF`)
    pages.set(id, page)
  }
  return pages
}

function setMetadata(doc: PDFDocument, metadata: Metadata, date: Date): void {
  const {title, author, subject, description, keywords, lang} = metadata
  const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict)
  const producer = info?.get(PDFName.of('Producer'))
  const engine = producer instanceof PDFString || producer instanceof PDFHexString ? producer.decodeText() : undefined
  if (title) doc.setTitle(title, {showInWindowTitleBar: true})
  if (author) doc.setAuthor(author)
  if (subject ?? description) doc.setSubject((subject ?? description)!)
  if (keywords?.length) doc.setKeywords(keywords)
  doc.setLanguage(lang)
  doc.setProducer(`Galley ${pkg.version}`)
  // Which engine set the lines: the reason two builds of one manuscript could differ.
  doc.setCreator(engine ? `Galley ${pkg.version} (Chromium, ${engine})` : `Galley ${pkg.version}`)
  doc.setCreationDate(date)
  doc.setModificationDate(date)
}

function headingsOf(tree: Root): string[] {
  const textOf = (node: Element): string =>
    node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')
  return elementsOf(tree)
    .filter((element) => /^h[1-6]$/.test(element.tagName))
    .map((heading) =>
      textOf(heading)
        .replace(/\u00ad/g, '')
        .replace(/\s+/g, ' ')
        .trim()
    )
}

/**
 * Chromium titles a bookmark twice over ("ContentsContents") when its heading opens a page.
 * The outline lists the headings in document order, so each title is set from its heading;
 * only where the count and the start of every title agree, else the outline stays as it is.
 */
function retitleOutline(doc: PDFDocument, headings: string[]): void {
  const items: PDFDict[] = []
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      items.push(item)
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict))
  const titles = items.map((item) => {
    const title = item.lookup(PDFName.of('Title'))
    return title instanceof PDFString || title instanceof PDFHexString ? title.decodeText().replace(/\s+/g, ' ').trim() : ''
  })
  if (titles.length !== headings.length || titles.some((title, index) => !title.startsWith(headings[index]!))) return
  items.forEach((item, index) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[index]!)))
}

/**
 * A font draws ’ (U+2019) and ʼ (U+02BC) with one glyph, and Chromium names that glyph by
 * the lower code point: every apostrophe would copy and search as ʼ. English text means ’.
 */
function repairToUnicode(doc: PDFDocument): void {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.Type) !== PDFName.of('Font')) continue
    const ref = object.get(PDFName.of('ToUnicode'))
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined
    if (!(stream instanceof PDFRawStream)) continue
    const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
    const repaired = cmap.replace(/^(<[0-9A-Fa-f]+>\s+)<02BC>$/gm, '$1<2019>')
    if (repaired !== cmap) doc.context.assign(ref as PDFRef, doc.context.flateStream(repaired))
  }
}

/**
 * TrimBox is the page as designed; the MediaBox grows by the bleed (and by room for crop
 * marks) around it. The browser paints only inside the trim, so the bleed stays white: enough
 * for text, not for pictures meant to run off the edge.
 */
function setBoxes(doc: PDFDocument, bleed: number, cropMarks: boolean): void {
  const offset = Math.max(bleed, 3 * points.mm!)
  const mark = 5 * points.mm!
  const outer = cropMarks ? offset + mark + 1 * points.mm! : bleed
  for (const page of doc.getPages()) {
    const {x, y, width, height} = page.getMediaBox()
    page.setTrimBox(x, y, width, height)
    page.setBleedBox(x - bleed, y - bleed, width + 2 * bleed, height + 2 * bleed)
    if (outer > 0) page.setMediaBox(x - outer, y - outer, width + 2 * outer, height + 2 * outer)
    if (cropMarks) drawCropMarks(page, {x, y, width, height}, offset, mark)
  }
}

function drawCropMarks(page: PDFPage, trim: {x: number; y: number; width: number; height: number}, offset: number, mark: number): void {
  const lines: Array<[number, number, number, number]> = []
  for (const x of [trim.x, trim.x + trim.width]) {
    for (const y of [trim.y, trim.y + trim.height]) {
      const outwardX = x === trim.x ? -1 : 1
      const outwardY = y === trim.y ? -1 : 1
      lines.push([x + outwardX * offset, y, x + outwardX * (offset + mark), y])
      lines.push([x, y + outwardY * offset, x, y + outwardY * (offset + mark)])
    }
  }
  page.pushOperators(
    // Marks are not content: tagged as an artifact, readers and extractors skip them.
    beginMarkedContent('Artifact'),
    pushGraphicsState(),
    setLineWidth(0.25),
    // Registration colour: the mark prints on every separation.
    setStrokingCmykColor(1, 1, 1, 1),
    ...lines.flatMap(([x1, y1, x2, y2]) => [moveTo(x1, y1), lineTo(x2, y2)]),
    stroke(),
    popGraphicsState(),
    endMarkedContent()
  )
}

/**
 * Chromium dates its PDF with the time of printing, and nothing else in it varies. The dates
 * are blanked where they stand, keeping every offset: the finishing supersedes that
 * dictionary with one that carries the source date.
 */
function undate(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1')
  return Buffer.from(
    text.replace(/(\/(?:CreationDate|ModDate) ?\()(D:[^)]*)\)/g, (_, key: string, value: string) => `${key}${' '.repeat(value.length)})`),
    'latin1'
  )
}

/**
 * Fixed dates, and an ID from the content: the same input, the same bytes. The ID hashes what
 * the finished file is made from (the browser's PDF, itself reproducible once undated, and
 * everything the finishing adds), so the file is written once, not once more to hash it.
 */
async function saveReproducibly(
  doc: PDFDocument,
  undated: Uint8Array,
  printed: Snapshot,
  madeFrom: Array<Uint8Array | string>
): Promise<Uint8Array> {
  const hash = createHash('sha256')
  for (const part of madeFrom) hash.update(part).update('\0')
  const id = PDFHexString.of(hash.digest('hex').slice(0, 32))
  doc.context.trailerInfo.ID = doc.context.obj([id, id])
  return appendUpdate(undated, doc, printed) ?? doc.save({useObjectStreams: false, updateFieldAppearances: false})
}

function fontsOf(doc: PDFDocument): PdfFont[] {
  const fonts: PdfFont[] = []
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.Type) !== PDFName.of('Font')) continue
    const subtype = object.get(PDFName.of('Subtype'))?.toString().slice(1) ?? ''
    // A composite font's glyphs live in its descendant, which is listed on its own.
    if (subtype === 'Type0') continue
    const descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    const name = object.lookupMaybe(PDFName.of('BaseFont'), PDFName)?.decodeText() ?? ''
    const embedded = subtype === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)))
    fonts.push({name, subtype, embedded, subset: /^[A-Z]{6}\+/.test(name)})
  }
  return fonts
}

function lengthInPoints(length: string): number {
  const [, value, unit] = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(length) ?? []
  return Number(value) * (points[unit ?? ''] ?? Number.NaN)
}

function elementsOf(node: Root | Element): Element[] {
  const found: Element[] = []
  const visit = (children: Array<RootContent | ElementContent>) => {
    for (const child of children) {
      if (child.type !== 'element') continue
      found.push(child)
      visit(child.children)
    }
  }
  visit(node.children)
  return found
}

function classesOf(element: Element): string[] {
  const className = element.properties.className
  return Array.isArray(className) ? className.map(String) : String(className ?? '').split(/\s+/)
}
