// Colour in the bleed: with `bleed`, the browser prints the trim and the bleed around it, the
// finishing marks the trim inside; a full-bleed figure covers its page out to the bleed's edge
// and a theme's page background reaches it too, while text stays where it was on the trim.
// Printed by the real browser, read back with pdf-lib (boxes) and pdf.js (text, and pixels
// drawn on a canvas).
import {createCanvas} from '@napi-rs/canvas'
import {toHtml} from 'hast-util-to-html'
import {PDFDocument} from 'pdf-lib'
import {getDocument, type PDFDocumentProxy} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import type {ConfigInput} from '../../pipeline/config/schema.ts'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {editionDocument} from '../../pipeline/render/document.ts'
import {inputOf, printPdf} from './print-input.ts'

const mm = 72 / 25.4
const fixture = 'tests/fixtures/render/full-bleed'
/** The plate's sea, at every edge of tests/fixtures/render/full-bleed/images/plate.png. */
const sea = [31, 111, 139]
const white = [255, 255, 255]
/** The page colour of tests/fixtures/render/full-bleed-paper.css. */
const paper = [243, 234, 216]

interface Box {
  x: number
  y: number
  width: number
  height: number
}

interface PrintedPage {
  text: string
  /** Running heads and folios. */
  artifacts: string
  /** Every piece of text, where it stands from the trim's top-left corner. */
  items: Array<{text: string; x: number; y: number}>
  trim: Box
  bleed: Box
  media: Box
}

let browser: BrowserHandle
const prints = new Map<string, Uint8Array>()

beforeAll(async () => {
  browser = await openBrowser({})
})

afterAll(async () => {
  await browser?.close()
})

/** The fixture's book printed with `edition` (6 × 9 in unless it says otherwise), once for each edition asked for. */
async function print(edition: ConfigInput['edition']): Promise<Uint8Array> {
  const key = JSON.stringify(edition)
  if (!prints.has(key)) prints.set(key, (await printPdf(await inputOf(fixture, {pageSize: 'book', ...edition}), {browser})).pdf)
  return prints.get(key)!
}

async function pagesOf(pdf: Uint8Array): Promise<PrintedPage[]> {
  const lib = await PDFDocument.load(pdf, {updateMetadata: false})
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  const pages: PrintedPage[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const boxes = lib.getPage(number - 1)
    const trim = boxes.getTrimBox()
    const tags: string[] = []
    const page: PrintedPage = {text: '', artifacts: '', items: [], trim, bleed: boxes.getBleedBox(), media: boxes.getMediaBox()}
    for (const item of (await (await doc.getPage(number)).getTextContent({includeMarkedContent: true})).items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') tags.pop()
        else tags.push((item as {tag?: string}).tag ?? '')
        continue
      }
      if (!item.str.trim()) continue
      if (tags.includes('Artifact')) page.artifacts += `${item.str} `
      else page.text += `${item.str} `
      page.items.push({text: item.str, x: item.transform[4] - trim.x, y: trim.y + trim.height - item.transform[5]})
    }
    pages.push(page)
  }
  await doc.destroy()
  return pages
}

/** The colour of the page at points of default user space, drawn by pdf.js as a reader would. */
async function colours(pdf: Uint8Array, number: number, points: Array<[number, number]>): Promise<number[][]> {
  const doc: PDFDocumentProxy = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  const page = await doc.getPage(number)
  const viewport = page.getViewport({scale: 2})
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  await page.render({canvasContext: context as never, canvas: canvas as never, viewport}).promise
  await doc.destroy()
  return points.map(([x, y]) => {
    const [left, top] = viewport.convertToViewportPoint(x, y) as [number, number]
    return [...context.getImageData(Math.floor(left), Math.floor(top), 1, 1).data.slice(0, 3)]
  })
}

/** Points in the middle of the bleed strip, a few on each side of the trim. */
function bleedStrip(trim: Box, bleed: number): Array<[number, number]> {
  const out = bleed / 2
  const {x, y, width, height} = trim
  return [0.2, 0.5, 0.8].flatMap((at): Array<[number, number]> => [
    [x - out, y + at * height],
    [x + width + out, y + at * height],
    [x + at * width, y - out],
    [x + at * width, y + height + out]
  ])
}

/** A colour within a few levels of `colour` on each channel, as anti-aliasing and rounding leave it. */
const near = (colour: number[]) => colour.map((value) => expect.closeTo(value, -1))

const sides = (outer: Box, inner: Box) => [
  inner.x - outer.x,
  inner.y - outer.y,
  outer.x + outer.width - (inner.x + inner.width),
  outer.y + outer.height - (inner.y + inner.height)
]

