// The PDF's finishing spliced into the browser's file: what is copied, what is written again,
// and when it is not possible.
import {PDFArray, PDFDocument, PDFName, type PDFRef} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {snapshot, spliceObjects} from '../../pipeline/render/splice.ts'
import {crossReferenceOf} from '../pdf-content.ts'

async function threePages(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create({updateMetadata: false})
  for (let page = 0; page < 3; page++) doc.addPage([300, 400])
  return doc.save({useObjectStreams})
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

/** Each object's bytes, by its number. */
function objectsOf(bytes: Uint8Array): Map<string, string> {
  return new Map([...latin1(bytes).matchAll(/(\d+) 0 obj\n[\s\S]*?\nendobj/g)].map((match) => [match[1]!, match[0]]))
}

describe('spliceObjects', () => {
  it('writes the changed objects in their place, copies the rest byte for byte, and keeps one table', async () => {
    const original = await threePages(false)
    const doc = await PDFDocument.load(original, {updateMetadata: false})
    const before = snapshot(doc)
    doc.setTitle('Spliced')
    doc.getPages()[1]!.setTrimBox(10, 10, 280, 380)
    const title = doc.context.trailerInfo.Info

    const spliced = spliceObjects(original, doc, before)!
    const text = latin1(spliced)
    expect(text.match(/startxref/g)).toHaveLength(1)
    expect(text).not.toContain('/Prev')
    const was = objectsOf(original)
    const now = objectsOf(spliced)
    const changed = [...now.keys()].filter((number) => was.get(number) !== now.get(number))
    // The second page, whose box changed, and the Info dictionary, new or rewritten.
    expect(changed).toContain(String(doc.getPages()[1]!.ref.objectNumber))
    expect(changed).toContain(String(title!.toString().split(' ')[0]))
    expect(changed).toHaveLength(2)
    expect(now.get(String(doc.getPages()[0]!.ref.objectNumber))).toBe(was.get(String(doc.getPages()[0]!.ref.objectNumber)))

    const reread = await PDFDocument.load(spliced, {updateMetadata: false})
    expect(reread.getTitle()).toBe('Spliced')
    expect(reread.getPageCount()).toBe(3)
    expect(reread.getPages()[1]!.getTrimBox()).toEqual({x: 10, y: 10, width: 280, height: 380})
    expect(reread.getPages()[0]!.getTrimBox()).toEqual({x: 0, y: 0, width: 300, height: 400})
    // Every entry of the new table points at its own object.
    const table = crossReferenceOf(text)
    expect(table.size).toBe(now.size)
    for (const [number, at] of table) expect(text.slice(at, at + 12)).toMatch(new RegExp(`^${number} 0 obj\\n`))
  })

  it('leaves no superseded copy of a replaced stream in the file', async () => {
    const drawn = await PDFDocument.create({updateMetadata: false})
    drawn.addPage([300, 400]).drawText('first words')
    const original = await drawn.save({useObjectStreams: false})
    const doc = await PDFDocument.load(original, {updateMetadata: false})
    const before = snapshot(doc)
    // pdf-lib's page lists its content streams in an array.
    const contents = doc.getPages()[0]!.node.lookup(PDFName.of('Contents'), PDFArray).get(0) as PDFRef
    doc.context.assign(contents, doc.context.stream('BT ET'))

    const spliced = spliceObjects(original, doc, before)!
    expect([...objectsOf(spliced).keys()]).toEqual([...objectsOf(original).keys()])
    expect(objectsOf(spliced).get(String(contents.objectNumber))).toMatch(/stream\nBT ET\nendstream\nendobj$/)
  })

  it('declines a file that ends in a cross-reference stream, for the caller to save whole', async () => {
    const original = await threePages(true)
    const doc = await PDFDocument.load(original, {updateMetadata: false})
    const before = snapshot(doc)
    doc.setTitle('Whole')
    expect(spliceObjects(original, doc, before)).toBeUndefined()
  })
})
