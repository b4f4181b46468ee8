// The print edition, printed by the real browser and read back: its text, fonts, pages,
// contents, outline, metadata and boxes, its reproducibility, and a page that tries to escape.
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {Heading, Paragraph} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber} from 'pdf-lib'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import pkg from '../../package.json' with {type: 'json'}
import type {ParsedManuscript as Manuscript} from '../../pipeline/manuscript/types.ts'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {renderPdf} from '../../pipeline/render/pdf.ts'
import type {PrintedPdf} from '../../pipeline/render/print.ts'
import {crossReferenceOf} from '../pdf-content.ts'
import {outlineOf} from '../pdf-text.ts'
import {inputOf, printPdf, type Input} from './print-input.ts'

const mm = 72 / 25.4

interface PageText {
  /** The book itself. */
  content: string[]
  /** Pagination artifacts: running heads and page numbers. */
  margins: string
}

/** Lines of each page, split into the book's content and the pagination artifacts: running heads and page numbers. */
async function pagesOf(pdf: Uint8Array): Promise<PageText[]> {
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  const pages: PageText[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const items = (await (await doc.getPage(number)).getTextContent({includeMarkedContent: true})).items
    const tags: string[] = []
    let content = ''
    let margins = ''
    for (const item of items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') tags.pop()
        else tags.push((item as {tag?: string}).tag ?? '')
      } else if (tags.includes('Artifact')) margins += `${item.str} `
      else content += item.str + (item.hasEOL ? '\n' : '')
    }
    pages.push({
      content: content
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      margins: margins.replace(/\s+/g, ' ').trim()
    })
  }
  await doc.destroy()
  return pages
}

/**
 * Each page's label, the side of the trim its folio (the last artifact) sits on, and where its
 * content's lines start, in points from the trim's left edge.
 */
async function layoutOf(pdf: Uint8Array) {
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  const labels = ((await doc.getPageLabels()) ?? []) as string[]
  const folioSides: Array<'left' | 'right' | undefined> = []
  const textLeft: number[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number)
    const [left, , right] = page.view as [number, number, number, number]
    const tags: string[] = []
    let folio: number | undefined
    let start = Infinity
    for (const item of (await page.getTextContent({includeMarkedContent: true})).items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') tags.pop()
        else tags.push((item as {tag?: string}).tag ?? '')
      } else if (tags.includes('Artifact')) folio = item.transform[4]
      else if (item.str.trim()) start = Math.min(start, item.transform[4])
    }
    folioSides.push(folio === undefined ? undefined : folio < (left + right) / 2 ? 'left' : 'right')
    textLeft.push(start - left)
  }
  await doc.destroy()
  return {labels, folioSides, textLeft}
}

/** Whitespace collapsed; soft hyphens gone; a hyphen that ended a line or joins letters dropped. */
function normalise(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/(?<=\p{L})[-\u2010]\s*\n\s*(?=\p{L})/gu, '')
    .replace(/(?<=\p{L})-(?=\p{L})/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function paragraphsOf(manuscript: Manuscript): string[] {
  const found: string[] = []
  for (const chapter of manuscript.chapters) {
    visit(chapter.tree, 'paragraph', (node: Paragraph) => {
      found.push(toString(node))
    })
  }
  return found
}

function headingsOf(manuscript: Manuscript): string[] {
  const found: string[] = []
  for (const chapter of manuscript.chapters) visit(chapter.tree, 'heading', (node: Heading) => void found.push(toString(node)))
  return found
}

interface FontReport {
  name: string
  subtype: string
  embedded: boolean
}

function fontsIn(doc: PDFDocument): FontReport[] {
  const fonts: FontReport[] = []
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.Type) !== PDFName.of('Font')) continue
    const subtype = String(object.get(PDFName.of('Subtype'))).slice(1)
    if (subtype === 'Type0') continue
    const descriptor = object.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    fonts.push({
      name: object.lookupMaybe(PDFName.of('BaseFont'), PDFName)?.decodeText() ?? '',
      subtype,
      embedded: ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)))
    })
  }
  return fonts
}

