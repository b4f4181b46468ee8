// A PDF's links lead only where the HTML editions' may: the web, mail, or a place in the file.
// The finishing takes out any other link annotation, whatever page was printed.
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {finishPdf} from '../../pipeline/render/finish.ts'
import {editionSchema} from '../../pipeline/render/settings.ts'

async function pdfWithLinks(actions: Array<Record<string, string>>): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([300, 300])
  const annotations = actions.map((action, index) => {
    const entries = Object.fromEntries(
      Object.entries(action).map(([key, value]) => [key, key === 'S' ? PDFName.of(value) : PDFString.of(value)])
    )
    return doc.context.register(
      doc.context.obj({Type: 'Annot', Subtype: 'Link', Rect: [10, 10 + index * 20, 100, 25 + index * 20], A: doc.context.obj(entries)})
    )
  })
  page.node.set(PDFName.of('Annots'), doc.context.obj(annotations))
  return doc.save({useObjectStreams: false})
}

function actionsOf(pdf: PDFDocument): string[] {
  const annotations = pdf.getPage(0).node.lookupMaybe(PDFName.of('Annots'), PDFArray)
  return (annotations?.asArray() ?? []).map((_, index) => {
    const action = annotations!.lookupMaybe(index, PDFDict)!.lookupMaybe(PDFName.of('A'), PDFDict)!
    const uri = action.lookup(PDFName.of('URI'))
    return `${String(action.get(PDFName.of('S')))} ${uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : ''}`.trim()
  })
}

describe('the finished PDF', () => {
  it('keeps http, https, mailto and internal links, and takes out every other', async () => {
    const printed = await pdfWithLinks([
      {S: 'URI', URI: 'https://example.org/'},
      {S: 'URI', URI: 'javascript:app.alert(1)'},
      {S: 'URI', URI: 'file:///etc/passwd'},
      {S: 'URI', URI: 'mailto:editor@example.org'},
      {S: 'Launch', F: '/bin/sh'},
      {S: 'URI', URI: 'HTTP://EXAMPLE.ORG/LOUD'},
      {S: 'GoTo', D: 'chapter-1'},
      {S: 'URI', URI: 'data:text/html,<b>x</b>'}
    ])
    expect(actionsOf(await PDFDocument.load(printed))).toHaveLength(8)
    const finished = await finishPdf(
      {pdf: printed},
      {
        metadata: {lang: 'en'},
        date: new Date('2026-01-01T00:00:00Z'),
        edition: editionSchema.parse({}),
        headings: [],
        openers: [],
        bodyStart: undefined
      }
    )
    expect(actionsOf(await PDFDocument.load(finished.pdf))).toEqual([
      '/URI https://example.org/',
      '/URI mailto:editor@example.org',
      '/URI HTTP://EXAMPLE.ORG/LOUD',
      '/GoTo'
    ])
  })
})
