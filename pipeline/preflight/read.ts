// A printed PDF read back for the preflight: each page's content lines with their positions,
// the fonts of its glyphs, its images at their printed size and its links, with pdf.js; the
// blocks they belong to come from the structure tree (structure.ts).
import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'
import {PDFDocument} from 'pdf-lib'
import type {PDFDocumentProxy, PDFPageProxy} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {
  lastWhere,
  type Box,
  type FontUse,
  type PageLink,
  type PlacedImage,
  type PrintedBlock,
  type PrintedBook,
  type PrintedLine,
  type PrintedPage
} from './pages.ts'
import {structureOf, type Structure} from './structure.ts'

interface Item {
  text: string
  x: number
  y: number
  width: number
  size: number
  block?: number
}

type Matrix = [number, number, number, number, number, number]

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

/**
 * pdf.js's legacy build, and its worker for a PDF read on this thread. Their core-js polyfills
 * replace Node's own `Array.prototype.push` (for an edge case at 2^53 elements) with one in
 * JavaScript several times slower, for the whole process: pdf.js's parser pushes every token,
 * so Node's is put back once they are loaded. The worker threads (below) do the same.
 */
let loaded: Promise<Pdfjs> | undefined
const loadPdfjs = () =>
  (loaded ??= (async () => {
    const {push} = Array.prototype
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs')
    // Loaded here, it is found on `globalThis.pdfjsWorker` rather than imported by pdf.js.
    // @ts-expect-error: the worker has no types.
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    Array.prototype.push = push
    return lib
  })())

/**
 * pdf.js's worker in a worker thread, talking to pdf.js here through a port with the methods it
 * calls. In Node, pdf.js would otherwise run its worker on this thread: parsing each page's
 * content (nine tenths of the time) would neither use another core nor overlap with the rest.
 */
const bootstrap = `
const {parentPort, workerData} = require('node:worker_threads')
const {push} = Array.prototype
import(workerData).then(({WorkerMessageHandler}) => {
  Array.prototype.push = push
  WorkerMessageHandler.initializeFromPort({
    postMessage: (message, transfer) => parentPort.postMessage(message, transfer),
    addEventListener(type, listener, options) {
      const on = (data) => listener({data})
      parentPort.on('message', on)
      options?.signal?.addEventListener('abort', () => parentPort.off('message', on))
    },
    removeEventListener() {}
  })
})
`

interface Reader {
  doc: Promise<PDFDocumentProxy>
  /** Rejects if the thread fails: pdf.js would wait for its answers for ever. */
  failed: Promise<never>
  close(): Promise<void>
}

const onThisThread = ({getDocument}: Pdfjs, pdf: Uint8Array): Reader => {
  const task = getDocument({data: pdf.slice(), verbosity: 0, isEvalSupported: false})
  return {doc: task.promise, failed: new Promise<never>(() => {}), close: () => task.destroy()}
}

