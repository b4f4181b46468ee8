// `galley diff <old> [<new>]`: configure → read both revisions (git revisions, or two folders
// or files) → check both → parse and align them → render the redline through the configured
// edition formats → write it under the output folder's lock.
import {existsSync} from 'node:fs'
import path from 'node:path'
import {runChecks} from './checks/run.ts'
import {configuredEditions, loadConfig, manuscriptLocation, outputFolder} from './config/load.ts'
import type {Config} from './config/schema.ts'
import {GalleyError} from './errors.ts'
import {publish} from './fs/publish.ts'
import {slugOf} from './fs/slug.ts'
import {metadataOf, parseManuscript, readManuscript, textLength} from './manuscript/read.ts'
import type {Manuscript} from './manuscript/types.ts'
import {openBrowser} from './render/browser.ts'
import {standaloneDocument} from './render/document.ts'
import {formats, needsBrowser, type FormatName} from './render/formats/index.ts'
import {safeArticle} from './render/sanitize.ts'
import {renderTimeout} from './render/settings.ts'
import type {Op} from './revisions/align.ts'
import {deltaOf, type DeltaEntry} from './revisions/delta.ts'
import {diffManuscripts} from './revisions/diff.ts'
import {redlineCss} from './revisions/redline.ts'
import {redlineArticle} from './revisions/redline-document.ts'
import {manuscriptAt} from './revisions/revision.ts'
import type {Summary} from './revisions/summary.ts'

export interface DiffOptions {
  cwd?: string
  configFile?: string
  /** A git revision, or a folder or file when `new` is one too (or is left out and `old` is a path). */
  old: string
  /** A git revision, a folder or file; by default the working tree. */
  new?: string
  out?: string
  /** Only the configured editions of these formats; default: every one. */
  editions?: FormatName[]
}

export interface DiffResult {
  summary: Summary
  ops: Op[]
  delta: DeltaEntry[]
  /** "Comparison of HEAD~1 and HEAD". */
  heading: string
  /** Paths written, relative to `cwd`. */
  written: string[]
}

export async function diff(options: DiffOptions): Promise<DiffResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = await loadConfig(cwd, options.configFile)
  const {before, after, oldLabel, newLabel} = await readBoth(cwd, config, options)
  for (const manuscript of [before, after]) refuseUnreadable(manuscript)

  await runChecks(before, config.rules)
  await runChecks(after, config.rules)
  for (const manuscript of [before, after]) refuseUnreadable(manuscript)
  const delta = deltaOf(
    before.chapters.map((chapter) => chapter.file),
    after.chapters.map((chapter) => chapter.file)
  )

  const [oldParsed, newParsed] = [parseManuscript(before), parseManuscript(after)]
  const {ops, summary} = diffManuscripts(oldParsed, newParsed)

  const metadata = metadataOf(newParsed)
  const title = metadata.title ?? metadataOf(oldParsed).title ?? path.basename(after.root)
  const heading = `Comparison of ${oldLabel} and ${newLabel}`
  // The redline shows old revisions of the text: it passes the editions' sanitiser and image rules too.
  const article = safeArticle(redlineArticle(ops, summary, delta, {heading, oldLabel, newLabel}, cwd), after.root)
  const document = standaloneDocument(article, {metadata: {...metadata, title: heading, subject: `Changes to ${title}`}, css: redlineCss})

  const editions = configuredEditions(config, options.editions)
  const slug = slugOf(title)
  const browser = needsBrowser(editions) ? await openBrowser(config.browser) : undefined
  const outputs: Array<[string, string | Uint8Array]> = []
  try {
    for (const {format, suffix, settings} of editions) {
      const name = `${slug}.diff.${suffix}`
      // Inserted and deleted words are marked inside words; a soft hyphen there would split a mark.
      const rendered = await formats[format].render(
        document,
        {...settings, hyphenate: false},
        {browser, name, timeout: renderTimeout(config.browser.timeout, textLength(before) + textLength(after)), base: config.base}
      )
      outputs.push([name, rendered.data])
    }
  } finally {
    await browser?.close()
  }
  const written = await publish(outputFolder(config, cwd, options.out), outputs, {
    cwd,
    what: {all: 'the redline', one: 'redline', kept: 'the previous redline is unchanged'}
  })
  return {summary, ops, delta, heading, written}
}

interface Both {
  before: Manuscript
  after: Manuscript
  oldLabel: string
  newLabel: string
}

async function readBoth(cwd: string, config: Config, options: DiffOptions): Promise<Both> {
  const oldPath = path.resolve(cwd, options.old)
  const newPath = options.new === undefined ? undefined : path.resolve(cwd, options.new)
  // Two paths compare without git; a path and nothing compares against the configured manuscript.
  if (existsSync(oldPath) && (newPath === undefined || existsSync(newPath))) {
    const afterRoot = newPath ?? manuscriptLocation(config, cwd).root
    return {
      before: await readManuscript({root: oldPath, cwd: path.dirname(oldPath)}),
      after: await readManuscript({root: afterRoot, cwd: path.dirname(afterRoot)}),
      oldLabel: path.relative(cwd, oldPath) || '.',
      newLabel: path.relative(cwd, afterRoot) || '.'
    }
  }
  const location = manuscriptLocation(config, cwd)
  return {
    before: await manuscriptAt(cwd, location, options.old),
    after: await manuscriptAt(cwd, location, options.new),
    oldLabel: options.old,
    newLabel: options.new ?? 'the working tree'
  }
}

/** A chapter that cannot be read or parsed has no text to compare: one line, and nothing is written. */
function refuseUnreadable(manuscript: Manuscript): void {
  const broken = manuscript.chapters.find((chapter) => chapter.file.data.unreadable)
  if (broken) throw new GalleyError(broken.file.path, broken.file.messages.find((m) => m.fatal)?.reason ?? 'cannot be read')
}