function box(page: PDFDict, name: string): number[] {
  const array = page.lookup(PDFName.of(name), PDFArray)
  return array.asArray().map((value) => (value as PDFNumber).asNumber())
}

let browser: BrowserHandle

beforeAll(async () => {
  browser = await openBrowser({})
})

afterAll(async () => {
  await browser?.close()
})

describe('the seed manuscript on A4', () => {
  let input: Input
  let printed: PrintedPdf
  let doc: PDFDocument

  beforeAll(async () => {
    input = await inputOf('manuscript')
    printed = await printPdf(input, {browser})
    doc = await PDFDocument.load(printed.pdf, {updateMetadata: false})
  })

  test('holds every paragraph of the manuscript, word for word', async () => {
    const text = normalise((await pagesOf(printed.pdf)).map((page) => page.content.join('\n')).join('\n'))
    const paragraphs = paragraphsOf(input.manuscript)
    expect(paragraphs.length).toBe(13)
    for (const paragraph of paragraphs) expect(text).toContain(normalise(paragraph))
  })

  test('embeds every font, as a subset, none of them Type 3, all of them Source Serif 4', () => {
    const fonts = fontsIn(doc)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font).toMatchObject({embedded: true})
      expect(font.subtype).not.toBe('Type3')
      expect(font.name).toMatch(/^[A-Z]{6}\+SourceSerif4-/)
    }
    expect(printed.fonts.map((font) => font.name).sort()).toEqual(fonts.map((font) => font.name).sort())
  })

  test('is A4, its pages counted', () => {
    expect(printed.pages).toBe(doc.getPageCount())
    for (const page of doc.getPages()) {
      expect(Math.abs(page.getTrimBox().width - 595.28)).toBeLessThan(1)
      expect(Math.abs(page.getTrimBox().height - 841.89)).toBeLessThan(1)
      expect(page.getMediaBox()).toEqual(page.getTrimBox())
    }
  })

  test('carries the metadata, the language and fixed dates, and is tagged', () => {
    expect(doc.getTitle()).toBe('China-Iran Military Relations')
    expect(doc.getAuthor()).toBe('Dr. Muhammad Akram Zaheer')
    expect(doc.getProducer()).toBe(`Galley ${pkg.version}`)
    expect(doc.getCreator()).toMatch(new RegExp(`^Galley ${pkg.version.replaceAll('.', '\\.')} \\(Chromium, Skia/PDF m\\d+\\)$`))
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe('(en)')
    const epoch = process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) * 1000 : 0
    expect(doc.getCreationDate()?.getTime()).toBe(epoch)
    expect(doc.getModificationDate()?.getTime()).toBe(epoch)
    expect(doc.catalog.has(PDFName.of('StructTreeRoot'))).toBe(true)
    expect(doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true')
    expect(doc.context.trailerInfo.ID).toBeDefined()
  })

  test('has no running head or page number on the title page, and both on the others', async () => {
    const pages = await pagesOf(printed.pdf)
    expect(pages[0]!.margins).toBe('')
    for (const [index, page] of pages.entries()) {
      if (index > 0) expect(page.margins).toBe(`China-Iran Military Relations ${index + 1}`)
    }
  })

  test('prints the same bytes twice', async () => {
    const again = await printPdf(input, {browser})
    expect(Buffer.from(again.pdf).equals(Buffer.from(printed.pdf))).toBe(true)
  })

  test("is one revision: the browser's file with the finishing's objects in their place, dated once", () => {
    const text = Buffer.from(printed.pdf).toString('latin1')
    const ends = [...text.matchAll(/startxref\s+(\d+)\s+%%EOF/g)]
    expect(ends).toHaveLength(1)
    expect(text.slice(Number(ends[0]![1]), Number(ends[0]![1]) + 4)).toBe('xref')
    expect(text).not.toMatch(/\/Prev\b/)
    // The print's own dates were blanked; the finishing's dictionary carries the source date.
    expect(text.match(/\/CreationDate ?\(D:/g)).toHaveLength(1)
    // No object is written twice, and the table points at each where it is (Chromium writes them out of order).
    const numbers = [...text.matchAll(/^(\d+) 0 obj$/gm)].map((match) => match[1])
    expect(new Set(numbers).size).toBe(numbers.length)
    const table = crossReferenceOf(text)
    expect(table.size).toBe(numbers.length)
    for (const [number, at] of table) expect(text.slice(at, at + 12)).toMatch(new RegExp(`^${number} 0 obj\\n`))
  })

  test('writes the given source date', async () => {
    const date = new Date('2025-03-04T05:06:07Z')
    const dated = await PDFDocument.load((await printPdf(input, {browser, sourceDate: date})).pdf, {updateMetadata: false})
    expect(dated.getCreationDate()?.toISOString()).toBe(date.toISOString())
  })
})

