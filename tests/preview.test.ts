// `galley preview` in real Chromium: the real CLI serves the edition and its findings on
// 127.0.0.1, and a save to a chapter shows the new text and the new finding without anyone
// reloading the page.
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Frame, Page} from 'puppeteer-core'
import {textOf} from './pdf-text.ts'
import {previewUrl} from './preview-url.ts'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openBrowser, type BrowserHandle} from '../pipeline/render/browser.ts'

const bin = path.resolve('pipeline/bin.js')
let folder = ''
let server: ChildProcess
let url = ''
let browser: BrowserHandle

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'galley-preview-'))
  await mkdir(path.join(folder, 'manuscript'))
  await writeFile(path.join(folder, 'manuscript/01-harbour.md'), '# The Harbour\n\nThe first words of the book.\n')
  server = spawn(process.execPath, [bin, 'preview'], {cwd: folder, env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']})
  url = await previewUrl(server)
  browser = await openBrowser()
})

afterAll(async () => {
  server?.kill('SIGTERM')
  await browser?.close()
  await rm(folder, {recursive: true, force: true})
})

/** The edition's frame: sandboxed, so read through the browser, not through the page's script. */
function edition(page: Page): Frame {
  return page.frames().find((frame) => frame.url().includes('/edition.html'))!
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let tries = 0; tries < 200; tries++) {
    const value = await probe().catch(() => undefined)
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('galley preview --pdf', () => {
  it('serves the PDF edition too, printed again after each save', async () => {
    const book = await mkdtemp(path.join(tmpdir(), 'galley-preview-pdf-'))
    await mkdir(path.join(book, 'manuscript'))
    await writeFile(path.join(book, 'manuscript/01.md'), '# Ledger\n\nThe opening line.\n')
    const child = spawn(process.execPath, [bin, 'preview', '--pdf'], {
      cwd: book,
      env: {...process.env, NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe']
    })
    try {
      const address = await previewUrl(child)
      const pdfText = async () => {
        const response = await fetch(new URL('edition.pdf', address))
        return response.ok ? textOf(new Uint8Array(await response.arrayBuffer())) : ''
      }
      await until(async () => (await pdfText()).includes('The opening line.'), 'the first PDF')
      expect(await (await fetch(address)).text()).toMatch(/The PDF edition \(\d+ pages\)/)
      await writeFile(path.join(book, 'manuscript/01.md'), '# Ledger\n\nThe closing line.\n')
      await until(async () => (await pdfText()).includes('The closing line.'), 'the new text in the PDF')
    } finally {
      child.kill('SIGTERM')
      await rm(book, {recursive: true, force: true})
    }
  })
})

describe('galley preview', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('shows the edition and the findings, and follows a save without a reload', async () => {
    await browser.use(async (chromium) => {
      const page = await chromium.newPage()
      try {
        await page.goto(url)
        await until(async () => (await edition(page).content()).includes('The first words of the book.'), 'the first edition')
        expect(await page.$eval('#findings h2', (heading) => heading.textContent)).toBe('0 findings')
        // A mark on the page: a reload would lose it.
        await page.evaluate(() => Object.assign(window, {kept: 'the same page'}))

        await writeFile(path.join(folder, 'manuscript/01-harbour.md'), '# The Harbour\n\nThe second words. We went to the the market.\n')
        await until(async () => (await edition(page).content()).includes('The second words.'), 'the new text in the edition')
        const findings = await until(async () => {
          const text = await page.$eval('#findings', (aside) => aside.textContent ?? '')
          return text.includes('repeated-words') && text
        }, 'the new finding')
        expect(findings).toContain('manuscript/01-harbour.md:3:30 Unexpected repeated the, remove one occurrence (repeated-words)')
        expect(await page.$eval('#findings h2', (heading) => heading.textContent)).toBe('1 finding')
        expect(await page.$$eval('#findings li code', (codes) => codes.map((code) => code.textContent))).toEqual([
          'manuscript/01-harbour.md:3:30',
          'the'
        ])
        expect(await page.evaluate(() => (window as unknown as {kept?: string}).kept)).toBe('the same page')
        expect(await edition(page).content()).not.toContain('The first words')
      } finally {
        await page.close()
      }
    })
  })

  it('shows why a config no longer loads, above the last good edition, and recovers', async () => {
    await browser.use(async (chromium) => {
      const page = await chromium.newPage()
      try {
        await page.goto(url)
        await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({rulez: {}}))
        const reason = await until(
          async () => (await page.$eval('#findings .error', (error) => error.textContent).catch(() => '')) || false,
          'the reason'
        )
        expect(reason).toBe('galley.config.json: (root): unknown key "rulez", did you mean "rules"?')
        expect(await edition(page).content()).toContain('The second words.')
        await rm(path.join(folder, 'galley.config.json'))
        await until(async () => (await page.$$('#findings .error')).length === 0, 'the reason to go')
      } finally {
        await page.close()
      }
    })
  })

  it('follows style.yaml as it follows the config, and shows the style sheet the edition asks for', async () => {
    await browser.use(async (chromium) => {
      const page = await chromium.newPage()
      try {
        await page.goto(url)
        await writeFile(path.join(folder, 'style.yaml'), 'inconsistent-spelling: {dialect: en-AU}\n')
        const reason = await until(
          async () => (await page.$eval('#findings .error', (error) => error.textContent).catch(() => '')) || false,
          'the reason'
        )
        expect(reason).toBe('style.yaml: inconsistent-spelling.dialect: Invalid option: expected one of "en-US"|"en-GB"|"en-GB-oxendict"')
        await writeFile(path.join(folder, 'style.yaml'), 'inconsistent-spelling: {dialect: en-US}\n')
        await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({edition: {styleSheet: 'page'}}))
        await until(
          async () =>
            (await edition(page).content()).includes('<h2>Spelling</h2><p class="style-sheet-about">en-US (set by the config)</p>'),
          'the style sheet'
        )
        expect((await page.$$('#findings .error')).length).toBe(0)
      } finally {
        await rm(path.join(folder, 'style.yaml'), {force: true})
        await rm(path.join(folder, 'galley.config.json'), {force: true})
        await page.close()
      }
    })
  })

  it('runs no script in the edition: its frame is sandboxed', async () => {
    await browser.use(async (chromium) => {
      const page = await chromium.newPage()
      try {
        await page.goto(url)
        expect(await page.$eval('#edition', (frame) => frame.getAttribute('sandbox'))).toBe('')
      } finally {
        await page.close()
      }
    })
  })
})
