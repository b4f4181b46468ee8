// `build`: read → check, and meanwhile make the HTML and PDF editions → refuse over errors →
// write both atomically. Both are made before either is written, so a failure leaves the old
// pair intact.
import path from 'node:path'
import pLimit from 'p-limit'
import {checkManuscript, openManuscript, type CheckOptions, type Opened} from './check.ts'
import {loadConfig} from './config/load.ts'
import {GalleyError} from './errors.ts'
import {metadataOf} from './manuscript/read.ts'
import {openBrowser, type BrowserHandle} from './render/browser.ts'
import {renderHtml, type EditionInput} from './render/html.ts'
import {lockFolder} from './fs/lock.ts'
import {printPdf} from './render/print.ts'
import {sweepTemporary, writeAllAtomic} from './fs/write.ts'
import {stampDate, stampOf} from './revisions/stamp.ts'
import type {CheckResult} from './check.ts'

export type Edition = 'html' | 'pdf'

export interface BuildOptions extends CheckOptions {
  /** Folder to write into instead of the configured `output`. */
  out?: string
  editions?: Edition[]
  /** Build even when the checks found errors. */
  force?: boolean
  /** Called with a short description of each stage, for progress on a terminal. */
  progress?: (stage: string) => void
  /** A browser to print with, left open afterwards; by default one is opened and closed. */
  browser?: BrowserHandle
  /** Edition names already taken in the output folder by other manuscripts of the same run. */
  claimed?: Map<string, string>
}

export interface BuildResult extends CheckResult {
  /** Paths written, relative to `cwd`. */
  written: string[]
  /** Pages of the PDF edition, when one was built. */
  pages?: number
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const progress = options.progress ?? (() => {})
  const cwd = path.resolve(options.cwd ?? process.cwd())
  progress('checking')
  const opened = await openManuscript(options)
  // The checks of a book run in worker threads while this thread and the browser make the
  // editions from the same text; nothing is written unless the checks allow it.
  const checking = checkManuscript(opened, {...options, keepMainThread: true})
  const refused = new AbortController()
  const making = makeEditions(opened, cwd, options, refused.signal)
  making.catch(() => {})
  const checked = await checking
  const {files} = checked

  const unreadable = files.find((file) => file.data.unreadable)
  const errors = files.flatMap((file) => file.messages).filter((message) => message.fatal === true).length
  if (unreadable || (errors > 0 && !options.force)) {
    // The editions made meanwhile are dropped, and their browser closed at once.
    refused.abort()
    await making.catch(() => {})
    if (unreadable) throw new GalleyError(unreadable.path, `${unreadable.messages.find((m) => m.fatal)?.reason}; no editions built`)
    throw new GalleyError(
      undefined,
      `${errors} error${errors === 1 ? '' : 's'} in the manuscript; no editions built (use --force to build anyway)`
    )
  }
  const {outputs, pages, outDir} = await making

  progress('writing editions')
  const shown = path.relative(cwd, outDir) || '.'
  // Two builds into one folder take turns, so each leaves a matching pair of editions.
  const release = await lockFolder(outDir, {
    onWait: (owner) => progress(`waiting for the build of process ${owner} to finish writing into ${shown}`)
  }).catch((error: NodeJS.ErrnoException) => {
    throw new GalleyError(shown, `cannot write the editions here (${cannotWrite(error)})`)
  })
  try {
    await sweepTemporary(outDir)
    const targets = outputs.map(([name, data]): [string, string | Uint8Array] => [path.join(outDir, name), data])
    await writeAllAtomic(targets).catch((error: NodeJS.ErrnoException & {target?: string}) => {
      throw new GalleyError(
        path.relative(cwd, error.target ?? outDir),
        `cannot write edition (${cannotWrite(error)}); the previous editions are unchanged`
      )
    })
    return {...checked, written: targets.map(([target]) => path.relative(cwd, target)), pages}
  } finally {
    await release()
  }
}