describe('a book of three chapters, 6 × 9 in with bleed and crop marks', () => {
  let input: Input
  let printed: PrintedPdf
  let pages: PageText[]
  let labels: string[]
  let folioSides: Array<'left' | 'right' | undefined>
  let textLeft: number[]

  beforeAll(async () => {
    input = await inputOf('tests/fixtures/render/long-book', {pageSize: 'book', bleed: '3mm', cropMarks: true})
    printed = await printPdf(input, {browser})
    pages = await pagesOf(printed.pdf)
    ;({labels, folioSides, textLeft} = await layoutOf(printed.pdf))
  })

  test('prints in the contents the folios the headings are really on', () => {
    const contents = pages.findIndex((page) => page.content[0] === 'Contents')
    expect(contents).toBeGreaterThan(0)
    const headings = headingsOf(input.manuscript)
    expect(headings).toHaveLength(9)
    for (const heading of headings) {
      const entry = pages[contents]!.content.find((line) => line.replace(/\s*\d+$/, '') === heading)
      const printedNumber = /(\d+)$/.exec(entry ?? '')?.[1]
      const actual = pages.findIndex((page, index) => index !== contents && page.content.includes(heading))
      expect({heading, page: printedNumber}).toEqual({heading, page: labels[actual]})
    }
    // Sections land on later pages than their chapter, so a contents of all 1s would fail.
    expect(new Set(pages[contents]!.content.map((line) => /(\d+)$/.exec(line)?.[1])).size).toBeGreaterThan(5)
  })

  test('opens every chapter on a right-hand page, with its folio and no running head', () => {
    for (const chapter of ['The Harbour', 'The Orchard', 'The Archive']) {
      const opening = pages.findIndex((page) => page.content.includes(chapter))
      expect({chapter, physical: (opening + 1) % 2}).toEqual({chapter, physical: 1})
      expect(pages[opening]!.margins).toBe(labels[opening])
    }
    // The Orchard's chapter ends on a recto, so a blank verso comes before The Archive: no text at all.
    const archive = pages.findIndex((page) => page.content.includes('The Archive'))
    expect(pages[archive - 1]).toEqual({content: [], margins: ''})
  })

  test("heads versos with the book's title and rectos with the chapter's, the folio at the outer edge", () => {
    const opening = pages.findIndex((page) => page.content.includes('The Orchard'))
    expect(pages[opening + 1]!.margins).toBe(`A Chronicle of the Bay ${labels[opening + 1]}`)
    expect(pages[opening + 2]!.margins).toBe(`The Orchard ${labels[opening + 2]}`)
    expect(folioSides[opening + 1]).toBe('left')
    expect(folioSides[opening + 2]).toBe('right')
  })

  test('sets the gutter on the inside: the text block moves outward on each verso', () => {
    const opening = pages.findIndex((page) => page.content.includes('The Orchard'))
    // A recto's text starts further from the trim's left edge than a verso's, by the difference of the margins (0.25 in).
    expect(textLeft[opening + 2]! - textLeft[opening + 1]!).toBeCloseTo(18, 0)
  })

  test('numbers the front matter in roman and chapter 1 from 1, in the page labels and the folios', async () => {
    const harbour = pages.findIndex((page) => page.content.includes('The Harbour'))
    expect(labels.slice(0, harbour)).toEqual(['i', 'ii', 'iii', 'iv', 'v', 'vi'].slice(0, harbour))
    expect(labels[harbour]).toBe('1')
    const doc = await PDFDocument.load(printed.pdf, {updateMetadata: false})
    const nums = doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).lookup(PDFName.of('Nums'), PDFArray)
    expect(nums.toString()).toMatch(new RegExp(`^\\[ 0 <<\\s*/S /r\\s*>> ${harbour} <<\\s*/S /D\\s*/St 1\\s*>> \\]$`))
    // Half-title, title page and copyright page carry no folio; the half-title is the title alone.
    expect(pages.slice(0, harbour).map((page) => page.margins)).toEqual(Array.from({length: harbour}, () => ''))
    expect(pages[0]!.content).toEqual(['A Chronicle of the Bay'])
  })

  test('has an outline of the headings', async () => {
    const titles = await outlineOf(printed.pdf)
    for (const heading of headingsOf(input.manuscript)) expect(titles).toContain(heading)
  })

  test('is trimmed to 6 × 9 in, with 3 mm of bleed and room for the marks around it', async () => {
    const doc = await PDFDocument.load(printed.pdf, {updateMetadata: false})
    for (const page of doc.getPages()) {
      const [tx1, ty1, tx2, ty2] = box(page.node, 'TrimBox')
      expect(tx2! - tx1!).toBeCloseTo(432, 0)
      expect(ty2! - ty1!).toBeCloseTo(648, 0)
      const [bx1, by1, bx2, by2] = box(page.node, 'BleedBox')
      expect([tx1! - bx1!, ty1! - by1!, bx2! - tx2!, by2! - ty2!].map((side) => side / mm)).toEqual(
        [3, 3, 3, 3].map((side) => expect.closeTo(side, 5))
      )
      const [mx1, , mx2] = box(page.node, 'MediaBox')
      expect(bx1! - mx1!).toBeGreaterThan(5 * mm)
      expect(mx2! - bx2!).toBeGreaterThan(5 * mm)
    }
  })

  test('keeps the notes with their chapter, after its text', () => {
    const opening = (title: string) => pages.findIndex((page) => page.content.includes(title))
    const note = (chapter: number) =>
      pages.findIndex((page) => normalise(page.content.join('\n')).includes(`A note printed at the end of chapter ${chapter}`))
    expect(note(1)).toBeGreaterThan(opening('The Harbour'))
    expect(note(1)).toBeLessThan(opening('The Orchard'))
    expect(note(2)).toBeGreaterThan(opening('The Orchard'))
    expect(note(2)).toBeLessThan(opening('The Archive'))
    expect(note(3)).toBeGreaterThan(opening('The Archive'))
  })
})

