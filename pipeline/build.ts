// `galley build`: configure → read → check, and meanwhile parse and make every configured
// edition → refuse over errors → write them all atomically. Every edition is made before any
// is written, so a failure leaves the previous set intact.
import path from 'node:path'
import pLimit from 'p-limit'
import {checkManuscript, type CheckOptions, type CheckResult} from './check.ts'
import {configuredEditions, loadConfig, manuscriptLocation, outputFolder, type ConfiguredEdition} from './config/load.ts'
import type {Config} from './config/schema.ts'
import {GalleyError} from './errors.ts'
import {publish} from './fs/publish.ts'
import {slugOf} from './fs/slug.ts'
import {metadataOf, parseManuscript, readManuscript, textLength} from './manuscript/read.ts'
import type {Manuscript} from './manuscript/types.ts'
import {openBrowser, type BrowserHandle} from './render/browser.ts'
import {editionDocument, type EditionDocument} from './render/document.ts'
import {renderTimeout} from './render/settings.ts'
import {formats, needsBrowser, type FormatName, type Rendered} from './render/formats/index.ts'
import {stampDate, stampOf, type Stamp} from './revisions/stamp.ts'
import {sheetOf, type StyleSheet} from './stylesheet.ts'
import type {VFile} from 'vfile'
import type {Placed} from './preflight/run.ts'

export type Edition = FormatName

export interface BuildOptions extends CheckOptions {
  /** Folder to write into instead of the configured `output`. */
  out?: string
  /** Only the configured editions of these formats (the CLI's `--html`, `--pdf`); default: every one. */
  editions?: Edition[]
  /** Build even when the checks found errors. */
  force?: boolean
  /** Called with a short description of each stage, for progress on a terminal. */
  progress?: (stage: string) => void
  /** Called with what the user should know though nothing failed, e.g. that another browser printed. */
  warn?: (line: string) => void
  /** A browser to print with, left open afterwards; by default one is opened and closed. */
  browser?: BrowserHandle
  /** Edition names already taken in the output folder by other manuscripts of the same run. */
  claimed?: Map<string, string>
}

export interface BuildResult extends CheckResult {
  /** Paths written, relative to `cwd`. */
  written: string[]
  /** Pages of the first edition that has pages (the PDF), when one was built. */
  pages?: number
}

/** The checks found errors, so no edition was built; `files` hold the findings that refused it. */
export class BuildRefused extends GalleyError {
  constructor(
    readonly files: VFile[],
    errors: number
  ) {
    super(undefined, `${errors} error${errors === 1 ? '' : 's'} in the manuscript; no editions built (use --force to build anyway)`)
  }
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const progress = options.progress ?? (() => {})
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = options.config ?? (await loadConfig(cwd, options.configFile))
  const manuscript = await readManuscript({...manuscriptLocation(config, cwd, options.path), cwd})

  // The checks of a book run in worker threads while this thread and the browser make the
  // editions from the same text; nothing is written unless the checks allow it.
  progress('checking')
  const checking = checkManuscript(config, manuscript, {
    cache: options.cache,
    jobs: options.jobs,
    keepMainThread: true,
    counted: options.counted
  })
  // An edition that carries the style sheet waits for the checks it is made from; the chapters
  // are rendered meanwhile.
  const wanted = configuredEditions(config, options.editions).some((edition) => edition.settings.styleSheet)
  const sheet = wanted ? checking.then(({collected}) => sheetOf(config, manuscript, collected, cwd)) : Promise.resolve(undefined)
  sheet.catch(() => {})
  const refused = new AbortController()
  const making = makeEditions(config, manuscript, cwd, {...options, sheet}, refused.signal)
  making.catch(() => {})
  const {files, cache} = await checking