interface Made {
  outputs: Array<[name: string, data: string | Uint8Array]>
  pages?: number
  outDir: string
}

async function makeEditions({config, manuscript}: Opened, cwd: string, options: BuildOptions, refused: AbortSignal): Promise<Made> {
  const progress = options.progress ?? (() => {})
  const metadata = metadataOf(manuscript)
  const stamp = await stampOf(cwd, manuscript)
  const input: EditionInput = {manuscript, metadata, config, stamp}
  const editions = options.editions ?? ['html', 'pdf']
  const outDir = path.resolve(cwd, options.out ?? path.resolve(config.base, config.output))
  const slug = slugOf(metadata.title ?? path.basename(manuscript.root, path.extname(manuscript.root)))
  const edition = path.join(outDir, slug)
  const other = options.claimed?.get(edition)
  if (other !== undefined)
    throw new GalleyError(
      path.relative(cwd, manuscript.root) || '.',
      `its editions would overwrite those of ${other} (both are named ${slug}); give one a different title`
    )
  options.claimed?.set(edition, path.relative(cwd, manuscript.root) || '.')

  const outputs: Made['outputs'] = []
  let pages: number | undefined
  if (editions.includes('html')) {
    progress('rendering HTML')
    outputs.push([`${slug}.html`, tooDeep(() => renderHtml(input))])
  }
  if (editions.includes('pdf')) {
    if (!options.browser) progress('launching the browser')
    const browser = options.browser ?? (await openBrowser(config.browser))
    const stop = () => void browser.close()
    if (!options.browser) refused.addEventListener('abort', stop)
    try {
      refused.throwIfAborted()
      progress('printing the PDF')
      // Reproducible dates: SOURCE_DATE_EPOCH wins (print.ts reads it), then the commit date.
      const sourceDate = process.env.SOURCE_DATE_EPOCH ? undefined : stampDate(stamp)
      const target = path.relative(cwd, path.join(outDir, `${slug}.pdf`))
      const printed = await tooDeep(() => printPdf(input, {browser, sourceDate, name: target}))
      if (printed.blocked.length > 0) progress(`refused ${printed.blocked.length} request(s): ${printed.blocked.join(', ')}`)
      pages = printed.pages
      outputs.push([`${slug}.pdf`, printed.pdf])
    } finally {
      refused.removeEventListener('abort', stop)
      if (!options.browser) await browser.close()
    }
  }
  return {outputs, pages, outDir}
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
  const editions = shared.editions ?? ['html', 'pdf']
  if (editions.includes('pdf')) progress('launching the browser')
  const browser = editions.includes('pdf') ? await openBrowser(config.browser) : undefined
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

function cannotWrite(error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    EEXIST: 'a file stands where the folder should be',
    ENOTDIR: 'a file stands where a folder should be',
    EISDIR: 'a folder stands where the file should be',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    ELOCKED: error.message
  }
  return error.code && reasons[error.code] ? `${error.code}: ${reasons[error.code]}` : (error.code ?? error.message)
}

/**
 * The manuscript's depth is limited when it is read, but raw HTML nests on its own and the
 * tree walkers that render it recurse: past a few thousand levels they overflow the stack.
 */
function tooDeep<T>(render: () => T): T {
  const explain = (error: unknown): never => {
    if (error instanceof RangeError)
      throw new GalleyError(
        undefined,
        `the manuscript is nested too deeply to render (${error.message}); look for raw HTML nested thousands deep`
      )
    throw error
  }
  try {
    const result = render()
    return (result instanceof Promise ? result.catch(explain) : result) as T
  } catch (error) {
    return explain(error)
  }
}

/**
 * A file name safe on every OS: ASCII letters, digits and hyphens, never empty, never a
 * reserved Windows name, never more than 80 characters.
 */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  if (!slug || /^(con|prn|aux|nul|com\d|lpt\d)$/.test(slug)) return `edition${slug ? `-${slug}` : ''}`
  return slug
}
