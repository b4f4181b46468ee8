// Find, launch and guard the browser that prints the PDF. The only file that starts Chromium;
// one handle serves many renders and replaces a browser that dies under it.
import {constants, rmSync} from 'node:fs'
import {access, mkdtemp, readdir, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import chromium from '@sparticuz/chromium'
import puppeteer, {type Browser} from 'puppeteer-core'
import type {BrowserSettings} from './settings.ts'
import {GalleyError} from '../errors.ts'
import {isRunning} from '../fs/write.ts'

export interface BrowserHandle {
  /** Which browser prints, e.g. `GALLEY_CHROME /usr/bin/chromium`; for messages. */
  readonly name: string
  /** The browsers tried first that could not be used, each with why (with `browser.fallback`). */
  readonly passedOver: string[]
  /**
   * Run `task` with the browser. When the browser dies during it, the task runs once more
   * on a fresh browser; a second death is a GalleyError.
   */
  use<T>(task: (browser: Browser) => Promise<T>): Promise<T>
  /** Close a launched browser and remove its profile; only disconnect from a remote one. */
  close(): Promise<void>
}

/** Thrown by a task when its page (the renderer) crashed while the browser lived on. */
export class BrowserCrash extends Error {
  override name = 'BrowserCrash'
}

interface Candidate {
  name: string
  open: (timeout: number) => Promise<Opened>
}

interface Opened {
  browser: Browser
  /** Ends this browser: close and remove the profile, or disconnect. */
  dispose: () => Promise<void>
}

const fix = 'set GALLEY_CHROME or browser.executablePath to a Chrome or Chromium, or install chromium'

/**
 * Opens the first browser that works, in the order: `browserWSEndpoint` (connect) →
 * `GALLEY_BROWSER_WS` (connect) → `executablePath` → `GALLEY_CHROME` → the bundled Chromium. `env` is a parameter so that
 * tests need not touch the process environment.
 */
export async function openBrowser(settings: Partial<BrowserSettings> = {}, env: NodeJS.ProcessEnv = process.env): Promise<BrowserHandle> {
  const timeout = settings.timeout ?? 60_000
  const all = candidatesOf(settings, env)
  const candidates = settings.fallback === false ? all.slice(0, 1) : all
  const failures: string[] = []
  for (const candidate of candidates) {
    try {
      const opened = await candidate.open(timeout)
      return guard(candidate, opened, timeout, failures)
    } catch (error) {
      failures.push(`${candidate.name} (${reasonOf(error)})`)
    }
  }
  throw new GalleyError(undefined, `no browser to print the PDF: tried ${failures.join('; ')}; ${fix}`)
}

function candidatesOf(settings: Partial<BrowserSettings>, env: NodeJS.ProcessEnv): Candidate[] {
  const candidates: Candidate[] = []
  const endpoint = settings.browserWSEndpoint
  if (endpoint) candidates.push({name: `browser.browserWSEndpoint ${redact(endpoint)}`, open: (timeout) => connect(endpoint, timeout)})
  const endpointFromEnv = env.GALLEY_BROWSER_WS
  if (endpointFromEnv) {
    candidates.push({name: `GALLEY_BROWSER_WS ${redact(endpointFromEnv)}`, open: (timeout) => connect(endpointFromEnv, timeout)})
  }
  const configured = settings.executablePath
  if (configured) candidates.push({name: `browser.executablePath ${configured}`, open: (timeout) => launch(configured, timeout)})
  const fromEnv = env.GALLEY_CHROME
  if (fromEnv) candidates.push({name: `GALLEY_CHROME ${fromEnv}`, open: (timeout) => launch(fromEnv, timeout)})
  candidates.push({
    name: 'the bundled Chromium (@sparticuz/chromium)',
    open: async (timeout) => launch(await chromium.executablePath(), timeout)
  })
  return candidates
}

function guard(candidate: Candidate, first: Opened, timeout: number, passedOver: string[]): BrowserHandle {
  let current: Promise<Opened> = Promise.resolve(first)
  let closed = false

  /** Replace `dead` with a fresh browser, once, however many tasks saw it die. */
  async function replace(dead: Opened): Promise<Opened> {
    if ((await current.catch(() => undefined)) === dead) {
      current = candidate.open(timeout)
      await dead.dispose().catch(() => {})
    }
    return current
  }

  return {
    name: candidate.name,
    passedOver,
    async use(task) {
      if (closed) throw new Error('the browser handle is closed')
      const restart = (error: unknown) => {
        throw new GalleyError(undefined, `the browser (${candidate.name}) crashed and could not be started again: ${reasonOf(error)}`)
      }
      let opened = await current.catch(restart)
      if (!opened.browser.connected) opened = await replace(opened).catch(restart)
      let crash: unknown
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          return await task(opened.browser)
        } catch (error) {
          if (opened.browser.connected && !(error instanceof BrowserCrash)) throw error
          crash = error
          opened = await replace(opened).catch(restart)
        }
      }
      throw new GalleyError(undefined, `the browser (${candidate.name}) crashed twice while printing: ${reasonOf(crash)}`)
    },
    async close() {
      if (closed) return
      closed = true
      const opened = await current.catch(() => undefined)
      await opened?.dispose()
    }
  }
}

