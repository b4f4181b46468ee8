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
    void request.abort('blockedbyclient').catch(() => {})
  })
  await page.setContent(html, {waitUntil: 'load'})
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
