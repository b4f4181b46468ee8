// The finished PDF is Chromium's file with the finishing appended as an incremental update
// (ISO 32000-1, 7.5.6): the objects the finishing changed or added, a cross-reference section
// for them, and a trailer that points back to Chromium's. pdf-lib saves only whole files, and
// rewriting every content stream and structure element of a book to change a few dictionaries
// took longer than the browser's second print; no maintained package appends an update to a
// pdf-lib document, so this file does, with pdf-lib's own writers for each part.
import {PDFCrossRefSection, PDFDict, PDFStream, PDFTrailer, PDFTrailerDict, type PDFDocument, type PDFObject, type PDFRef} from 'pdf-lib'

/** Each object as read: the object itself and how it serialises (a stream, by its dictionary). */
export type Snapshot = Map<PDFRef, {object: PDFObject; text: string}>

export function snapshot(doc: PDFDocument): Snapshot {
  const taken: Snapshot = new Map()
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) taken.set(ref, {object, text: textOf(object)})
  return taken
}

/**
 * `original` (the bytes `doc` was loaded from, or the same with bytes overwritten in place) and,
 * after it, every object of `doc` that is new or differs from `before`. Superseded objects stay
 * in the file, unread. Undefined when `original` does not end in a classic cross-reference
 * table (a browser that writes cross-reference streams): the caller then saves the whole file.
 */
export function appendUpdate(original: Uint8Array, doc: PDFDocument, before: Snapshot): Uint8Array | undefined {
  const previous = lastCrossReference(original)
  if (previous === undefined) return undefined
  const changed: Array<[PDFRef, PDFObject]> = []
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const was = before.get(ref)
    // Streams are never edited in place by the finishing, only replaced: identity tells.
    if (!was || was.object !== object || was.text !== textOf(object)) changed.push([ref, object])
  }
  changed.sort(([a], [b]) => a.objectNumber - b.objectNumber)

  const separator = original.at(-1) === 0x0a ? '' : '\n'
  const chunks: Uint8Array[] = [original, ascii(separator)]
  let offset = original.length + separator.length
  const xref = PDFCrossRefSection.create()
  for (const [ref, object] of changed) {
    xref.addEntry(ref, offset)
    for (const chunk of [ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`), serialised(object), ascii('\nendobj\n')]) {
      chunks.push(chunk)
      offset += chunk.length
    }
  }
  const {trailerInfo} = doc.context
  const trailer = PDFTrailerDict.of(
    doc.context.obj({
      Size: doc.context.largestObjectNumber + 1,
      Root: trailerInfo.Root,
      Info: trailerInfo.Info,
      ID: trailerInfo.ID,
      Prev: previous
    }) as PDFDict
  )
  for (const part of [xref, trailer]) chunks.push(serialised(part), ascii('\n'))
  chunks.push(serialised(PDFTrailer.forLastCrossRefSectionOffset(offset)))
  // A plain Uint8Array, as the PDF readers (pdf.js) insist, not a Buffer.
  const file = Buffer.concat(chunks)
  return new Uint8Array(file.buffer, file.byteOffset, file.length)
}

function textOf(object: PDFObject): string {
  return object instanceof PDFStream ? object.dict.toString() : object.toString()
}

/** Where the file's last cross-reference table starts, from its final `startxref`, if it is a table. */
function lastCrossReference(bytes: Uint8Array): number | undefined {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1')
  const offset = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1] ?? Number.NaN)
  if (!Number.isInteger(offset)) return undefined
  return Buffer.from(bytes.subarray(offset, offset + 4)).toString('latin1') === 'xref' ? offset : undefined
}

function serialised(part: {sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number}): Uint8Array {
  const bytes = new Uint8Array(part.sizeInBytes())
  part.copyBytesInto(bytes, 0)
  return bytes
}

function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1')
}
