// The pages' content streams, read and written again: the finishing's edits to what is drawn
// (text-layer.ts, margins.ts) run over each stream's text in one pass, inflated and deflated once.
import {promisify} from 'node:util'
import {deflate, inflate, inflateSync} from 'node:zlib'
import {decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage, type PDFStream} from 'pdf-lib'

/**
 * Apply `edit` to the content of every page (`index` 0-based); a stream it leaves unchanged is
 * not written again. Inflating and deflating a book's pages is most of the finishing's time, so
 * it runs in zlib's thread pool, a few pages at a time, while the edits run here. The pages in
 * flight are bounded, so that a long book does not hold all its content in memory at once.
 */
export async function editPageContents(doc: PDFDocument, edit: (content: string, page: PDFPage, index: number) => string): Promise<void> {
  const streams = doc.getPages().flatMap((page, index) => {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray() : []
    return refs.flatMap((ref) => {
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined
      return stream instanceof PDFRawStream ? [{page, index, ref: ref as PDFRef, stream}] : []
    })
  })
  let next = 0
  const lane = async () => {
    for (let at = next++; at < streams.length; at = next++) {
      const {page, index, ref, stream} = streams[at]!
      const content = await readContent(stream)
      const edited = edit(content, page, index)
      if (edited !== content) doc.context.assign(ref, await restream(doc, stream, edited))
    }
  }
  await Promise.all(Array.from({length: lanes}, lane))
}

/** Pages in flight at once: enough to keep zlib's four threads busy. */
const lanes = 8

const inflating = promisify(inflate)
const deflating = promisify(deflate)

/**
 * A stream's decoded bytes as text, one character per byte. Node's zlib inflates and deflates
 * a book's pages several times faster than pdf-lib's JavaScript codecs (the finishing of 544
 * pages went from 2.0 s to 0.8 s), so Flate alone, the filter Chromium writes, goes through
 * it; anything else through pdf-lib.
 */
export function contentOf(stream: PDFRawStream): string {
  return Buffer.from(isPlainFlate(stream) ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode()).toString('latin1')
}

async function readContent(stream: PDFRawStream): Promise<string> {
  return isPlainFlate(stream) ? (await inflating(stream.contents)).toString('latin1') : contentOf(stream)
}

function isPlainFlate(stream: PDFRawStream): boolean {
  return stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))
}

/**
 * The same stream with new content, deflated as Chromium deflates (zlib's default level; a
 * faster level made a book's pages half as big again), its dictionary's other keys kept.
 */
async function restream(doc: PDFDocument, old: PDFRawStream, content: string): Promise<PDFStream> {
  const dict = old.dict.clone(doc.context)
  dict.delete(PDFName.of('DecodeParms'))
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'))
  // pdf-lib sets Length from the bytes when it writes the stream.
  return PDFRawStream.of(dict, await deflating(Buffer.from(content, 'latin1')))
}
