// A PDF's text read from its content streams with pdf-lib, as a reader that honours ActualText
// does (poppler's pdftotext, Acrobat): a second reading beside pdf.js's, which ignores ActualText.
// Enough for the PDFs Chromium writes (Type 0 fonts, 2-byte codes, `Tj` per glyph), not a
// general text extractor.
import {decodePDFRawStream, PDFArray, PDFDict, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type PDFDocument} from 'pdf-lib'

/** Each page's text; a text object (`BT … ET`), which Chromium writes per line or run, ends a line. */
export function contentTextOf(doc: PDFDocument): string[] {
  return doc.getPages().map((page) => {
    const fonts = new Map<string, Map<string, string>>()
    const resources = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict)
    for (const [name, ref] of resources?.entries() ?? []) {
      const font = doc.context.lookupMaybe(ref, PDFDict)
      const toUnicode = font?.get(PDFName.of('ToUnicode'))
      const stream = toUnicode instanceof PDFRef ? doc.context.lookup(toUnicode) : undefined
      fonts.set(name.decodeText(), stream instanceof PDFRawStream ? cmapOf(decoded(stream)) : new Map())
    }
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    const text = refs.map((ref) => textOfContent(decoded(doc.context.lookup(ref as PDFRef) as PDFRawStream), fonts)).join('\n')
    // Chromium sets a line-end hyphen in a text object of its own, after the line's: a reader
    // that orders by position finds it at that line's end.
    return text.replace(/\n-\n/g, '-\n')
  })
}

function decoded(stream: PDFRawStream): string {
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
}

/** Code → text, from a ToUnicode CMap's `bfchar` and `bfrange` entries. */
function cmapOf(cmap: string): Map<string, string> {
  const map = new Map<string, string>()
  const text = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le')
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, unicode] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code!.toUpperCase(), text(unicode!))
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, start] of body!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = Number.parseInt(start!, 16)
      for (let code = Number.parseInt(low!, 16); code <= Number.parseInt(high!, 16); code++)
        map.set(code.toString(16).toUpperCase().padStart(low!.length, '0'), String.fromCodePoint(first + code - Number.parseInt(low!, 16)))
    }
  }
  return map
}

const operator =
  /\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\/Span\s*<<\s*\/ActualText\s*(<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\s*>>\s*BDC|\bB[DM]C\b|\bEMC\b|\bET\b/g

/** The glyphs shown, as text; inside a span with ActualText, the ActualText instead. */
function textOfContent(content: string, fonts: Map<string, Map<string, string>>): string {
  let font = new Map<string, string>()
  let text = ''
  const actual: Array<string | undefined> = []
  for (const [token, fontName, glyphs, actualText] of content.matchAll(operator)) {
    if (fontName !== undefined) font = fonts.get(fontName) ?? new Map()
    else if (actualText !== undefined) {
      const value = actualText.startsWith('<') ? PDFHexString.of(actualText.slice(1, -1)) : PDFString.of(actualText.slice(1, -1))
      text += value.decodeText()
      actual.push(value.decodeText())
    } else if (token === 'BDC' || token === 'BMC') actual.push(undefined)
    else if (token === 'EMC') actual.pop()
    else if (token === 'ET') text += '\n'
    else if (glyphs !== undefined && !actual.some((value) => value !== undefined))
      for (let at = 0; at < glyphs.length; at += 4) text += font.get(glyphs.slice(at, at + 4).toUpperCase()) ?? '\ufffd'
  }
  return text
}

/** The last cross-reference table: object number → offset, read subsection by subsection. */
export function crossReferenceOf(text: string): Map<number, number> {
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1])
  const lines = text
    .slice(start + 4, text.indexOf('trailer', start))
    .trim()
    .split('\n')
  const table = new Map<number, number>()
  for (let index = 0; index < lines.length;) {
    const [first, count] = lines[index++]!.split(' ').map(Number)
    for (let entry = 0; entry < count!; entry++) {
      const [at, , kind] = lines[index++]!.trim().split(' ')
      if (kind === 'n') table.set(first! + entry, Number(at))
    }
  }
  return table
}