function onAThread({getDocument, PDFWorker}: Pdfjs, pdf: Uint8Array): Reader {
  const thread = new Worker(bootstrap, {eval: true, workerData: import.meta.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')})
  const port = {
    postMessage: (message: unknown, transfer?: Transferable[]) => thread.postMessage(message, transfer as never),
    addEventListener(type: string, listener: (event: {data: unknown}) => void, options?: {signal?: AbortSignal}) {
      const on = (data: unknown) => listener({data})
      thread.on('message', on)
      options?.signal?.addEventListener('abort', () => thread.off('message', on))
    },
    removeEventListener() {}
  }
  const worker = new PDFWorker({port: port as never, verbosity: 0})
  const task = getDocument({data: pdf.slice(), verbosity: 0, isEvalSupported: false, worker})
  const failed = new Promise<never>((_, reject) => {
    thread.once('error', reject)
    thread.once('exit', (code) => reject(new Error(`pdf.js's worker thread stopped (${code})`)))
  })
  failed.catch(() => {})
  return {
    doc: Promise.race([task.promise, failed]),
    failed,
    async close() {
      await task.destroy().catch(() => {})
      worker.destroy()
      await thread.terminate()
    }
  }
}

/**
 * Worker threads for a book: one for each 64 pages, up to one per core and four. A shorter
 * PDF is read on this thread, where starting one (a quarter of a second) would cost more.
 */
const threadsFor = (pages: number) => (pages < 64 ? 0 : Math.min(4, availableParallelism(), Math.ceil(pages / 64)))

export async function readPrinted(pdf: Uint8Array): Promise<PrintedBook> {
  const pdfjs = await loadPdfjs()
  const lib = await PDFDocument.load(pdf, {updateMetadata: false})
  const threads = threadsFor(lib.getPageCount())
  // The threads start while the structure is read here.
  const readers = threads === 0 ? [onThisThread(pdfjs, pdf)] : Array.from({length: threads}, () => onAThread(pdfjs, pdf))
  try {
    const structure = structureOf(lib)
    const blockOf = new Map(structure.contents.map((content) => [`${content.page}:${content.mcid}`, content.block]))
    const visible = new Set<string>()
    const doc = await readers[0]!.doc
    const labels = (await doc.getPageLabels()) ?? []
    const target = targetsOf(doc)
    const count = doc.numPages
    const pages: PrintedPage[] = new Array(count)
    // Each reader takes the next page to read, two at a time: one is parsed while the other is
    // taken apart here. Pages are read in any order, each into its place.
    let next = 1
    const lane = async (reader: Reader) => {
      const doc = await reader.doc
      for (let number = next++; number <= count; number = next++) {
        const page = await Promise.race([doc.getPage(number), reader.failed])
        const trim = lib.getPage(number - 1).getTrimBox()
        const [items, {fonts, images}, annotations] = await Promise.race([
          Promise.all([
            itemsOf(page, number, blockOf, visible),
            drawingOf(page, number, blockOf, visible, pdfjs.OPS),
            page.getAnnotations()
          ]),
          reader.failed
        ])
        pages[number - 1] = {
          number,
          label: labels[number - 1] || String(number),
          trim: {left: trim.x, bottom: trim.y, right: trim.x + trim.width, top: trim.y + trim.height},
          lines: linesOf(items),
          calls: callsOf(items),
          fonts,
          images,
          links: await linksOf(annotations, items, target)
        }
        page.cleanup()
      }
    }
    await Promise.all(readers.flatMap((reader) => [lane(reader), lane(reader)]))
    return {pages, blocks: blocksOf(structure, pages, visible)}
  } finally {
    await Promise.all(readers.map((reader) => reader.close()))
  }
}

/** The current marked content's block, and whether it is an artifact (running heads, folios). */
function markedContent(number: number, blockOf: Map<string, number | undefined>) {
  const stack: Array<{key?: string; artifact: boolean}> = []
  return {
    begin(tag: string | undefined, mcid: number | undefined) {
      const parent = stack.at(-1)
      stack.push({key: mcid === undefined ? parent?.key : `${number}:${mcid}`, artifact: tag === 'Artifact' || parent?.artifact === true})
    },
    end: () => void stack.pop(),
    get key() {
      return stack.at(-1)?.key
    },
    get artifact() {
      return stack.at(-1)?.artifact === true
    },
    get block() {
      const key = stack.at(-1)?.key
      return key === undefined ? undefined : blockOf.get(key)
    }
  }
}

async function itemsOf(
  page: PDFPageProxy,
  number: number,
  blockOf: Map<string, number | undefined>,
  visible: Set<string>
): Promise<Item[]> {
  const marked = markedContent(number, blockOf)
  const items: Item[] = []
  for (const item of (await page.getTextContent({includeMarkedContent: true})).items) {
    if ('type' in item) {
      if (item.type === 'endMarkedContent') marked.end()
      else marked.begin((item as {tag?: string}).tag, mcidOf(item.id))
      continue
    }
    // Chromium writes what it draws with no text (a ligature, a missing glyph) as U+0000.
    const text = item.str.replace(/\u0000/g, '\ufffd')
    if (marked.artifact || (text.trim() === '' && items.length === 0)) continue
    if (text.trim() !== '' && marked.key) visible.add(marked.key)
    items.push({
      text,
      x: item.transform[4],
      y: item.transform[5],
      width: item.width,
      size: Math.hypot(item.transform[2], item.transform[3]),
      block: marked.block
    })
  }
  return items
}

/**
 * Note calls: numerals set smaller than the text before them and raised above it, as
 * print.css sets `sup`. Each is its block's, to place a finding about its note.
 */
function callsOf(items: Item[]): PrintedPage['calls'] {
  const calls: PrintedPage['calls'] = []
  let before: Item | undefined
  for (const item of items) {
    const text = item.text.trim()
    if (text === '') continue
    if (before && /^\d{1,4}$/.test(text) && item.size < 0.85 * before.size && item.y > before.y + 0.15 * before.size)
      calls.push({number: Number(text), size: before.size, block: item.block})
    else before = item
  }
  return calls
}

/** pdf.js names marked content `p<page ref>_mc<MCID>`. */
function mcidOf(id: string | null | undefined): number | undefined {
  const found = id ? /_mc(\d+)$/.exec(id) : null
  return found ? Number(found[1]) : undefined
}

/** Items on one baseline of one block make a line; a superscript stays on its line. */
function linesOf(items: Item[]): PrintedLine[] {
  const lines: PrintedLine[] = []
  let last: PrintedLine | undefined
  for (const item of items) {
    const blank = item.text.trim() === ''
    const line = blank
      ? last
      : lastWhere(lines, (line) => line.block === item.block && Math.abs(line.baseline - item.y) < 0.6 * Math.max(line.size, item.size))
    if (blank) {
      if (line) line.text += ' '
      continue
    }
    if (line) {
      line.text += item.text
      line.left = Math.min(line.left, item.x)
      line.right = Math.max(line.right, item.x + item.width)
      line.size = Math.max(line.size, item.size)
      last = line
    } else {
      last = {text: item.text, left: item.x, right: item.x + item.width, baseline: item.y, size: item.size, block: item.block}
      lines.push(last)
    }
  }
  for (const line of lines) line.text = line.text.replace(/\s+/g, ' ').trim()
  return lines
}

/** `m` then `n`, in PDF's row-vector convention. */
function multiply([a, b, c, d, e, f]: Matrix, [a2, b2, c2, d2, e2, f2]: Matrix): Matrix {
  return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]
}

interface Glyph {
  unicode?: string
  originalCharCode?: number
  isSpace?: boolean
}

/** The fonts of the glyphs drawn and the images placed, from the page's operators. */
async function drawingOf(
  page: PDFPageProxy,
  number: number,
  blockOf: Map<string, number | undefined>,
  visible: Set<string>,
  OPS: Pdfjs['OPS']
) {
  const {fnArray, argsArray} = await page.getOperatorList()
  const marked = markedContent(number, blockOf)
  const stack: Matrix[] = []
  let matrix: Matrix = [1, 0, 0, 1, 0, 0]
  let font = ''
  const fonts = new Map<string, FontUse>()
  const images: PlacedImage[] = []
  const fontName = (id: string) => {
    const name = page.commonObjs.has(id) ? (page.commonObjs.get(id) as {name?: string}).name : undefined
    return (name ?? id).replace(/^[A-Z]{6}\+/, '')
  }
  fnArray.forEach((fn, index) => {
    const args = argsArray[index] as any[]
    if (fn === OPS.save) stack.push(matrix)
    else if (fn === OPS.restore) matrix = stack.pop() ?? matrix
    else if (fn === OPS.transform) matrix = multiply(args as Matrix, matrix)
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(matrix)
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) matrix = multiply([...(args[0] as number[])] as Matrix, matrix)
    } else if (fn === OPS.paintFormXObjectEnd) matrix = stack.pop() ?? matrix
    else if (fn === OPS.beginMarkedContentProps) marked.begin(args[0], typeof args[1] === 'number' ? args[1] : undefined)
    else if (fn === OPS.beginMarkedContent) marked.begin(args[0], undefined)
    else if (fn === OPS.endMarkedContent) marked.end()
    else if (fn === OPS.setFont) font = fontName(args[0])
    else if (fn === OPS.showText) {
      const glyphs = (args[0] as Array<Glyph | number | null>).filter(
        (glyph): glyph is Glyph => typeof glyph === 'object' && glyph !== null
      )
      const drawn = glyphs.filter((glyph) => !glyph.isSpace && (glyph.unicode ?? '').trim() !== '')
      if (drawn.length === 0) return
      const key = `${font}\u0000${marked.block ?? ''}`
      const use = fonts.get(key) ?? {font, text: '', missing: 0, block: marked.block}
      fonts.set(key, use)
      for (const glyph of drawn) {
        // Chromium's fonts are CID-keyed with glyph ids for codes: code 0 is `.notdef`.
        if (glyph.originalCharCode === 0) use.missing++
        else if (!use.text.includes(glyph.unicode!)) use.text += glyph.unicode
      }
    } else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      const [width, height] = fn === OPS.paintImageXObject ? [args[1], args[2]] : [args[0].width, args[0].height]
      if (marked.key) visible.add(marked.key)
      images.push({
        pixels: {width, height},
        placed: {width: Math.hypot(matrix[0], matrix[1]), height: Math.hypot(matrix[2], matrix[3])},
        block: marked.block
      })
    }
  })
  return {fonts: [...fonts.values()], images}
}