  const unreadable = files.find((file) => file.data.unreadable)
  const errors = files.flatMap((file) => file.messages).filter((message) => message.fatal === true).length
  if (unreadable || (errors > 0 && !options.force)) {
    // The editions made meanwhile are dropped, and their browser closed at once.
    refused.abort()
    await making.catch(() => {})
    if (unreadable) throw new GalleyError(unreadable.path, `${unreadable.messages.find((m) => m.fatal)?.reason}; no editions built`)
    throw new BuildRefused(files, errors)
  }
  const {outputs, pages, outDir, findings} = await making
  // The preflight read the printed pages meanwhile; its findings join the chapters' and weigh the same.
  for (const {path: chapter, message} of findings) files.find((file) => file.path === chapter)?.messages.push(message)
  const printErrors = findings.filter(({message}) => message.fatal === true).length
  if (printErrors > 0 && !options.force) throw new BuildRefused(files, printErrors)

  progress('writing editions')
  const written = await publish(outDir, outputs, {
    cwd,
    what: {all: 'the editions', one: 'edition', kept: 'the previous editions are unchanged'},
    onWait: progress
  })
  return {config, manuscript, files, cache, written, pages}
}

interface Made {
  outputs: Array<[name: string, data: string | Uint8Array]>
  pages?: number
  outDir: string
  /** The preflight's findings on the printed editions. */
  findings: Placed[]
}

/** Parse → the edition document → each configured format's bytes, in memory. */
async function makeEditions(
  config: Config,
  manuscript: Manuscript,
  cwd: string,
  options: BuildOptions & {sheet: Promise<StyleSheet | undefined>},
  refused: AbortSignal
): Promise<Made> {
  const progress = options.progress ?? (() => {})
  const parsed = parseManuscript(manuscript)
  const metadata = metadataOf(parsed)
  const stamp = await stampOf(cwd, manuscript)
  const outDir = outputFolder(config, cwd, options.out)
  const slug = slugOf(metadata.title ?? path.basename(manuscript.root, path.extname(manuscript.root)))
  claim(path.join(outDir, slug), manuscript, cwd, slug, options.claimed)

  const editions = configuredEditions(config, options.editions)
  const timeout = renderTimeout(config.browser.timeout, textLength(manuscript))
  progress('rendering HTML')
  const document = tooDeep(() => editionDocument({manuscript: parsed, metadata, stamp}))
  const browser = needsBrowser(editions) ? await browserFor(config, options, progress) : undefined
  const stop = () => void browser?.close()
  if (browser && !options.browser) refused.addEventListener('abort', stop)
  try {
    const outputs: Made['outputs'] = []
    const findings: Placed[] = []
    const printedEditions = editions.filter((edition) => formats[edition.format].usesBrowser).length
    const styleSheet = await options.sheet
    let pages: number | undefined
    for (const edition of editions) {
      refused.throwIfAborted()
      const name = `${slug}.${edition.suffix}`
      if (formats[edition.format].usesBrowser) progress(`printing ${edition.format === 'pdf' ? 'the PDF' : name}`)
      const rendered = await tooDeep(() =>
        render(
          edition,
          document,
          {browser, timeout, base: config.base, styleSheet},
          path.relative(cwd, path.join(outDir, name)),
          stamp,
          progress
        )
      )
      if (rendered.blocked.length > 0) progress(`refused ${rendered.blocked.length} request(s): ${rendered.blocked.join(', ')}`)
      pages ??= rendered.pages
      outputs.push([name, rendered.data])
      if (rendered.print && typeof rendered.data !== 'string') {
        progress(`preflight of ${name}`)
        const {preflight} = await import('./preflight/run.ts')
        const edition = printedEditions > 1 ? name : undefined
        findings.push(...(await preflight(rendered.data, {manuscript: parsed, rules: config.rules, facts: rendered.print, edition})))
      }
    }
    return {outputs, pages, outDir, findings}
  } finally {
    refused.removeEventListener('abort', stop)
    if (browser && !options.browser) await browser.close()
  }
}