describe('a hostile page', () => {
  let server: Server
  const requests: string[] = []

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '')
      response.end('reached')
    })
    // A connection without a request (preconnect) also leaks that the edition was opened.
    server.on('connection', () => void requests.push('(connection)'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  })

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  test('runs no script and reaches no server', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const html = `<!doctype html><html><head><title>Hostile</title>
      <link rel="stylesheet" href="${origin}/style.css"><link rel="prefetch" href="${origin}/prefetch">
      <link rel="preconnect" href="${origin}"><link rel="preload" as="image" href="${origin}/preload.png">
      <meta http-equiv="refresh" content="0; url=${origin}/refresh">
      <style>@import url(${origin}/import.css); body { background: url(${origin}/background.png) }</style>
      </head><body><p>Only this text</p>
      <img src="${origin}/image.png"><iframe src="${origin}/frame"></iframe><object data="${origin}/object"></object>
      <script>document.body.append('Script ran'); fetch('${origin}/fetch')</script>
      <p><a href="${origin}/link">a link</a></p></body></html>`
    const blocked: string[] = []
    const pdf = await renderPdf(html, {browser, timeout: 60_000, name: 'hostile', onBlocked: (url) => blocked.push(url)})
    const text = (await pagesOf(pdf)).flatMap((page) => [...page.content, page.margins]).join('\n')
    expect(text).toContain('Only this text')
    expect(text).not.toContain('Script ran')
    expect(requests).toEqual([])
    expect(blocked).toContain(`${origin}/image.png`)
    expect(blocked).toContain(`${origin}/style.css`)
  })
})
