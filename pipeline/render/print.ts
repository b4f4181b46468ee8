// The print edition: the edition's tree set for paper and printed by the browser until the
// contents' page numbers hold still; page-css.ts writes the page rules, finish.ts the last touches.
import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFRef} from 'pdf-lib'
import type {EditionSettings} from './settings.ts'
import {GalleyError} from '../errors.ts'
import type {Metadata} from '../manuscript/types.ts'
import type {BrowserHandle} from './browser.ts'
import {finishPdf, type PdfFont} from './finish.ts'
import {rehypeHyphenate} from './hyphenate.ts'
import {classesOf, elementsOf} from './elements.ts'
import {pageCss} from './page-css.ts'
import {withLoadedPage, type LoadedPage} from './pdf.ts'

export type {PdfFont} from './finish.ts'

export interface PrintOptions {
  browser: BrowserHandle
  /** The date written into the PDF; else `SOURCE_DATE_EPOCH`, else 1970-01-01, never now. */
  sourceDate?: Date
  /** Milliseconds for each render; by default the config's `browser.timeout`. */
  timeout?: number
  /** What is printed, for messages; by default the title. */
  name?: string
  /** Told after each print of the page, with its number and pages, for a progress line. */
  printed?: (pass: number, pages: number) => void
}

export interface PrintedPdf {
  pdf: Uint8Array
  pages: number
  /** URLs the edition asked for and was refused: everything but data: URLs. */
  blocked: string[]
  fonts: PdfFont[]
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

  if (edition.hyphenate) await rehypeHyphenate(edition.hyphenateLimitChars)(tree)
  appendStyle(tree, pageCss(edition, tree, title))
  const entries = tocEntries(tree)
  entries.forEach((entry, index) => (entry.number.properties.id = `toc-page-${index + 1}`))

  const blocked = new Set<string>()
  const printed = await withLoadedPage(
    serialize(tree),
    {browser: options.browser, timeout: options.timeout ?? printable.timeout, name, onBlocked: (url) => blocked.add(url)},
    async (page) =>
      entries.length > 0 ? printWithPageNumbers(page, entries, name, options.printed) : {pdf: await page.print({draft: false})}
  )
  const finished = await finishPdf(printed, {metadata, date, edition, headings: headingsOf(tree)})
  return {pdf: finished.pdf, pages: finished.pages, blocked: [...blocked], fonts: finished.fonts}
}

/** At most this many prints after the draft: numbers that still move in the last are taken not to settle. */
const reprints = 2

/**
 * The contents need the pages the headings land on, which only a print knows. Numbers set in
 * the contents can move what follows, so the page is printed again until they hold still.
 * Every print after the draft is a final one, so the print that confirms the numbers is kept,
 * already read.
 */
async function printWithPageNumbers(
  page: LoadedPage,
  entries: TocEntry[],
  name: string,
  printed: PrintOptions['printed']
): Promise<{pdf: Uint8Array; doc: PDFDocument}> {
  let pass = 0
  const read = async (pdf: Uint8Array) => {
    const doc = await PDFDocument.load(pdf, {updateMetadata: false})
    printed?.(++pass, doc.getPageCount())
    return doc
  }
  let pages = headingPages(await read(await page.print({draft: true})), entries, name)
  for (let reprint = 1; ; reprint++) {
    await page.setTexts(Object.fromEntries(entries.map((entry) => [String(entry.number.properties.id), String(pages.get(entry.id))])))
    const pdf = await page.print({draft: false})
    const doc = await read(pdf)
    const found = headingPages(doc, entries, name)
    const moved = entries.find((entry) => found.get(entry.id) !== pages.get(entry.id))
    if (!moved) return {pdf, doc}
    if (reprint === reprints)
      throw new GalleyError(
        name,
        `the contents' page numbers do not settle (#${moved.id} moves from page ${pages.get(moved.id)} to ${found.get(moved.id)})`
      )
    pages = found
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
