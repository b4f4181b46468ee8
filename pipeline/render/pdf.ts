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
}

export async function renderPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  return options.browser.use(async (browser) => {
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new GalleyError(options.name, `the PDF was not printed within ${options.timeout} ms (browser.timeout)`)), options.timeout)
    })
    // A fresh context per render: a browser shared by several manuscripts keeps nothing between them.
    const context = await Promise.race([browser.createBrowserContext(), expired])
    try {
      const page = await Promise.race([context.newPage(), expired])
      const crashed = new Promise<never>((_, reject) => page.once('error', (error) => reject(new BrowserCrash(error.message))))
      const printing = print(page, html, options)
      // Whichever loses the race rejects later, when the context closes; nobody waits for it then.
      for (const promise of [printing, crashed, expired]) promise.catch(() => {})
      return await Promise.race([printing, crashed, expired])
    } finally {
      clearTimeout(timer)
      await context.close().catch(() => {})
    }
  })
}

async function print(page: Page, html: string, options: PdfOptions): Promise<Uint8Array> {
  page.setDefaultTimeout(options.timeout)
  await page.setJavaScriptEnabled(false)
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    // The document itself arrives by setContent, without a request; fonts come as data: URLs.
    if (request.url().startsWith('data:')) return void request.continue().catch(() => {})
    options.onBlocked?.(request.url())
    // A navigation refused as "aborted" leaves the document in place; any other error
    // would replace it with an error page (a meta refresh would print a blank edition).
    void request.abort(request.isNavigationRequest() ? 'aborted' : 'blockedbyclient').catch(() => {})
  })
  page.on('console', (message) => {
    // What the policy refused never becomes a request; its URL is only in the console.
    const refused = /Content Security Policy/.test(message.text()) ? /'([a-z][a-z0-9+.-]*:[^']*)'/i.exec(message.text())?.[1] : undefined
    if (refused && !refused.startsWith('data:')) options.onBlocked?.(refused)
  })
  await page.setContent(withPolicy(html), {waitUntil: 'load'})
  const failed = await page.evaluate(async () => {
    // Faces load lazily, on first use; margin boxes are laid out only at print time, so
    // every face is loaded now, or a running head could fall back to another font.
    await Promise.allSettled([...document.fonts].map((face) => face.load()))
    return [...document.fonts].filter((face) => face.status === 'error').map((face) => `${face.family} ${face.weight} ${face.style}`)
  })
  if (failed.length > 0) throw new GalleyError(options.name, `fonts did not load: ${[...new Set(failed)].join(', ')}`)
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    // Margin boxes (@page) draw the running heads and page numbers; Puppeteer's header and
    // footer templates would draw over them.
    displayHeaderFooter: false,
    tagged: true,
    outline: true,
    timeout: options.timeout
  })
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
