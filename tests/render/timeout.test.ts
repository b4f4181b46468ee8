// A render's time grows with the book: `browser.timeout` covers each 4 MB begun, so a book of
// 10,000 chapters builds with the default settings, while a short one still ends in a minute.
import {describe, expect, it} from 'vitest'
import {renderTimeout, textPerTimeout} from '../../pipeline/render/settings.ts'

describe('renderTimeout', () => {
  it('is browser.timeout for a book up to 4 MB of text', () => {
    expect(renderTimeout(60_000, 0)).toBe(60_000)
    expect(renderTimeout(60_000, textPerTimeout)).toBe(60_000)
  })

  it('grows by browser.timeout for each 4 MB begun', () => {
    expect(renderTimeout(60_000, textPerTimeout + 1)).toBe(120_000)
    // 10,000 chapters of the Brown corpus's size: about 120 MB of text.
    expect(renderTimeout(60_000, 10_000 * 12_000)).toBe(60_000 * 29)
  })

  it('never exceeds what a timer holds', () => {
    expect(renderTimeout(2 ** 31 - 1, textPerTimeout * 2)).toBe(2 ** 31 - 1)
  })
})
