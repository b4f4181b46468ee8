// Footnotes in the print edition, printed by the real browser and read back with pdf.js: at the
// foot of their call's page, continued overleaf when too long, at the chapter's end, or
// gathered at the book's end and numbered through it.
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import type {TextItem} from 'pdfjs-dist/types/src/display/api.js'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {editionDocument} from '../../pipeline/render/document.ts'
import {elementsOf} from '../../pipeline/render/elements.ts'
import {inputOf, printPdf} from './print-input.ts'

interface Page {
  text: string
  /** The lowest line of the text block (set larger than the notes), as one string. */
  lastLine: string
}

async function pagesOf(pdf: Uint8Array): Promise<Page[]> {
  const doc = await getDocument({data: new Uint8Array(pdf), verbosity: 0}).promise
  const pages: Page[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const items = (await (await doc.getPage(number)).getTextContent()).items.filter((item): item is TextItem => 'str' in item)
    const text = items
      .map((item) => item.str + (item.hasEOL ? ' ' : ''))
      .join('')
      .replace(/\s+/g, ' ')
    // The text block is set at 10.5pt, the notes at 8.5pt and the folio lower than either.
    const body = items.filter((item) => Math.abs(item.transform[0]) > 10 && item.str.trim() !== '')
    const lowest = Math.min(...body.map((item) => item.transform[5]))
    const lastLine = body
      .filter((item) => Math.abs(item.transform[5] - lowest) < 1)
      .map((item) => item.str)
      .join('')
    pages.push({text, lastLine})
  }
  await doc.destroy()
  return pages
}

const pageWith = (pages: Page[], pattern: RegExp) => pages.findIndex((page) => pattern.test(page.text)) + 1

let browser: BrowserHandle

beforeAll(async () => {
  browser = await openBrowser({})
})

afterAll(async () => {
  await browser?.close()
})

describe('notes at the foot of the page', () => {
  let pages: Page[]

  beforeAll(async () => {
    const input = await inputOf('tests/fixtures/render/notes', {pageSize: 'book'})
    pages = await pagesOf((await printPdf(input, {browser})).pdf)
  })

  test('every note begins on the page of its call', () => {
    const places = Array.from({length: 18}, (_, index) => {
      const n = index + 1
      return {n, call: pageWith(pages, new RegExp(`\\(entry ${n}\\)`)), note: pageWith(pages, new RegExp(`Note ${n} reads`))}
    })
    expect(places.every((place) => place.call > 0)).toBe(true)
    expect(places.filter((place) => place.note !== place.call)).toEqual([])
    // The calls spread over several pages, so the notes are not all on one.
    expect(new Set(places.map((place) => place.call)).size).toBeGreaterThanOrEqual(4)
  })

  test('a call on the last line of a full page has its note below it', () => {
    const atFoot = pages
      .map((page, index) => ({page: index + 1, call: /\(entry (\d+)\)/.exec(page.lastLine)?.[1]}))
      .filter((found) => found.call !== undefined)
    expect(atFoot.length).toBeGreaterThan(0)
    for (const {page, call} of atFoot) expect(pageWith(pages, new RegExp(`Note ${call} reads`))).toBe(page)
  })

  test('a note too long for its page goes on overleaf, under a rule, before that page’s own notes', () => {
    const start = pageWith(pages, /Note 9 reads at length/)
    const end = pageWith(pages, /the long note ends here at last/)
    expect(start).toBe(pageWith(pages, /\(entry 9\)/))
    expect(end).toBeGreaterThan(start)
    // The next page's own note follows the part carried over.
    const next = pages[start]!.text
    const ownNote = next.search(/Note 10 reads/)
    expect(ownNote).toBeGreaterThan(0)
    expect(next.lastIndexOf('harbour', ownNote)).toBeGreaterThan(next.search(/\(entry 10\)/))
  })

  test('the chapter keeps every word: nothing is lost where a page was cut', () => {
    const all = pages.map((page) => page.text).join(' ')
    expect(all.match(/So the ledger says \(entry \d+\)/g)).toHaveLength(18)
    expect(all.match(/Note \d+ reads/g)).toHaveLength(18)
    expect(all).not.toMatch(/Notes Note 1 reads/)
  })
})

test('the multi-chapter book prints each chapter’s note at the foot of its call’s page', async () => {
  const input = await inputOf('tests/fixtures/render/book', {pageSize: 'book'})
  const pages = await pagesOf((await printPdf(input, {browser})).pdf)
  const calls = pages.flatMap((page, index) => (/wrote it down in the ledger/.test(page.text) ? [index + 1] : []))
  const notes = [1, 2, 3].map((chapter) => pageWith(pages, new RegExp(`A note at the end of chapter ${chapter}`)))
  expect(calls).toHaveLength(3)
  expect(notes).toEqual(calls)
  // No chapter ends with its notes under a Notes heading any more.
  expect(pages.some((page) => /Notes A note at the end/.test(page.text))).toBe(false)
})

describe('notes at the end of the chapter and of the book', () => {
  test('chapter-end: each chapter’s notes follow its text, under its own heading', async () => {
    const input = await inputOf('tests/fixtures/render/notes', {pageSize: 'book', notes: 'chapter-end'})
    const pages = await pagesOf((await printPdf(input, {browser})).pdf)
    // All the notes come after all the text; the long ninth runs over pages of its own.
    const first = pageWith(pages, /Note 1 reads/)
    expect(first).toBeGreaterThanOrEqual(pageWith(pages, /\(entry 18\)/))
    expect(first).toBeGreaterThan(pageWith(pages, /\(entry 1\)/))
    expect(pageWith(pages, /Note 18 reads/)).toBeGreaterThan(first)
  })

  test('book-end with book numbering: one Notes chapter, numbered through the book, listed in the contents', async () => {
    const input = await inputOf('tests/fixtures/render/book', {pageSize: 'book', notes: 'book-end', noteNumbering: 'book'})
    const pages = await pagesOf((await printPdf(input, {browser})).pdf)
    const last = pages.at(-1)!.text
    expect(last).toMatch(/^\s*\d*\s*Notes The Opening 1\. A note at the end of chapter 1/)
    expect(last).toMatch(/The Middle Years 2\. A note at the end of chapter 2/)
    expect(last).toMatch(/The End of the Quay 3\. A note at the end of chapter 3/)
    expect(pages.slice(0, -1).some((page) => /A note at the end of chapter/.test(page.text))).toBe(false)
    expect(pages.find((page) => /^\s*Contents/.test(page.text))?.text).toMatch(/Notes \d+\s*$/)
  })
})

test('the HTML edition keeps each chapter’s notes at its end, whatever the print does', async () => {
  const input = await inputOf('tests/fixtures/render/book', {notes: 'foot', noteNumbering: 'book'})
  const page = editionDocument(input).page('screen', {noteNumbering: 'book'})
  const chapters = elementsOf(page).filter(
    (element) => element.tagName === 'section' && element.properties.id?.toString().startsWith('chapter-')
  )
  const notes = chapters.map((chapter) => elementsOf(chapter).filter((element) => element.properties.dataFootnotes !== undefined).length)
  expect(notes).toEqual([1, 1, 1])
  const values = elementsOf(page)
    .filter((element) => element.tagName === 'li' && String(element.properties.id ?? '').includes('-fn-'))
    .map((element) => element.properties.value)
  expect(values).toEqual(['1', '2', '3'])
})
