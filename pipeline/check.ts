// `check`: configure → read → parse → run the rules. Messages end up on each chapter's vfile.
import path from 'node:path'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {ResultCache, defaultCacheFile} from './checks/cache.ts'
import {applyResult, type ChapterResult} from './checks/chapter.ts'
import type {Collected} from './checks/cross-file.ts'
import {manuscriptChecker, type RuleSettings} from './checks/index.ts'
import {checkChapters, type Jobs} from './checks/pool.ts'
import {loadConfig} from './config/load.ts'
import type {Config} from './config/schema.ts'
import {readManuscript} from './manuscript/read.ts'
import type {Manuscript} from './manuscript/types.ts'
import {deltaOf, type DeltaEntry} from './revisions/delta.ts'
import {manuscriptAt} from './revisions/revision.ts'

export interface CheckOptions {
  /** Folder that config, manuscript and reported paths are relative to. */
  cwd?: string
  /** A manuscript folder or file to check instead of the configured one. */
  path?: string
  /** A config file to use instead of the one found in `cwd`. */
  configFile?: string
  /** An already loaded config (the build passes its own). */
  config?: Config
  /** A git revision: keep only the findings the change since then introduced (for pull requests). */
  since?: string
  /**
   * Keep each chapter's result under a hash of its text, and reuse it while the text, the rule
   * settings and Galley are unchanged: `true` for the default place (see `defaultCacheFile`), or
   * a file path relative to the project. Default: no cache; the CLI turns it on.
   */
  cache?: boolean | string
  /** Threads for the per-chapter checks, or `auto` (the default): one per core, for books. */
  jobs?: Jobs
  /** With several jobs, check in worker threads only, leaving this thread to the caller's own work (the build's editions). */
  keepMainThread?: boolean
}

export interface RunOptions {
  cache?: ResultCache
  jobs?: Jobs
  keepMainThread?: boolean
}

export interface CheckResult {
  config: Config
  manuscript: Manuscript
  files: VFile[]
  /** With `since`: every finding of both revisions, labelled introduced, fixed or persisting. */
  delta?: DeltaEntry[]
  /** With `cache`: how many chapters came from it and how many were checked afresh. */
  cache?: {hits: number; misses: number; error?: string}
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  return checkManuscript(await openManuscript(options), options)
}

export interface Opened {
  config: Config
  manuscript: Manuscript
}

/** The config and the manuscript a check reads; the build renders from the same while it is checked. */
export async function openManuscript(options: CheckOptions = {}): Promise<Opened> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = options.config ?? (await loadConfig(cwd, options.configFile))
  const root = options.path ? path.resolve(cwd, options.path) : path.resolve(config.base, config.manuscript)
  const manuscript = await readManuscript({root, cwd, chapters: options.path ? undefined : config.chapters, lazy: true})
  return {config, manuscript}
}

export async function checkManuscript({config, manuscript}: Opened, options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const location = options.cache === true ? defaultCacheFile(config.base) : options.cache && path.resolve(config.base, options.cache)
  const cache = location ? await ResultCache.load(location, config.rules) : undefined
  await runChecks(manuscript, config, {cache, jobs: options.jobs, keepMainThread: options.keepMainThread})
  // A cache that cannot be written costs the next run time, never this run its findings.
  await cache?.save().catch((error: Error) => Object.assign(cache.stats, {error: `${location}: ${error.message}`}))
  const files = manuscript.chapters.map((chapter) => chapter.file)
  if (!options.since) return {config, manuscript, files, cache: cache?.stats}

  const where = options.path ? {root: path.resolve(cwd, options.path)} : {root: path.resolve(config.base, config.manuscript), chapters: config.chapters}
  const before = await manuscriptAt(cwd, where, options.since)
  await runChecks(before, config, {jobs: options.jobs})
  const delta = deltaOf(
    before.chapters.map((chapter) => chapter.file),
    files
  )
  const introduced = new Set(delta.filter((entry) => entry.state === 'introduced').map((entry) => entry.message))
  for (const file of files) file.messages = file.messages.filter((message) => introduced.has(message) || file.data.unreadable)
  return {config, manuscript, files, delta, cache: cache?.stats}
}

/**
 * The chapter phase on every readable chapter (from the cache where it can), then the cross-file
 * rules over what each chapter gave, then comment control and severities, chapter by chapter.
 */
export async function runChecks(manuscript: Manuscript, config: Config, options: RunOptions = {}): Promise<void> {
  // Unreadable chapters carry their own fatal message and have no text to check.
  const readable = manuscript.chapters.filter((chapter) => !chapter.file.data.unreadable)
  const results = await chapterResults(
    readable.map((chapter) => chapter.file),
    config.rules,
    options
  )
  readable.forEach((chapter, index) => applyResult(chapter.file, results[index]!))

  const checked = readable.flatMap((chapter, index) => (chapter.file.data.unreadable ? [] : [{chapter, result: results[index]!}]))
  const collected: Record<string, Collected> = {}
  for (const id of Object.keys(checked[0]?.result.features ?? {})) {
    collected[id] = {files: checked.map(({chapter}) => chapter.file), features: checked.map(({result}) => result.features[id])}
  }
  const manuscriptRules = manuscriptChecker(config.rules, collected)
  for (const {chapter} of checked) {
    const {file} = chapter
    // Comment control reads the tree's HTML comments; a chapter without any needs no tree.
    const tree: Root = controlComment.test(String(file.value)) ? chapter.tree : {type: 'root', children: []}
    try {
      await manuscriptRules.run(tree, file)
    } catch (error) {
      // remark-message-control fails the whole run on a comment it cannot read, such as
      // `<!-- galley disabel repeated-words -->`: like broken frontmatter, it stops this file only.
      if (!(error instanceof VFileMessage) || !file.messages.includes(error)) throw error
      Object.assign(error, {ruleId: 'control-comment', source: 'galley', fatal: true})
      file.data.unreadable = true
    }
  }
}

const controlComment = /<!--\s*(?:galley|lint)\b/

async function chapterResults(
  files: VFile[],
  settings: RuleSettings,
  {cache, jobs = 'auto', keepMainThread}: RunOptions
): Promise<ChapterResult[]> {
  const keys = files.map((file) => cache?.keyOf(file))
  const results = keys.map((key) => (key === undefined ? undefined : cache!.get(key)))
  const missing = results.flatMap((result, index) => (result ? [] : [index]))
  const inputs = missing.map((index) => ({path: files[index]!.path, cwd: files[index]!.cwd, value: String(files[index]!.value)}))
  const fresh = await checkChapters(inputs, settings, jobs, keepMainThread)
  missing.forEach((index, at) => {
    results[index] = fresh[at]
    if (cache) cache.set(keys[index]!, fresh[at]!)
  })
  return results as ChapterResult[]
}
