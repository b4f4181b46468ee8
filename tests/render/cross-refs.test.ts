// Figures, tables and cross-references in both editions: numbered in order, worded from the
// config, listed after the contents, and in print each stated page the one its target is on,
// as the printed PDF itself shows it.
import type {Element, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {editionDocument} from '../../pipeline/render/document.ts'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {classesOf, elementsOf} from '../../pipeline/render/elements.ts'
import {numberingOf} from '../../pipeline/render/settings.ts'
import {inputOf, printPdf, type Input} from './print-input.ts'

const fixture = 'tests/fixtures/render/cross-refs'
const nbsp = '\u00a0'

function screenPage(input: Input): Root {
  return editionDocument(input).page('screen', numberingOf(input.config.edition))
}

const captionsOf = (page: Root) =>
  elementsOf(page)
    .filter((element) => element.tagName === 'figcaption')
    .map((caption) => toString(caption))

describe('the HTML edition', () => {
  let input: Input
  let page: Root

  beforeAll(async () => {
    input = await inputOf(fixture, {lists: ['figures', 'tables']})
    page = screenPage(input)
  })

  test('numbers captioned figures and tables per chapter, in order, each kind on its own', () => {
    expect(captionsOf(page)).toEqual([
      `Figure${nbsp}1.1. The bay at first light`,
      `Table${nbsp}1.1. High and low water`,
      `Figure${nbsp}2.1. The wreck on the breakwater`,
      `Table${nbsp}3.1. Ships entered`,
      `Figure${nbsp}3.1. The breakwater rebuilt`
    ])
  })

  test('makes each reference a link to an element of the page, worded by what it names', () => {
    const ids = new Set(elementsOf(page).map((element) => String(element.properties.id ?? '')))
    const refs = elementsOf(page).filter((element) => classesOf(element).includes('xref'))
    expect(refs.map((ref) => [String(ref.properties.href), toString(ref)])).toEqual([
      ['#harbour', `Figure${nbsp}1.1`],
      ['#tides', `Table${nbsp}1.1`],
      ['#the-storm', '“The Storm”'],
      ['#wreck', `Figure${nbsp}2.1`],
      ['#ships', `Table${nbsp}3.1`],
      ['#harbour', `Figure${nbsp}1.1`],
      ['#c1-fn-ledger', 'note 1'],
      ['#after-the-storm', '“After the Storm”'],
      ['#wreck', `Figure${nbsp}2.1`],
      ['#c2-fn-toll', 'note 1']
    ])
    for (const ref of refs) expect(ids).toContain(String(ref.properties.href).slice(1))
  })

  test('numbers a note as the print does, through the book and gathered at its end', () => {
    const print = editionDocument(input).page('print', {notes: 'book-end', noteNumbering: 'book'})
    const ids = new Set(elementsOf(print).map((element) => String(element.properties.id ?? '')))
    const toll = elementsOf(print).find((element) => element.properties.href === '#c2-fn-toll' && classesOf(element).includes('xref'))!
    expect(toString(toll)).toMatch(/^note 2/)
    expect(ids).toContain('c2-fn-toll')
  })

  test('lists the figures and the tables after the contents, without page numbers', () => {
    const navs = elementsOf(page).filter((element) => element.tagName === 'nav')
    expect(navs.map((nav) => classesOf(nav).join(' '))).toEqual(['toc', 'toc figure-list', 'toc table-list'])
    const entries = (nav: Element) =>
      elementsOf(nav)
        .filter((element) => element.tagName === 'a')
        .map((a) => [a.properties.href, toString(a)])
    expect(entries(navs[1]!)).toEqual([
      ['#harbour', `Figure${nbsp}1.1. The bay at first light`],
      ['#wreck', `Figure${nbsp}2.1. The wreck on the breakwater`],
      ['#figure-3-1', `Figure${nbsp}3.1. The breakwater rebuilt`]
    ])
    expect(entries(navs[2]!).map(([, text]) => text)).toEqual([`Table${nbsp}1.1. High and low water`, `Table${nbsp}3.1. Ships entered`])
  })

  test('keeps prose with colons, and prints a reference to nothing as it was written', () => {
    const text = toString(page)
    expect(text).toContain('a ratio of 3:1 against the wind. Note:see the ledger. The lost chart is :ref{#lost-chart}.')
  })

  test('numbers through the book, and words captions and references, as the config says', async () => {
    const book = await inputOf(fixture, {numbering: 'book', references: {figure: 'Plate', heading: 'the chapter {title}'}})
    const other = screenPage(book)
    expect(captionsOf(other).slice(0, 3)).toEqual([
      `Plate${nbsp}1. The bay at first light`,
      `Table${nbsp}1. High and low water`,
      `Plate${nbsp}2. The wreck on the breakwater`
    ])
    const refs = elementsOf(other).filter((element) => classesOf(element).includes('xref'))
    expect(refs.slice(0, 3).map((ref) => toString(ref))).toEqual([`Plate${nbsp}1`, `Table${nbsp}1`, 'the chapter The Storm'])
  })
})

interface PrintedPage {
  label: string
  lines: string[]
  text: string
}

/** Each page's label and its content (running heads and folios are artifacts, left out). */
async function pagesOf(pdf: Uint8Array): Promise<PrintedPage[]> {
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  const labels = ((await doc.getPageLabels()) ?? []) as string[]
  const pages: PrintedPage[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const tags: string[] = []
    let content = ''
    for (const item of (await (await doc.getPage(number)).getTextContent({includeMarkedContent: true})).items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') tags.pop()
        else tags.push((item as {tag?: string}).tag ?? '')
      } else if (!tags.includes('Artifact')) content += item.str + (item.hasEOL ? '\n' : '')
    }
    const lines = content.split('\n').map((line) => line.replace(/\s+/g, ' ').trim())
    pages.push({label: labels[number - 1] ?? String(number), lines, text: lines.join(' ').replace(/(?<=\p{L})- (?=\p{L})/gu, '')})
  }
  await doc.destroy()
  return pages
}

