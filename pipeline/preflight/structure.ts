// The PDF's structure tree (Chromium tags every PDF it prints), read with pdf-lib: which marked
// content belongs to which heading, paragraph or figure, across pages, and what follows each
// block in its section. pdf.js gives each page's tree alone, so a paragraph broken over a page
// would be two.
import {PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFDocument, type PDFObject} from 'pdf-lib'

export interface Content {
  page: number
  mcid: number
  /** The innermost block it belongs to, as an index into `blocks`. */
  block?: number
}

export interface StructBlock {
  role: 'heading' | 'paragraph' | 'figure'
  level?: number
  alt?: string
  /** Its contents: `contents.slice(start, end)`. */
  start: number
  end: number
  /** The end of its parent's contents: what lies between `end` and this follows it in its section. */
  sectionEnd: number
}

export interface Structure {
  contents: Content[]
  blocks: StructBlock[]
}

const roles: Record<string, StructBlock['role']> = {P: 'paragraph', Figure: 'figure'}

/** A PDF without a structure tree has no blocks. */
export function structureOf(doc: PDFDocument): Structure {
  const pageOf = new Map(doc.getPages().map((page, index) => [page.ref.toString(), index + 1]))
  const contents: Content[] = []
  const blocks: StructBlock[] = []
  const seen = new Set<PDFDict>()

  /** `siblings` collects the blocks that are children of the element being visited. */
  const visit = (object: PDFObject | undefined, page: number | undefined, block: number | undefined, siblings: number[]): void => {
    const value = object instanceof PDFRef ? doc.context.lookup(object) : object
    if (value instanceof PDFNumber) {
      if (page !== undefined) contents.push({page, mcid: value.asNumber(), block})
    } else if (value instanceof PDFArray) {
      for (const kid of value.asArray()) visit(kid, page, block, siblings)
    } else if (value instanceof PDFDict && !seen.has(value)) {
      seen.add(value)
      const own = value.get(PDFName.of('Pg'))
      const at = own instanceof PDFRef ? (pageOf.get(own.toString()) ?? page) : page
      const type = value.get(PDFName.of('Type'))
      if (type === PDFName.of('MCR')) return visit(value.get(PDFName.of('MCID')), at, block, siblings)
      if (type === PDFName.of('OBJR')) return
      const role = value.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() ?? ''
      const heading = /^H([1-6])$/.exec(role)
      const kind = heading ? 'heading' : roles[role]
      const children: number[] = []
      if (kind) {
        const alt = value.lookup(PDFName.of('Alt'))
        siblings.push(blocks.length)
        block = blocks.length
        blocks.push({
          role: kind,
          level: heading ? Number(heading[1]) : undefined,
          alt: alt instanceof PDFString || alt instanceof PDFHexString ? alt.decodeText() : undefined,
          start: contents.length,
          end: contents.length,
          sectionEnd: contents.length
        })
      }
      visit(value.get(PDFName.of('K')), at, block, children)
      if (kind) blocks[block!]!.end = contents.length
      for (const child of children) blocks[child]!.sectionEnd = contents.length
    }
  }
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (root) visit(root, undefined, undefined, [])
  return {contents, blocks}
}