describe('the page boxes', () => {
  test('without a bleed, the trim is the printed page, as before', async () => {
    for (const page of await pagesOf(await print({}))) {
      expect(page.trim).toEqual(page.media)
      expect(page.bleed).toEqual(page.media)
      expect(page.trim.width).toBeCloseTo(432, 0)
      expect(page.trim.height).toBeCloseTo(648, 0)
    }
  })

  test('with a bleed of 3 mm, the BleedBox, which is the MediaBox, lies 3 mm around the trim', async () => {
    for (const page of await pagesOf(await print({bleed: '3mm'}))) {
      expect(page.bleed).toEqual(page.media)
      expect(page.trim.width).toBeCloseTo(432, 0)
      expect(page.trim.height).toBeCloseTo(648, 0)
      for (const side of sides(page.bleed, page.trim)) expect(side / mm).toBeCloseTo(3, 5)
    }
  })

  test('with crop marks too, the MediaBox grows around the BleedBox to hold them', async () => {
    for (const page of await pagesOf(await print({bleed: '3mm', cropMarks: true}))) {
      expect(page.trim.width).toBeCloseTo(432, 0)
      expect(page.trim.height).toBeCloseTo(648, 0)
      for (const side of sides(page.bleed, page.trim)) expect(side / mm).toBeCloseTo(3, 5)
      // The marks start where the printed bleed ends (3 mm printed as 9 pt): 5 mm of mark, 1 mm to spare.
      for (const side of sides(page.media, page.trim)) expect(side).toBeCloseTo(9 + 6 * mm, 3)
    }
  })
})

describe('a book with a full-bleed figure, 6 × 9 in with 3 mm of bleed and crop marks', () => {
  let pdf: Uint8Array
  let pages: PrintedPage[]
  let plate: number

  beforeAll(async () => {
    pdf = await print({bleed: '3mm', cropMarks: true})
    pages = await pagesOf(pdf)
    plate = pages.findIndex((page) => page.text.includes('The bay at first light'))
  })

  test('gives the figure a page of its own, with its caption and no running head or folio', () => {
    expect(plate).toBeGreaterThan(0)
    expect(pages[plate]!.text.replace(/\s+/g, ' ').trim()).toBe('Figure 1. The bay at first light, a plate across the whole page')
    expect(pages[plate]!.artifacts).toBe('')
    // The pages around it keep theirs; the plate is counted, as a page without its folio.
    expect(pages[plate - 1]!.artifacts.trim()).toMatch(/\b1$/)
    expect(pages[plate + 1]!.artifacts).toBe('The Harbour 3 ')
  })

  test("paints the picture out to the bleed's edge on every side", async () => {
    const {trim} = pages[plate]!
    const strip = await colours(pdf, plate + 1, bleedStrip(trim, 3 * mm))
    for (const colour of strip) expect(colour).toEqual(near(sea))
  })

  test('leaves the bleed of an ordinary page white', async () => {
    const {trim} = pages[plate + 1]!
    const strip = await colours(pdf, plate + 2, bleedStrip(trim, 3 * mm))
    for (const colour of strip) expect(colour).toEqual(white)
  })

  test('sets every line, head and folio where it stands on the trim without a bleed', async () => {
    expectSamePlaces(pages, await pagesOf(await print({})))
  })
})

test('an A4 page with a bleed of 5 mm keeps its text where it stands on the trim without one', async () => {
  const pages = await pagesOf(await print({pageSize: 'A4', bleed: '5mm'}))
  expect(sides(pages[0]!.bleed, pages[0]!.trim).map((side) => side / mm)).toEqual([5, 5, 5, 5].map((side) => expect.closeTo(side, 5)))
  expectSamePlaces(pages, await pagesOf(await print({pageSize: 'A4'})))
})

/** The same pages, each with the same text at the same places on its trim, to a hundredth of a point. */
function expectSamePlaces(pages: PrintedPage[], bare: PrintedPage[]): void {
  expect(pages.map((page) => page.text)).toEqual(bare.map((page) => page.text))
  pages.forEach((page, index) => {
    const before = bare[index]!.items
    expect(page.items.map((item) => item.text)).toEqual(before.map((item) => item.text))
    page.items.forEach((item, at) => {
      expect(Math.abs(item.x - before[at]!.x)).toBeLessThan(0.01)
      expect(Math.abs(item.y - before[at]!.y)).toBeLessThan(0.01)
    })
  })
}

test('without a bleed, a full-bleed figure covers its page to the edge of the trim', async () => {
  const pdf = await print({})
  const pages = await pagesOf(pdf)
  const plate = pages.findIndex((page) => page.text.includes('The bay at first light'))
  // The strip just inside the trim's edge, where an ordinary page is white.
  const {x, y, width, height} = pages[plate]!.trim
  const inside = bleedStrip({x: x + 2, y: y + 2, width: width - 4, height: height - 4}, 2)
  for (const colour of await colours(pdf, plate + 1, inside)) expect(colour).toEqual(near(sea))
})

test("a theme's page background reaches the bleed's edge", async () => {
  const pdf = await print({bleed: '3mm', css: ['tests/fixtures/render/full-bleed-paper.css']})
  const pages = await pagesOf(pdf)
  const ordinary = pages.findIndex((page) => page.text.includes('The Harbour'))
  const strip = await colours(pdf, ordinary + 1, bleedStrip(pages[ordinary]!.trim, 3 * mm))
  for (const colour of strip) expect(colour).toEqual(near(paper))
})

test('in the HTML edition a full-bleed figure is a wide figure, marked by its class', async () => {
  const input = await inputOf(fixture)
  const html = toHtml(editionDocument(input).page('screen', {toc: false}))
  expect(html).toMatch(/<figure class="full-bleed" id="plate"><img [^>]*alt="The bay under a pale sun"/)
})