describe('the print edition of a book', () => {
  let browser: BrowserHandle
  let pages: PrintedPage[]
  let body: PrintedPage[]

  beforeAll(async () => {
    browser = await openBrowser({})
    const input = await inputOf(fixture, {pageSize: 'book', lists: ['figures', 'tables']})
    pages = await pagesOf((await printPdf(input, {browser})).pdf)
    // The text's pages carry arabic folios; the contents and the lists are front matter.
    body = pages.filter((page) => /^\d+$/.test(page.label))
  })

  afterAll(async () => {
    await browser?.close()
  })

  /** The folio of the body page where `found` holds. */
  const folioWhere = (found: (page: PrintedPage) => boolean) => {
    const matching = body.filter(found)
    expect(matching).toHaveLength(1)
    return Number(matching[0]!.label)
  }

  test('prints the captions numbered in order', () => {
    const captions = body.flatMap((page) =>
      [...page.text.matchAll(/(Figure|Table) (\d+\.\d+)\. /g)].map((match) => `${match[1]} ${match[2]}`)
    )
    expect(captions).toEqual(['Figure 1.1', 'Table 1.1', 'Figure 2.1', 'Table 3.1', 'Figure 3.1'])
  })

  test('gives every reference the folio its target is printed on', () => {
    const figures: Record<string, string> = {
      'Figure 1.1': 'Figure 1.1. The bay at first light',
      'Table 1.1': 'Table 1.1. High and low water',
      'Figure 2.1': 'Figure 2.1. The wreck on the breakwater',
      'Table 3.1': 'Table 3.1. Ships entered'
    }
    // Each chapter numbers its notes from 1: the first names the ledger's, the second the storm's.
    const notes = ['A ledger of ships, kept since the harbour opened.', 'Two were rebuilt before the spring.']
    const stated: Array<{ref: string; page: number; on: number}> = []
    for (const page of body)
      for (const match of page.text.matchAll(/((?:Figure|Table) \d+\.\d+|note \d+) \(p\. (\d+)\)|“([^”]+)”, p\. (\d+)/g))
        stated.push({ref: match[1] ?? match[3]!, page: Number(match[2] ?? match[4]), on: Number(page.label)})
    expect(stated.map((entry) => entry.ref)).toEqual([
      'Figure 1.1',
      'Table 1.1',
      'The Storm',
      'Figure 2.1',
      'Table 3.1',
      'Figure 1.1',
      'note 1',
      'After the Storm',
      'Figure 2.1',
      'note 1'
    ])
    for (const {ref, page} of stated) {
      const target = ref.startsWith('note') ? notes.shift() : figures[ref]
      const actual = target
        ? folioWhere((candidate) => candidate.text.includes(target))
        : folioWhere((candidate) => candidate.lines.includes(ref))
      expect({ref, page}).toEqual({ref, page: actual})
    }
    // References lead forwards and back, so a page of their own would not pass.
    expect(stated.filter((entry) => entry.page !== entry.on).length).toBeGreaterThan(5)
  })

  test('lists the figures and tables after the contents, each with the folio it is printed on', () => {
    const contents = pages.findIndex((page) => page.lines[0] === 'Contents')
    const figures = pages.findIndex((page) => page.lines[0] === 'Figures')
    const tables = pages.findIndex((page) => page.lines[0] === 'Tables')
    expect(contents).toBeGreaterThan(0)
    expect(figures).toBeGreaterThan(contents)
    expect(tables).toBeGreaterThan(figures)
    const entries = [...pages[figures]!.lines.slice(1), ...pages[tables]!.lines.slice(1)].filter(Boolean)
    expect(entries.map((line) => line.replace(/ \d+$/, ''))).toEqual([
      'Figure 1.1. The bay at first light',
      'Figure 2.1. The wreck on the breakwater',
      'Figure 3.1. The breakwater rebuilt',
      'Table 1.1. High and low water',
      'Table 3.1. Ships entered'
    ])
    for (const entry of entries) {
      const caption = entry.replace(/ \d+$/, '')
      expect({caption, page: Number(/(\d+)$/.exec(entry)?.[1])}).toEqual({caption, page: folioWhere((page) => page.text.includes(caption))})
    }
  })
})