function render(
  {format, settings}: ConfiguredEdition,
  document: EditionDocument,
  {browser, timeout, base, styleSheet}: {browser: BrowserHandle | undefined; timeout: number; base: string; styleSheet?: StyleSheet},
  name: string,
  stamp: Stamp,
  progress: (stage: string) => void
): Promise<Rendered> {
  // Reproducible dates: SOURCE_DATE_EPOCH wins (the PDF's finishing reads it), then the commit date.
  const sourceDate = process.env.SOURCE_DATE_EPOCH ? undefined : stampDate(stamp)
  const printed = (pass: number, pages: number) => progress(`printed ${name}, pass ${pass}: ${pages} pages`)
  return formats[format].render(document, settings, {browser, name, sourceDate, timeout, printed, base, styleSheet})
}

async function browserFor(config: Config, options: BuildOptions, progress: (stage: string) => void): Promise<BrowserHandle> {
  if (options.browser) return options.browser
  progress('launching the browser')
  return announced(await openBrowser(config.browser), options.warn)
}

/** A configured browser that could not be used, when another one prints instead, is said. */
export function announced(browser: BrowserHandle, warn: ((line: string) => void) | undefined): BrowserHandle {
  if (browser.passedOver.length > 0) warn?.(`could not use ${browser.passedOver.join('; ')}; printing with ${browser.name}`)
  return browser
}

/** Two manuscripts of one run must not write editions of the same name into one folder. */
function claim(edition: string, manuscript: Manuscript, cwd: string, slug: string, claimed: Map<string, string> | undefined): void {
  const shown = path.relative(cwd, manuscript.root) || '.'
  const other = claimed?.get(edition)
  if (other !== undefined)
    throw new GalleyError(shown, `its editions would overwrite those of ${other} (both are named ${slug}); give one a different title`)
  claimed?.set(edition, shown)
}

export interface BuildAllOptions extends Omit<BuildOptions, 'path' | 'browser' | 'claimed'> {
  /** How many manuscripts are checked and printed at once (default 2). */
  concurrency?: number
}

export type BuildOutcome = {path: string; result: BuildResult} | {path: string; error: unknown}

/**
 * Several manuscripts, each built as `build` builds one, at most `concurrency` at a time, all
 * printing in one browser: its tabs are independent, and one launch is paid instead of many.
 * One manuscript failing does not stop the others; each outcome is returned.
 */
export async function buildAll(paths: string[], options: BuildAllOptions = {}): Promise<BuildOutcome[]> {
  const {concurrency = 2, ...shared} = options
  const progress = shared.progress ?? (() => {})
  const cwd = path.resolve(shared.cwd ?? process.cwd())
  const config = await loadConfig(cwd, shared.configFile)
  const printing = needsBrowser(configuredEditions(config, shared.editions))
  if (printing) progress('launching the browser')
  const browser = printing ? announced(await openBrowser(config.browser), options.warn) : undefined
  const claimed = new Map<string, string>()
  const limit = pLimit(concurrency)
  try {
    return await Promise.all(
      paths.map((target) =>
        limit(async () => {
          try {
            const stage = (name: string) => progress(`${target}: ${name}`)
            return {path: target, result: await build({...shared, config, path: target, browser, claimed, progress: stage})}
          } catch (error) {
            // Among several manuscripts, a message that names no file must say whose it is.
            const named =
              error instanceof GalleyError && error.file === undefined ? new GalleyError(target, error.message, {cause: error}) : error
            return {path: target, error: named}
          }
        })
      )
    )
  } finally {
    await browser?.close()
  }
}

/**
 * The manuscript's depth is limited when it is read, but raw HTML nests on its own and the
 * tree walkers that render it recurse: past a few thousand levels they overflow the stack.
 */
function tooDeep<T>(render: () => T): T {
  const explain = (error: unknown): never => {
    if (error instanceof RangeError) {
      throw new GalleyError(
        undefined,
        `the manuscript is nested too deeply to render (${error.message}); look for raw HTML nested thousands deep`
      )
    }
    throw error
  }
  try {
    const result = render()
    return (result instanceof Promise ? result.catch(explain) : result) as T
  } catch (error) {
    return explain(error)
  }
}
