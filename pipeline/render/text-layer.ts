// Repairs to the text the PDF's readers extract (search, copy, screen readers, ingestion): the
// glyphs are printed as Chromium set them, only what they read as changes.
import {PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument} from 'pdf-lib'
import {contentOf} from './content.ts'

/**
 * Chromium draws every soft hyphen of the page, used or not, as an invisible glyph of no width
 * (HarfBuzz hides it behind the space glyph) wrapped in `/Span <</ActualText (U+00AD)>>`. Readers
 * that honour ActualText (poppler's pdftotext, Acrobat) then find `light\u00adhouse`, and pdf.js,
 * reading the space glyph, splits the word. Taking those glyphs out changes nothing printed. A
 * hyphen used at a line's end is a glyph of its own, outside the span, so it stays: readers
 * join `light-` at the end of a line with `house` on the next, as they join any hyphenated text.
 */
const softHyphen = /\/Span\s*<<\s*\/ActualText\s*<FEFF00AD>\s*>>\s*BDC\s+((?:[-\d.]+\s+[-\d.]+\s+Td\s+)?)<[0-9A-Fa-f]+>\s*Tj\s+EMC\s/g

/** The content without its soft hyphens' glyphs. */
export function withoutSoftHyphens(content: string): string {
  // Cheap to ask first: many streams of a book have none (headings, pages of code).
  if (!content.includes('FEFF00AD')) return content
  // The glyph's positioning stays: the next glyph's `Td` is relative to it.
  return content.replace(softHyphen, (_, position: string) => position)
}

/**
 * A font draws ’ (U+2019) and ʼ (U+02BC) with one glyph, and Chromium names that glyph by
 * the lower code point: every apostrophe would copy and search as ʼ. English text means ’.
 */
export function repairToUnicode(doc: PDFDocument): void {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.Type) !== PDFName.of('Font')) continue
    const ref = object.get(PDFName.of('ToUnicode'))
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined
    if (!(stream instanceof PDFRawStream)) continue
    const cmap = contentOf(stream)
    const repaired = cmap.replace(/^(<[0-9A-Fa-f]+>\s+)<02BC>$/gm, '$1<2019>')
    if (repaired !== cmap) doc.context.assign(ref as PDFRef, doc.context.flateStream(repaired))
  }
}
