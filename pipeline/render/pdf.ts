// The browser's side of printing: HTML into a page, PDF bytes out. The page runs no script and
// loads nothing but data: URLs, so a manuscript cannot reach the network or the disk.
import type {Page} from 'puppeteer-core'
import {GalleyError} from '../errors.ts'
import {BrowserCrash, type BrowserHandle} from './browser.ts'

export interface PdfOptions {
  browser: BrowserHandle
  /** Milliseconds each print may take; the first print's include loading the page. */
  timeout: number
  /** What is printed (an edition's path or title), for error messages. */
  name: string
  /** Told the URL of every request the page made and was refused. */
  onBlocked?: (url: string) => void
}

/** A page loaded once and printed as often as asked: a change to it does not reload it. */
export interface LoadedPage {
  /**
   * A draft, untagged and without outline, is enough to learn where things fall: tagging is
   * the dearest part of Chromium's PDF output.
   */
  print(options: {draft: boolean}): Promise<Uint8Array>
  /** New text for elements, and elements hidden or shown, by id, for the prints that follow. */
  update(changes: {texts?: Record<string, string>; hidden?: Record<string, boolean>}): Promise<void>
  /** Run Galley's own layout code in the page: `task` is serialised, so it must import nothing. */
  run<A, R>(task: (argument: A) => R, argument: A): Promise<R>
}

export async function renderPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  return withLoadedPage(html, options, (page) => page.print({draft: false}))
}

/**
 * Load `html` and give the page to `task` for as long as it runs. A crash of the browser runs
 * the whole task again on a fresh one, so `task` keeps no state from an earlier call.
 */
export async function withLoadedPage<T>(html: string, options: PdfOptions, task: (page: LoadedPage) => Promise<T>): Promise<T> {
  return options.browser.use(async (browser) => {
    const clock = deadline(options)
    const context = await Promise.race([browser.createBrowserContext(), clock.expired])
    try {
      const page = await Promise.race([context.newPage(), clock.expired])
      const crashed = new Promise<never>((_, reject) => page.once('error', (error) => reject(new BrowserCrash(error.message))))
      const working = load(page, html, options).then(() => task(loaded(page, options, clock.renew)))
      for (const promise of [working, crashed, clock.expired]) promise.catch(() => {})
      return await Promise.race([working, crashed, clock.expired])
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

async function load(page: Page, html: string, options: PdfOptions): Promise<void> {
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
}

function loaded(page: Page, options: PdfOptions, renew: () => void): LoadedPage {
  let printed = false
  return {
    async print({draft}) {
      // A print's time runs until the next print starts; the first's started with the loading.
      if (printed) renew()
      printed = true
      return page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
        tagged: !draft,
        outline: !draft,
        timeout: options.timeout
      })
    },
    async update({texts = {}, hidden = {}}) {
      await page.evaluate(
        (texts, hidden) => {
          for (const [id, text] of Object.entries(texts)) document.getElementById(id)!.textContent = text
          for (const [id, hide] of Object.entries(hidden)) document.getElementById(id)!.hidden = hide
        },
        texts,
        hidden
      )
    },
    async run(task, argument) {
      // A TypeScript loader may wrap named functions in `__name(…)`; the page has no such helper.
      await page.evaluate('globalThis.__name ??= (target) => target')
      return (await page.evaluate(task as (argument: unknown) => unknown, argument)) as Awaited<ReturnType<typeof task>>
    }
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
