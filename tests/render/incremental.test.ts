// The PDF's finishing as an incremental update: what is appended, and when it is not possible.
import {PDFDocument} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {appendUpdate, snapshot} from '../../pipeline/render/incremental.ts'

async function threePages(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create({updateMetadata: false})
  for (let page = 0; page < 3; page++) doc.addPage([300, 400])
  return doc.save({useObjectStreams})
}

describe('appendUpdate', () => {
  it('appends only the changed and new objects after the original bytes, pointing back to its table', async () => {
    const original = await threePages(false)
    const doc = await PDFDocument.load(original, {updateMetadata: false})
    const before = snapshot(doc)
    doc.setTitle('Appended')
    doc.getPages()[1]!.setTrimBox(10, 10, 280, 380)

    const updated = appendUpdate(original, doc, before)!
    expect(Buffer.from(updated.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true)
    const update = Buffer.from(updated.subarray(original.length)).toString('latin1')
    const table = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(Buffer.from(original).toString('latin1'))![1]
    expect(update).toContain(`/Prev ${table}`)
    // The new Info dictionary and the one page whose box changed; the other pages stay where they were.
    expect(update.match(/\d+ 0 obj/g)).toHaveLength(2)
    expect(update).toContain('/TrimBox')

    const reread = await PDFDocument.load(updated, {updateMetadata: false})
    expect(reread.getTitle()).toBe('Appended')
    expect(reread.getPageCount()).toBe(3)
    expect(reread.getPages()[1]!.getTrimBox()).toEqual({x: 10, y: 10, width: 280, height: 380})
    expect(reread.getPages()[0]!.getTrimBox()).toEqual({x: 0, y: 0, width: 300, height: 400})
  })

  it('declines a file that ends in a cross-reference stream, for the caller to save whole', async () => {
    const original = await threePages(true)
    const doc = await PDFDocument.load(original, {updateMetadata: false})
    const before = snapshot(doc)
    doc.setTitle('Whole')
    expect(appendUpdate(original, doc, before)).toBeUndefined()
  })
})
