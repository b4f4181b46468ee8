// The pages' content streams, read and written again: the finishing's edits to what is drawn
// (text-layer.ts, margins.ts) run over each stream's text in one pass, inflated and deflated once.
import {decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage, type PDFStream} from 'pdf-lib'

/** Apply `edit` to the content of every page (`index` 0-based); a stream it leaves unchanged is not written again. */
export function editPageContents(doc: PDFDocument, edit: (content: string, page: PDFPage, index: number) => string): void {
  doc.getPages().forEach((page, index) => {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray() : []
    for (const ref of refs) {
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined
      if (!(stream instanceof PDFRawStream)) continue
      const content = contentOf(stream)
      const edited = edit(content, page, index)
      if (edited !== content) doc.context.assign(ref as PDFRef, restream(doc, stream, edited))
    }
  })
}

/** A stream's decoded bytes as text, one character per byte. */
export function contentOf(stream: PDFRawStream): string {
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
}

/** The same stream with new content, its dictionary's other keys kept (none in Chromium's). */
function restream(doc: PDFDocument, old: PDFRawStream, content: string): PDFStream {
  const stream = doc.context.flateStream(Buffer.from(content, 'latin1'))
  for (const [key, value] of old.dict.entries()) {
    if (![PDFName.of('Length'), PDFName.of('Filter'), PDFName.of('DecodeParms')].includes(key)) stream.dict.set(key, value)
  }
  return stream
}