async function connect(endpoint: string, timeout: number): Promise<Opened> {
  const browser = await puppeteer.connect({browserWSEndpoint: endpoint, protocolTimeout: timeout})
  // A pool's browser belongs to the pool: leave it running.
  return {browser, dispose: () => browser.disconnect()}
}

async function launch(executablePath: string, timeout: number): Promise<Opened> {
  await access(executablePath, constants.X_OK).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? 'no such file' : error.code === 'EACCES' ? 'not executable' : `cannot use it (${error.code})`)
  })
  // A folder passes the check above (its x bit means "may enter"), and spawning one fails in
  // an event Puppeteer leaves unhandled, which would end the process with a stack trace.
  if (!(await stat(executablePath)).isFile()) throw new Error('a folder or device, not a program')
  // A fresh profile per browser: no state from another run can change how a page prints.
  await sweepProfiles()
  const profile = await mkdtemp(path.join(os.tmpdir(), `galley-profile-${process.pid}-`))
  const removeProfile = () => rm(profile, {recursive: true, force: true, maxRetries: 3})
  try {
    const browser = await puppeteer.launch({
      executablePath,
      // The bare headless shell; a full Chrome given by path reads it as its own headless mode.
      headless: 'shell',
      // A pipe, not a debugging port that any local process could connect to.
      pipe: true,
      timeout,
      protocolTimeout: timeout,
      args: flagsFor(profile)
    })
    // A process that exits mid-print (an interrupt, SIGTERM) takes its profile with it:
    // Puppeteer's own exit hook, registered before this one, has killed the browser by then.
    const onExit = () => rmSync(profile, {recursive: true, force: true, maxRetries: 3})
    process.once('exit', onExit)
    return {
      browser,
      async dispose() {
        process.off('exit', onExit)
        await browser.close().catch(() => browser.process()?.kill('SIGKILL'))
        await removeProfile()
      }
    }
  } catch (error) {
    await removeProfile()
    // A program that is not Chrome exits at once, and Puppeteer says only "Target closed".
    const reason = reasonOf(error)
    throw new Error(/Target closed/.test(reason) ? `it exited at once; is it Chrome or Chromium? (${reason})` : reason)
  }
}

/** A build killed while printing (SIGKILL, or SIGINT, which Puppeteer ends at once) leaves its profile. */
async function sweepProfiles(): Promise<void> {
  const names = await readdir(os.tmpdir()).catch(() => [] as string[])
  const orphans = names.filter((name) => {
    const owner = /^galley-profile-(\d+)-/.exec(name)?.[1]
    return owner !== undefined && !isRunning(Number(owner))
  })
  await Promise.all(orphans.map((name) => rm(path.join(os.tmpdir(), name), {recursive: true, force: true, maxRetries: 3})))
}

/**
 * Our own flags, not @sparticuz/chromium's `args`: those turn web security off and force
 * `--single-process`, which this browser does not need. Everything that would reach the
 * network or a user's profile on its own is off.
 */
function flagsFor(profile: string): string[] {
  const flags = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--disable-extensions',
    // Unhinted glyph outlines: line breaks then depend on the font alone, not on the machine.
    '--font-render-hinting=none',
    `--user-data-dir=${profile}`
  ]
  // Chromium refuses to start its sandbox as root (containers, CI). The pages it prints are
  // ours and run no script, so as root only, the sandbox is given up.
  if (process.getuid?.() === 0) flags.push('--no-sandbox')
  return flags
}

/** Endpoints of browser pools often carry a token in the query: never print it. */
function redact(endpoint: string): string {
  try {
    const url = new URL(endpoint)
    return `${url.protocol}//${url.host}${url.pathname}`
  } catch {
    return 'an invalid URL'
  }
}

/** The one informative line of Puppeteer's many-line launch errors. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^Failed to launch the browser process!?$/.test(line) && !/^TROUBLESHOOTING/.test(line))
  return (lines[0] ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 300)
}
