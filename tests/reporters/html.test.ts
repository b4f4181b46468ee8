// The editor's report in real Chromium: every finding's highlighted text is exactly the text at
// its place, related places link to their chapter's line, and the filters hide what they name.
import {compareMessage} from 'vfile-sort'
import {describe, expect, it} from 'vitest'
import {check} from '../../pipeline/check.ts'
import {openBrowser} from '../../pipeline/render/browser.ts'
import {reporters} from '../../pipeline/reporters/index.ts'

describe('html reporter', () => {
  it('highlights exactly each finding’s range, and its filters hide and show by rule and severity', async () => {
    const {files} = await check({cwd: process.cwd(), path: 'manuscript'})
    // In the report's order: by place.
    const expected = files.map((file) =>
      [...file.messages]
        .sort(compareMessage)
        .map((message) =>
          String(file.value).slice(
            message.place && 'start' in message.place ? message.place.start.offset : 0,
            message.place && 'end' in message.place ? message.place.end.offset : 0
          )
        )
    )
    // The seed's three faults, each with a range.
    expect(expected.flat().filter(Boolean)).toHaveLength(3)
    const page = reporters.html(files, {cwd: process.cwd()})
    const browser = await openBrowser()
    try {
      await browser.use(async (chromium) => {
        const tab = await chromium.newPage()
        await tab.setContent(page)
        const seen = await tab.evaluate(() =>
          [...document.querySelectorAll('section.chapter')].map((section) =>
            [...section.querySelectorAll('ol.notes > li')].map((_, at) =>
              [...section.querySelectorAll(`mark`)]
                .filter((mark) => (mark.getAttribute('data-findings') ?? '').split(' ').includes(String(at)))
                .map((mark) => mark.textContent)
                .join('')
            )
          )
        )
        expect(seen).toEqual(expected)

        // Related places link to a line anchor that exists, in the chapter they name.
        const links = await tab.$$eval('.related a', (anchors) =>
          anchors.map((a) => [a.getAttribute('href'), Boolean(document.querySelector(a.getAttribute('href')!))])
        )
        expect(links.length).toBeGreaterThan(0)
        expect(links.every(([, found]) => found)).toBe(true)

        const visible = () =>
          tab.$$eval('ol.notes > li', (items) =>
            items.filter((item) => getComputedStyle(item).display !== 'none').map((item) => item.querySelector('.rule')!.textContent)
          )
        expect((await visible()).sort()).toEqual(['(acronym-expansion)', '(inconsistent-name)', '(repeated-paragraph)'])
        await tab.evaluate(() =>
          [...document.querySelectorAll('label')]
            .find((label) => label.textContent!.includes('inconsistent-name'))!
            .querySelector('input')!
            .click()
        )
        expect((await visible()).sort()).toEqual(['(acronym-expansion)', '(repeated-paragraph)'])
        const unmarked = await tab.$$eval(
          'mark',
          (marks) => marks.filter((mark) => getComputedStyle(mark).backgroundColor === 'rgba(0, 0, 0, 0)').length
        )
        expect(unmarked).toBe(1)
        await tab.click('input[data-filter="severity"][value="warning"]')
        expect(await visible()).toEqual([])
      })
    } finally {
      await browser.close()
    }
  })
})
