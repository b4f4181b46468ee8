// The print edition: the edition's tree set for paper and printed by the browser until the
// page numbers it states (page-refs.ts) hold still; page-css.ts writes the page rules, finish.ts the last touches.
import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {h} from 'hastscript'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFRef} from 'pdf-lib'
import {bookLayoutOf, type EditionSettings} from './settings.ts'
import {GalleyError} from '../errors.ts'
import type {Metadata} from '../manuscript/types.ts'
import type {BrowserHandle} from './browser.ts'
import {finishPdf, type PdfFont} from './finish.ts'
import {rehypeHyphenate} from './hyphenate.ts'
import {chapterSections, classesOf, elementsOf} from './elements.ts'
import {layoutNotes} from './notes-layout.ts'
import {pageArea, pageCss} from './page-css.ts'
import {pageRefsOf, type PageRef} from './page-refs.ts'
import {addProbes, planBlanks, prepareRectos, type Recto} from './recto.ts'
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
  /** Pages left blank on purpose: the versos before what opens on a right-hand page. */
  blanks: number[]
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
  const layout = bookLayoutOf(edition)
  const title = metadata.title
  const name = options.name ?? (title ? `${title} (PDF)` : 'the PDF edition')
  const date = sourceDateOf(options)

  if (edition.hyphenate) await rehypeHyphenate(edition.hyphenateLimitChars)(tree)
  markAddresses(tree)
  appendStyle(tree, pageCss(edition, tree, title))
  const entries = pageRefsOf(tree)
  const hasFrontMatter = layout.frontMatter && elementsOf(tree).some((element) => classesOf(element).includes('front-matter'))
  const rectos = layout.openRight ? prepareRectos(tree) : []
  // The finishing needs each chapter's first page, for its opener's head and the page labels.
  const chapters = layout.facingPages || layout.frontMatter ? chapterIds(tree) : []
  addProbes(tree, [...new Set([...rectos.map((recto) => recto.id), ...chapters])])

  const notesAtFoot = edition.notes === 'foot' && elementsOf(tree).some((element) => classesOf(element).includes('footnotes'))

  const blocked = new Set<string>()
  const printed = await withLoadedPage(
    serialize(tree),
    {browser: options.browser, timeout: options.timeout ?? printable.timeout, name, onBlocked: (url) => blocked.add(url)},
    async (page): Promise<{pdf: Uint8Array; doc?: PDFDocument; blanks?: Set<string>}> => {
      // Cut before any print: a chapter's pages do not move when the contents' numbers change.
      if (notesAtFoot) await page.run(layoutNotes, {...pageArea(edition), share: noteShare})
      return entries.length > 0 || rectos.length > 0
        ? printSettled(page, {entries, rectos, bodyStart: hasFrontMatter ? chapters[0] : undefined}, name, options.printed)
        : {pdf: await page.print({draft: false})}
    }
  )
  const doc = printed.doc ?? (await PDFDocument.load(printed.pdf, {updateMetadata: false}))
  const destinations = destinationsOf(doc)
  const openers = chapters.map((id) => pageOf(destinations, id, name))
  const blanks = rectos.filter((recto) => printed.blanks?.has(recto.blank)).map((recto) => pageOf(destinations, recto.id, name) - 1)
  const finished = await finishPdf(
    {pdf: printed.pdf, doc},
    {
      metadata,
      date,
      edition,
      headings: headingsOf(tree),
      openers: layout.facingPages ? openers : [],
      // A document without front matter (the redline) is numbered from its first page.
      bodyStart: hasFrontMatter ? openers[0] : undefined
    }
  )
  return {pdf: finished.pdf, pages: finished.pages, blocked: [...blocked], fonts: finished.fonts, blanks}
}

/** The most of a page that its footnotes may fill; a longer note continues overleaf, as Chicago sets them. */
const noteShare = 0.5

/** At most this many prints after the draft: numbers that still move in the last are taken not to settle. */
const reprints = 2

