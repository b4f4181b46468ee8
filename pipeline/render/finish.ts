// The browser's PDF finished with pdf-lib: metadata, outline titles, the text layer, trim and
// bleed boxes, crop marks, fixed dates and ID, spliced into the browser's file (splice.ts).
import {createHash} from 'node:crypto'
import {
  beginMarkedContent,
  endMarkedContent,
  lineTo,
  moveTo,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  setLineWidth,
  setStrokingCmykColor,
  stroke,
  type PDFPage
} from 'pdf-lib'
import pkg from '../../package.json' with {type: 'json'}
import type {EditionSettings} from './settings.ts'
import type {Metadata} from '../manuscript/types.ts'
import {snapshot, spliceObjects, type Snapshot} from './splice.ts'
import {editPageContents} from './content.ts'
import {tagMargins} from './margins.ts'
import {pointsOf, printedBleed, trimSize} from './page-css.ts'
import {repairToUnicode, withoutSoftHyphens} from './text-layer.ts'

export interface PdfFont {
  /** BaseFont, with its subset prefix (`ABCDEF+`) if it has one. */
  name: string
  subtype: string
  embedded: boolean
  subset: boolean
}

/** What the finishing writes into the PDF; all of it goes into the file's ID. */
export interface Finishing {
  metadata: Metadata
  date: Date
  edition: EditionSettings
  /** The text of every heading, in document order, to title the outline with. */
  headings: string[]
  /** Pages (1-based) that open a chapter and carry no running head. */
  openers: number[]
  /** The page (1-based) of chapter 1, when front matter before it is numbered in roman. */
  bodyStart: number | undefined
}

export interface FinishedPdf {
  pdf: Uint8Array
  pages: number
  fonts: PdfFont[]
}

/**
 * `printed.doc`, when the caller has it, is `printed.pdf` already read by pdf-lib: a book's PDF
 * is not parsed twice. It is changed in place.
 */
export async function finishPdf(printed: {pdf: Uint8Array; doc?: PDFDocument}, finishing: Finishing): Promise<FinishedPdf> {
  const {metadata, date, edition, headings, openers, bodyStart} = finishing
  const doc = printed.doc ?? (await PDFDocument.load(printed.pdf, {updateMetadata: false}))
  const before = snapshot(doc)
  setMetadata(doc, metadata, date)
  retitleOutline(doc, headings)
  repairToUnicode(doc)
  const withoutHead = new Set(openers)
  editPageContents(doc, (content, page, index) => {
    const {y, height} = page.getMediaBox()
    return tagMargins(withoutSoftHyphens(content), {middle: y + height / 2, dropHeader: withoutHead.has(index + 1)})
  })
  if (bodyStart !== undefined) setPageLabels(doc, bodyStart)
  dropForeignLinks(doc)
  setBoxes(doc, edition)
  const undated = undate(printed.pdf)
  const madeFrom = [undated, JSON.stringify([metadata, date, edition, headings, openers, bodyStart, pkg.version])]
  return {pdf: await saveReproducibly(doc, undated, before, madeFrom), pages: doc.getPageCount(), fonts: fontsOf(doc)}
}

/** What a link in a PDF may lead to, as in the HTML editions: the web, mail, or a place in the file. */
const linkSchemes = /^(?:https?|mailto):/i

/**
 * Every link annotation whose action is not one of those is taken out. The editions' sanitiser
 * already keeps other schemes out of the page; this holds for any page printed, whatever made it.
 */
function dropForeignLinks(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annotations = page.node.Annots()
    if (!annotations) continue
    for (let index = annotations.size() - 1; index >= 0; index--) {
      const action = annotations.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict)
      if (!action) continue
      const kind = action.get(PDFName.of('S'))
      const uri = action.lookup(PDFName.of('URI'))
      const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : ''
      const allowed = kind === PDFName.of('GoTo') || (kind === PDFName.of('URI') && linkSchemes.test(text))
      if (!allowed) annotations.remove(index)
    }
  }
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

/**
 * Chromium titles a bookmark from the heading's printed lines, joined without a space
 * ("China-Iran MilitaryRelations"), and twice over ("ContentsContents") when the heading opens a
 * page. The outline lists the headings in document order, so each title is set from its heading;
 * only where the count agrees and every title starts with its heading's letters, spaces aside,
 * else the outline stays as it is.
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
  const letters = (text: string) => text.replace(/[\s\u00ad]+/g, '')
  const titles = items.map((item) => {
    const title = item.lookup(PDFName.of('Title'))
    return title instanceof PDFString || title instanceof PDFHexString ? letters(title.decodeText()) : ''
  })
  if (titles.length !== headings.length || titles.some((title, index) => !title.startsWith(letters(headings[index]!)))) return
  items.forEach((item, index) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[index]!)))
}

/**
 * Page labels, as a reader shows them: the front matter in lower-case roman, then arabic from 1
 * where chapter 1 opens, as the folios print them.
 */
function setPageLabels(doc: PDFDocument, bodyStart: number): void {
  const nums: Array<number | PDFDict> = []
  if (bodyStart > 1) nums.push(0, doc.context.obj({S: 'r'}))
  nums.push(bodyStart - 1, doc.context.obj({S: 'D', St: 1}))
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({Nums: nums}))
}

const mm = 72 / 25.4

/**
 * With a bleed, the browser printed the trim and the bleed around it (page-css.ts): the TrimBox
 * lies inside the printed page by the printed bleed, from its top left corner, and the BleedBox
 * around it by the configured one. The MediaBox is the BleedBox, or grows around it to make
 * room for crop marks. Without a bleed, the trim is the printed page.
 */
function setBoxes(doc: PDFDocument, edition: EditionSettings): void {
  const bleed = pointsOf(edition.bleed)
  const printed = printedBleed(edition)
  const size = trimSize(edition)
  // Marks begin where the printed page ends (it may paint a fraction past the BleedBox), and 3 mm out at least.
  const offset = Math.max(printed, 3 * mm)
  const mark = 5 * mm
  const outer = edition.cropMarks ? offset + mark + 1 * mm : bleed
  for (const page of doc.getPages()) {
    const media = page.getMediaBox()
    const {x, y, width, height} = printed === 0 ? media : {...size, x: media.x + printed, y: media.y + media.height - printed - size.height}
    page.setTrimBox(x, y, width, height)
    page.setBleedBox(x - bleed, y - bleed, width + 2 * bleed, height + 2 * bleed)
    if (outer > 0) page.setMediaBox(x - outer, y - outer, width + 2 * outer, height + 2 * outer)
    if (edition.cropMarks) drawCropMarks(page, {x, y, width, height}, offset, mark)
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
  return spliceObjects(undated, doc, printed) ?? doc.save({useObjectStreams: false, updateFieldAppearances: false})
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
