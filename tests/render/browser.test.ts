// The browser behind one door: which browser is found, what the error says when none is,
// a remote browser reached by its endpoint, renders that hang, and a browser that dies.
import {existsSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import chromium from '@sparticuz/chromium'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import puppeteer, {type Browser} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {GalleyError} from '../../pipeline/errors.ts'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {renderPdf} from '../../pipeline/render/pdf.ts'

const page = '<!doctype html><html><head><title>t</title></head><body><p>Printed by the browser</p></body></html>'
const fix = 'set GALLEY_CHROME or browser.executablePath to a Chrome or Chromium, or install chromium'

async function textOf(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  const texts: string[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent()
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''))
  }
  await doc.destroy()
  return texts.join('\n')
}

describe('finding the browser', () => {
  test('a missing executablePath is one error that names it, the reason and the fix', async () => {
    const opening = openBrowser({executablePath: '/nonexistent/chrome', fallback: false}, {})
    await expect(opening).rejects.toThrow(GalleyError)
    await expect(opening).rejects.toThrow(
      `no browser to print the PDF: tried browser.executablePath /nonexistent/chrome (no such file); ${fix}`
    )
  })

  test('a program that is not a browser is refused with a reason', async () => {
    await expect(openBrowser({executablePath: '/bin/true', fallback: false}, {})).rejects.toThrow(
      /^no browser to print the PDF: tried browser\.executablePath \/bin\/true \(it exited at once; is it Chrome or Chromium\?/
    )
  })

  test('the endpoint comes first, then executablePath, then GALLEY_CHROME', async () => {
    const env = {GALLEY_CHROME: '/nonexistent/env-chrome'}
    const endpoint = 'ws://127.0.0.1:1/devtools/browser/pool?token=secret'
    const first = openBrowser({browserWSEndpoint: endpoint, executablePath: '/nonexistent/chrome', fallback: false}, env)
    await expect(first).rejects.toThrow(/tried browser\.browserWSEndpoint ws:\/\/127\.0\.0\.1:1\/devtools\/browser\/pool \(/)
    await expect(first).rejects.not.toThrow(/secret|\/nonexistent/)
    await expect(openBrowser({executablePath: '/nonexistent/chrome', fallback: false}, env)).rejects.toThrow(
      `tried browser.executablePath /nonexistent/chrome (no such file); ${fix}`
    )
    await expect(openBrowser({fallback: false}, env)).rejects.toThrow(`tried GALLEY_CHROME /nonexistent/env-chrome (no such file); ${fix}`)
  })

  test('GALLEY_BROWSER_WS names a remote browser from the environment, its token never printed', async () => {
    const env = {GALLEY_BROWSER_WS: 'ws://127.0.0.1:1/devtools/browser/pool?token=secret', GALLEY_CHROME: '/nonexistent/env-chrome'}
    const opening = openBrowser({fallback: false}, env)
    await expect(opening).rejects.toThrow(/tried GALLEY_BROWSER_WS ws:\/\/127\.0\.0\.1:1\/devtools\/browser\/pool \(/)
    await expect(opening).rejects.not.toThrow(/secret/)
  })
})

describe('one launched browser', () => {
  let handle: BrowserHandle

  beforeAll(async () => {
    // Every configured candidate fails; the bundled Chromium is the last resort.
    handle = await openBrowser({executablePath: '/nonexistent/chrome', timeout: 60_000}, {GALLEY_CHROME: '/nonexistent/env-chrome'})
  })

  afterAll(async () => {
    await handle?.close()
  })

  test('falls back to the bundled Chromium and prints', async () => {
    expect(handle.name).toBe('the bundled Chromium (@sparticuz/chromium)')
    expect(await textOf(await renderPdf(page, {browser: handle, timeout: 60_000, name: 'fallback'}))).toContain('Printed by the browser')
  })

  test('a render that does not finish in time is an error naming the edition, and the browser serves on', async () => {
    await expect(renderPdf(page, {browser: handle, timeout: 1, name: 'output/hung.pdf'})).rejects.toThrow(
      'output/hung.pdf: the PDF was not printed within 1 ms (browser.timeout)'
    )
    expect(await textOf(await renderPdf(page, {browser: handle, timeout: 60_000, name: 'after'}))).toContain('Printed by the browser')
  })

  test('a browser killed in the middle of a render is replaced, and the render done again', async () => {
    const pid = await handle.use(async (browser) => browser.process()?.pid)
    expect(pid).toBeTypeOf('number')
    const rendering = renderPdf(page, {browser: handle, timeout: 60_000, name: 'crash'})
    process.kill(pid!, 'SIGKILL')
    expect(await textOf(await rendering)).toContain('Printed by the browser')
    expect(await handle.use(async (browser) => browser.process()?.pid)).not.toBe(pid)
  })

  test('a browser that dies again on the retry is one clear error', async () => {
    let attempts = 0
    const dying = handle.use(async (browser) => {
      attempts++
      browser.process()?.kill('SIGKILL')
      return browser.version()
    })
    await expect(dying).rejects.toThrow(/^the browser \(the bundled Chromium \(@sparticuz\/chromium\)\) crashed twice while printing: /)
    expect(attempts).toBe(2)
    // The next render gets a fresh browser.
    expect(await textOf(await renderPdf(page, {browser: handle, timeout: 60_000, name: 'after'}))).toContain('Printed by the browser')
  })

  test('closing removes the temporary profile', async () => {
    const other = await openBrowser({fallback: false}, {})
    const profile = await other.use(async (browser) =>
      browser
        .process()
        ?.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))
        ?.slice('--user-data-dir='.length)
    )
    expect(profile && existsSync(profile)).toBe(true)
    await other.close()
    expect(existsSync(profile!)).toBe(false)
  })
})

describe('a remote browser', () => {
  let pool: Browser
  let poolProfile: string

  beforeAll(async () => {
    // Stands in for a browser pool: a browser that listens on a WebSocket endpoint.
    poolProfile = await mkdtemp(path.join(os.tmpdir(), 'galley-pool-'))
    pool = await puppeteer.launch({
      executablePath: await chromium.executablePath(),
      headless: 'shell',
      args: [`--user-data-dir=${poolProfile}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])]
    })
  })

  afterAll(async () => {
    await pool?.close()
    await rm(poolProfile, {recursive: true, force: true})
  })

  test('is reached through browserWSEndpoint, prints, and is left running on close', async () => {
    const remote = await openBrowser({browserWSEndpoint: pool.wsEndpoint(), fallback: false}, {})
    expect(remote.name).toMatch(/^browser\.browserWSEndpoint ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\//)
    expect(await textOf(await renderPdf(page, {browser: remote, timeout: 60_000, name: 'remote'}))).toContain('Printed by the browser')
    await remote.close()
    // A round trip: had close() closed the pool's browser, this would fail.
    expect(await pool.version()).toMatch(/Chrome/)
  })
})