/**
 * The page a link leads to, by its destination. The named destinations are read once and each
 * page reference resolved once: asking pdf.js link by link cost a book seconds.
 */
function targetsOf(doc: PDFDocumentProxy): (dest: unknown) => Promise<number | undefined> {
  let named: Promise<Record<string, unknown[]>> | undefined
  const pages = new Map<string, Promise<number>>()
  return async (dest) => {
    const destination = typeof dest === 'string' ? (await (named ??= doc.getDestinations()))[dest] : dest
    const ref = Array.isArray(destination) ? destination[0] : undefined
    if (!ref || typeof ref !== 'object') return undefined
    const key = JSON.stringify(ref)
    if (!pages.has(key))
      pages.set(
        key,
        doc.getPageIndex(ref as Parameters<PDFDocumentProxy['getPageIndex']>[0]).then((index) => index + 1)
      )
    return pages.get(key)
  }
}

/** Links to a place in the file, with the text they show and the text after them on their line. */
async function linksOf(
  annotations: Awaited<ReturnType<PDFPageProxy['getAnnotations']>>,
  items: Item[],
  targetOf: (dest: unknown) => Promise<number | undefined>
): Promise<PageLink[]> {
  const links: PageLink[] = []
  const rects: Array<Box & {target: number}> = []
  for (const annotation of annotations) {
    if (annotation.subtype !== 'Link' || !annotation.dest) continue
    const target = await targetOf(annotation.dest)
    if (target === undefined) continue
    const [left, bottom, right, top] = annotation.rect as number[]
    // Chromium writes a link as one annotation per run of its text: runs that touch on one line
    // and lead to one page are one link.
    const previous = rects.at(-1)
    if (previous && previous.target === target && Math.abs(previous.bottom - bottom!) < 1 && Math.abs(left! - previous.right) < 2) {
      previous.right = right!
      previous.top = Math.max(previous.top, top!)
    } else rects.push({left: left!, bottom: bottom!, right: right!, top: top!, target})
  }
  for (const {left, bottom, right, top, target} of rects) {
    const line = items.filter((item) => item.y >= bottom && item.y <= top && item.text.trim() !== '')
    const within = line.filter((item) => item.x + item.width / 2 >= left && item.x + item.width / 2 <= right)
    const join = (some: Item[]) =>
      some
        .map((item) => item.text)
        .join('')
        .replace(/\s+/g, ' ')
        .trim()
    links.push({
      text: join(within),
      after: join(line.filter((item) => item.x >= right)),
      startsLine: within.length > 0 && Math.min(...line.map((item) => item.x)) >= left - 1,
      target
    })
  }
  return links
}

function blocksOf(structure: Structure, pages: PrintedPage[], visible: Set<string>): PrintedBlock[] {
  const shown = structure.contents.map((content) => visible.has(`${content.page}:${content.mcid}`))
  const texts = new Map<number, string[]>()
  for (const line of pages.flatMap((page) => page.lines)) {
    if (line.block === undefined) continue
    if (!texts.has(line.block)) texts.set(line.block, [])
    texts.get(line.block)!.push(line.text)
  }
  return structure.blocks.map((block, index) => {
    const text = texts.get(index)?.join(' ') ?? ''
    const own = structure.contents.slice(block.start, block.end).filter((_, at) => shown[block.start + at])
    const next = structure.contents.slice(block.end, block.sectionEnd).find((_, at) => shown[block.end + at])
    return {
      role: block.role,
      level: block.level,
      text: block.role === 'figure' ? (block.alt ?? '') : text,
      pages: [...new Set(own.map((content) => content.page))],
      nextPage: next?.page
    }
  })
}