/**
 * The contents need the pages the headings land on, and a recto needs a blank before it when
 * it lands on an even page; only a print knows either. Both can move what follows, so the page
 * is printed again until they hold still. Every print after the draft is a final one, so the
 * print that confirms them is kept, already read.
 */
async function printSettled(
  page: LoadedPage,
  {entries, rectos, bodyStart}: {entries: PageRef[]; rectos: Recto[]; bodyStart: string | undefined},
  name: string,
  printed: PrintOptions['printed']
): Promise<{pdf: Uint8Array; doc: PDFDocument; blanks: Set<string>}> {
  let pass = 0
  const read = async (pdf: Uint8Array) => {
    const doc = await PDFDocument.load(pdf, {updateMetadata: false})
    printed?.(++pass, doc.getPageCount())
    return doc
  }
  let found = destinationsOf(await read(await page.print({draft: true})))
  let shown = new Set<string>()
  for (let reprint = 1; ; reprint++) {
    const starts = new Map(rectos.map((recto) => [recto.id, pageOf(found, recto.id, name)]))
    const plan = planBlanks(rectos, starts, shown)
    const pages = new Map(entries.map((entry) => [entry.target, plan.move(pageOf(found, entry.target, name))]))
    // Page references print folios: with front matter, chapter 1 is page 1.
    const before = bodyStart === undefined ? 0 : plan.move(pageOf(found, bodyStart, name)) - 1
    await page.update({
      texts: Object.fromEntries(entries.map((entry) => [entry.slot, entry.text(pages.get(entry.target)! - before)])),
      hidden: Object.fromEntries(rectos.map((recto) => [recto.blank, !plan.blanks.has(recto.blank)]))
    })
    shown = plan.blanks
    const pdf = await page.print({draft: false})
    const doc = await read(pdf)
    found = destinationsOf(doc)
    const moved = entries.find((entry) => pageOf(found, entry.target, name) !== pages.get(entry.target))
    const verso = rectos.find((recto) => pageOf(found, recto.id, name) % 2 === 0)
    if (!moved && !verso) return {pdf, doc, blanks: shown}
    if (reprint === reprints) {
      const reason = moved
        ? `the page numbers do not settle (#${moved.target} moves from page ${pages.get(moved.target)} to ${pageOf(found, moved.target, name)})`
        : `#${verso!.id} does not settle on a right-hand page (page ${pageOf(found, verso!.id, name)})`
      throw new GalleyError(name, reason)
    }
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

/**
 * The page (1-based) of every named destination. Chromium writes one for every element that a
 * link points to: the contents' links and the probes name all that the printing asks about.
 */
function destinationsOf(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]))
  const destinations = new Map<string, number>()
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  for (const [key, value] of dests?.entries() ?? []) {
    const target = doc.context.lookupMaybe(value, PDFArray)?.get(0)
    const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined
    // Names are bytes; ids are UTF-8 in them.
    if (page !== undefined) destinations.set(new TextDecoder().decode(key.asBytes()), page)
  }
  return destinations
}

function pageOf(destinations: Map<string, number>, id: string, name: string): number {
  const page = destinations.get(id)
  if (page === undefined) throw new GalleyError(name, `the PDF has no page for #${id}, which the print links to`)
  return page
}

/** Links that show their address (a URL, an e-mail address) get the class `address`, which may break anywhere. */
function markAddresses(tree: Root): void {
  for (const link of elementsOf(tree).filter((element) => element.tagName === 'a')) {
    const text = toString(link)
    const href = String(link.properties.href ?? '')
    if (text.length > 0 && (href === text || href === `mailto:${text}` || /^(https?:\/\/|www\.)\S+$/.test(text)))
      link.properties.className = [...classesOf(link).filter(Boolean), 'address']
  }
}

function chapterIds(tree: Root): string[] {
  return chapterSections(tree)
    .filter((element) => element.properties.id)
    .map((element) => String(element.properties.id))
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
