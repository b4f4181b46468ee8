// The finished PDF is Chromium's file with the objects the finishing changed written in their
// place: every other object is copied as its bytes stand, and a new cross-reference table and
// trailer close the file. pdf-lib saves only whole files, and serialising every content stream
// and structure element of a book again took longer than the browser's second print. An
// incremental update would keep the browser's superseded objects in the file, and the finishing
// rewrites every page's text (text-layer.ts): the soft hyphens it takes out would stay in the
// bytes and the file would double. No maintained package splices objects into a pdf-lib
// document's source, so this file does, with pdf-lib's own writers for each part.
import {PDFCrossRefSection, PDFDict, PDFRef, PDFStream, PDFTrailer, PDFTrailerDict, type PDFDocument, type PDFObject} from 'pdf-lib'

/** Each object as read: the object itself and how it serialises (a stream, by its dictionary). */
export type Snapshot = Map<PDFRef, {object: PDFObject; text: string}>

export function snapshot(doc: PDFDocument): Snapshot {
  const taken: Snapshot = new Map()
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) taken.set(ref, {object, text: textOf(object)})
  return taken
}

/**
 * `original` (the bytes `doc` was loaded from, or the same with bytes overwritten in place) with
 * every object of `doc` that differs from `before` written where it stood, and new objects at
 * the end. Undefined unless `original` is one revision with one classic cross-reference table
 * (a browser that writes cross-reference streams or updates): the caller then saves it whole.
 */
export function spliceObjects(original: Uint8Array, doc: PDFDocument, before: Snapshot): Uint8Array | undefined {
  const table = crossReferenceTable(original)
  if (!table) return undefined
  const current = new Map(doc.context.enumerateIndirectObjects().map(([ref, object]) => [ref.objectNumber, {ref, object}]))
  // Every object the file had must still be there: the finishing only changes and adds.
  if ([...table.offsets.keys()].some((number) => !current.has(number))) return undefined

  const chunks: Uint8Array[] = []
  let offset = 0
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk)
    offset += chunk.length
  }
  // Where each object now starts; the table lists them by number, which is not the file's order.
  const entries: Array<[PDFRef, number]> = []
  const inFileOrder = [...table.offsets].sort(([, a], [, b]) => a - b)
  push(original.subarray(0, inFileOrder[0]?.[1] ?? table.start))
  inFileOrder.forEach(([number, start], index) => {
    const {ref, object} = current.get(number)!
    const was = before.get(ref)
    entries.push([ref, offset])
    // Streams are never edited in place by the finishing, only replaced: identity tells.
    if (was && was.object === object && was.text === textOf(object))
      push(original.subarray(start, inFileOrder[index + 1]?.[1] ?? table.start))
    else writeObject(ref, object, push)
  })
  for (const [number, {ref, object}] of [...current].sort(([a], [b]) => a - b)) {
    if (table.offsets.has(number)) continue
    entries.push([ref, offset])
    writeObject(ref, object, push)
  }
  const xref = PDFCrossRefSection.create()
  // pdf-lib groups entries into subsections as they come, so they must come in order.
  for (const [ref, at] of entries.sort(([a], [b]) => a.objectNumber - b.objectNumber)) xref.addEntry(ref, at)
  const {trailerInfo} = doc.context
  const trailer = PDFTrailerDict.of(
    doc.context.obj({
      Size: doc.context.largestObjectNumber + 1,
      Root: trailerInfo.Root,
      Info: trailerInfo.Info,
      ID: trailerInfo.ID
    }) as PDFDict
  )
  const tableAt = offset
  for (const part of [xref, trailer]) {
    push(serialised(part))
    push(ascii('\n'))
  }
  push(serialised(PDFTrailer.forLastCrossRefSectionOffset(tableAt)))
  // A plain Uint8Array, as the PDF readers (pdf.js) insist, not a Buffer.
  const file = Buffer.concat(chunks)
  return new Uint8Array(file.buffer, file.byteOffset, file.length)
}

function writeObject(ref: PDFRef, object: PDFObject, push: (chunk: Uint8Array) => void): void {
  push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`))
  push(serialised(object))
  push(ascii('\nendobj\n'))
}

function textOf(object: PDFObject): string {
  return object instanceof PDFStream ? object.dict.toString() : object.toString()
}

interface CrossReferenceTable {
  /** Where the table starts: the end of the last object. */
  start: number
  /** Where each object in use starts, by object number. */
  offsets: Map<number, number>
}

/**
 * The file's cross-reference table, when its final `startxref` names a classic table and the
 * trailer after it points to no earlier one.
 */
function crossReferenceTable(bytes: Uint8Array): CrossReferenceTable | undefined {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1')
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1] ?? Number.NaN)
  if (!Number.isInteger(start) || start >= bytes.length) return undefined
  const text = Buffer.from(bytes.subarray(start)).toString('latin1')
  const trailerAt = text.indexOf('trailer')
  if (!text.startsWith('xref') || trailerAt < 0 || /\/Prev\b/.test(text.slice(trailerAt))) return undefined
  const offsets = new Map<number, number>()
  // Subsections: a line "first count", then `count` entries "offset generation n|f".
  const lines = text
    .slice(4, trailerAt)
    .trim()
    .split(/\r?\n|\r/)
  for (let index = 0; index < lines.length;) {
    const [first, count] = lines[index++]!.trim().split(/\s+/).map(Number)
    if (!Number.isInteger(first) || !Number.isInteger(count)) return undefined
    for (let entry = 0; entry < count!; entry++) {
      const [at, , kind] = (lines[index++] ?? '').trim().split(/\s+/)
      if (kind === 'n') offsets.set(first! + entry, Number(at))
    }
  }
  if ([...offsets.values()].some((at) => !Number.isInteger(at) || at >= start)) return undefined
  return {start, offsets}
}

function serialised(part: {sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number}): Uint8Array {
  const bytes = new Uint8Array(part.sizeInBytes())
  part.copyBytesInto(bytes, 0)
  return bytes
}

function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1')
}
