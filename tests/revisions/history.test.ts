// `galley history --format json` over three real revisions.
import {execFile} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {openBrowser} from '../../pipeline/render/browser.ts'
import {emptyRepository, gitIn} from './git-repository.ts'

const bin = path.resolve('pipeline/bin.js')

/** An empty git repository with an author, and its manuscript folder. */
const repository = () => emptyRepository('galley-history-', 'Ada Editor')

describe('galley history', () => {
  it('reports words, findings and change size per revision', async () => {
    const folder = await repository()
    const write = (name: string, text: string) => writeFile(path.join(folder, 'manuscript', name), text)
    await write('01.md', '---\ntitle: The Ledger\n---\n\nOne two three four five.\n')
    await write('02.md', 'Six seven eight.\n')
    gitIn(folder, 'add', '.')
    gitIn(folder, 'commit', '-q', '-m', 'first draft')
    await write('02.md', 'Six seven the the eight.\n')
    gitIn(folder, 'commit', '-q', '-am', 'an edit with a slip')
    await writeFile(path.join(folder, 'notes.txt'), 'not the manuscript\n')
    gitIn(folder, 'add', '.')
    gitIn(folder, 'commit', '-q', '-m', 'outside the manuscript')
    await write('02.md', 'Six seven the eight.\n')
    gitIn(folder, 'commit', '-q', '-am', 'fix the slip')

    const {stdout} = await promisify(execFile)(process.execPath, [bin, 'history', '--format', 'json'], {cwd: folder})
    const entries = JSON.parse(stdout) as Array<{
      subject: string
      author: string
      words: number
      findings: Record<string, number>
      change: {added: number; removed: number}
    }>
    expect(entries.map((e) => [e.subject, e.author, e.words, e.findings['repeated-words'] ?? 0, e.change.added, e.change.removed])).toEqual(
      [
        ['first draft', 'Ada Editor', 8, 0, 6, 0],
        ['an edit with a slip', 'Ada Editor', 10, 1, 1, 1],
        ['fix the slip', 'Ada Editor', 9, 0, 1, 1]
      ]
    )
    const page = await readFile(path.join(folder, 'output/history.html'), 'utf8')
    expect(page).toContain('Ada Editor')
    expect((page.match(/<tr>/g) ?? []).length).toBe(4)
    history = page
  })

  it('draws a chart with axes, revision labels and each commit’s subject on hover, read in Chromium', async () => {
    const seen = await inChromium(history, () => ({
      heading: document.querySelector('h1')?.textContent,
      lede: document.querySelector('.lede')?.textContent,
      titles: [...document.querySelectorAll('svg title')].map((title) => title.textContent ?? ''),
      texts: [...document.querySelectorAll('svg text')].map((text) => text.textContent ?? ''),
      points: document.querySelectorAll('svg [aria-roledescription="point"]').length,
      bars: document.querySelectorAll('svg [aria-roledescription="bar"]').length,
      subjects: [...document.querySelectorAll('td.subject')].map((cell) => cell.textContent)
    }))
    expect(seen.heading).toBe('History of The Ledger')
    expect(seen.lede).toBe('3 revisions that touched the manuscript, oldest first.')
    expect(seen.points).toBe(3)
    // One bar: only the second revision has a finding.
    expect(seen.bars).toBe(1)
    expect(seen.texts).toEqual(expect.arrayContaining(['Words', 'Findings by rule', 'repeated-words']))
    expect(seen.texts.filter((text) => /^[123]\. [0-9a-f]{7}$/.test(text))).toHaveLength(3)
    expect(seen.titles.filter((title) => title.includes('subject: an edit with a slip'))).toHaveLength(2)
    expect(seen.subjects).toEqual(['first draft', 'an edit with a slip', 'fix the slip'])
  })

  it('draws one point for a history of one commit', async () => {
    const folder = await repository()
    await writeFile(path.join(folder, 'manuscript/01.md'), 'One two three.\n')
    gitIn(folder, 'add', '.')
    gitIn(folder, 'commit', '-q', '-m', 'the only commit')
    await promisify(execFile)(process.execPath, [bin, 'history'], {cwd: folder})
    const page = await readFile(path.join(folder, 'output/history.html'), 'utf8')
    const seen = await inChromium(page, () => ({
      lede: document.querySelector('.lede')?.textContent,
      points: document.querySelectorAll('svg [aria-roledescription="point"]').length
    }))
    expect(seen).toEqual({lede: '1 revision that touched the manuscript, oldest first.', points: 1})
  })
})

let history = ''

/** Open `html` in the bundled Chromium, with scripts off as the page needs none, and read it. */
async function inChromium<T>(html: string, read: () => T): Promise<T> {
  const browser = await openBrowser()
  try {
    return await browser.use(async (chromium) => {
      const page = await chromium.newPage()
      await page.setJavaScriptEnabled(false)
      await page.setContent(html)
      // Scripts are off for the page, not for reading it through the browser.
      return (await page.evaluate(read)) as T
    })
  } finally {
    await browser.close()
  }
}
