// One narrow function: HTML in, PDF bytes out, printed by the browser. The page runs no script
// and loads nothing but data: URLs, so a manuscript cannot reach the network or the disk.
import type {Page} from 'puppeteer-core'
import {GalleyError} from '../errors.ts'
import {BrowserCrash, type BrowserHandle} from './browser.ts'

export interface PdfOptions {
  browser: BrowserHandle
  /** Milliseconds the whole render may take. */
  timeout: number
  /** What is printed (an edition's path or title), for error messages. */
  name: string
  /** Told the URL of every request the page made and was refused. */
  onBlocked?: (url: string) => void
  /**
   * Told each PDF printed; answers with new text for elements, by id, to print the page again
   * with, or with nothing when that PDF is the one. The first print is then a draft.
   */
  revise?: (pdf: Uint8Array) => Promise<Record<string, string> | undefined>
}

export async function renderPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  return options.browser.use(async (browser) => {
    const clock = deadline(options)
    const context = await Promise.race([browser.createBrowserContext(), clock.expired])
    try {
      const page = await Promise.race([context.newPage(), clock.expired])
      const crashed = new Promise<never>((_, reject) => page.once('error', (error) => reject(new BrowserCrash(error.message))))
      const printing = print(page, html, options, clock.renew)
      for (const promise of [printing, crashed, clock.expired]) promise.catch(() => {})
      return await Promise.race([printing, crashed, clock.expired])
    } finally {
      clock.clear()
      await context.close().catch(() => {})
    }
  })
}

/** Each print of the page has `timeout` milliseconds; `renew` starts the next one's. */
function deadline(options: PdfOptions) {
  let timer: NodeJS.Timeout | undefined
  let fail: (error: Error) => void = () => {}
  const expired = new Promise<never>((_, reject) => {
    fail = reject
  })
  const renew = () => {
    clearTimeout(timer)
    timer = setTimeout(
      () => fail(new GalleyError(options.name, `the PDF was not printed within ${options.timeout} ms (browser.timeout)`)),
      options.timeout
    )
  }
  renew()
  return {expired, renew, clear: () => clearTimeout(timer)}
}

async function print(page: Page, html: string, options: PdfOptions, renew: () => void): Promise<Uint8Array> {
  page.setDefaultTimeout(options.timeout)
  await page.setJavaScriptEnabled(false)
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    if (request.url().startsWith('data:')) return void request.continue().catch(() => {})
    options.onBlocked?.(request.url())
    void request.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient').catch(() => {})
  })
  page.on('console', (message) => {
    const refused = /Content Security Policy/.test(message.text()) ? /'([a-z][a-z0-9+.-]*:[^']*)'/i.exec(message.text())?.[1] : undefined
    if (refused && !refused.startsWith('data:')) options.onBlocked?.(refused)
  })
  await page.setContent(withPolicy(html), {waitUntil: 'load'})
  const failed = await page.evaluate(async () => {
    await Promise.allSettled([...document.fonts].map((face) => face.load()))
    return [...document.fonts].filter((face) => face.status === 'error').map((face) => `${face.family} ${face.weight} ${face.style}`)
  })
  if (failed.length > 0) throw new GalleyError(options.name, `fonts did not load: ${[...new Set(failed)].join(', ')}`)

  // A draft, untagged and without outline, is enough to learn where things fall: tagging is
  // the dearest part of Chromium's PDF output. Revisions go into the loaded page, not a new one.
  let draft = options.revise !== undefined
  for (;;) {
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      tagged: !draft,
      outline: !draft,
      timeout: options.timeout
    })
    const changes = await options.revise?.(pdf)
    if (!changes && !draft) return pdf
    if (changes)
      await page.evaluate(
        (texts) => Object.entries(texts).forEach(([id, text]) => (document.getElementById(id)!.textContent = text)),
        changes
      )
    draft = false
    renew()
  }
}

/**
 * Request interception misses what the browser fetches on its own, such as
 * `<link rel=prefetch>`; a Content Security Policy stops those too. A `<meta>` before `<html>`
 * lands first in the head, and the tags that follow keep their attributes.
 */
const policy = "default-src 'none'; img-src data:; font-src data:; media-src data:; style-src 'unsafe-inline' data:"

function withPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? ''
  return `${doctype}${meta}${html.slice(doctype.length)}`
}
