// `galley check`: configure → read → check → (with `--since`) check the old revision too and
// keep what the change introduced. Messages end up on each chapter's vfile.
import path from 'node:path'
import type {VFile} from 'vfile'
import {ResultCache, defaultCacheFile} from './checks/cache.ts'
import type {Jobs} from './checks/pool.ts'
import type {Collected} from './checks/rule.ts'
import {runChecks} from './checks/run.ts'
import {loadConfig, manuscriptLocation} from './config/load.ts'
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
  /** An already loaded config (several manuscripts built in one run share one). */
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
  /** Told how many chapters are checked, each time one is (for a progress line). */
  counted?: (checked: number, total: number) => void
}

export interface CheckResult {
  config: Config
  manuscript: Manuscript
  files: VFile[]
  /** With `since`: every finding of both revisions, labelled introduced, fixed or persisting. */
  delta?: DeltaEntry[]
  /** With `cache`: how many chapters came from it and how many were checked afresh. */
  cache?: {hits: number; misses: number; error?: string}
  /** What each manuscript rule collected from the chapters, by rule id: the style sheet is made from it. */
  collected?: Record<string, Collected>
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = options.config ?? (await loadConfig(cwd, options.configFile))
  const location = manuscriptLocation(config, cwd, options.path)
  const manuscript = await readManuscript({...location, cwd})
  const {files, cache, collected} = await checkManuscript(config, manuscript, options)
  if (!options.since) return {config, manuscript, files, cache, collected}

  const before = await manuscriptAt(cwd, location, options.since)
  await runChecks(before, config.rules, {jobs: options.jobs})
  const delta = deltaOf(
    before.chapters.map((chapter) => chapter.file),
    files
  )
  const introduced = new Set(delta.filter((entry) => entry.state === 'introduced').map((entry) => entry.message))
  for (const file of files) file.messages = file.messages.filter((message) => introduced.has(message) || file.data.unreadable)
  return {config, manuscript, files, delta, cache, collected}
}

/**
 * The rules over a manuscript already read, with the cache when asked. The build calls this
 * while it makes the editions; `keepMainThread` then leaves this thread to them.
 */
export async function checkManuscript(
  config: Config,
  manuscript: Manuscript,
  options: Pick<CheckOptions, 'cache' | 'jobs' | 'counted'> & {keepMainThread?: boolean}
): Promise<Pick<CheckResult, 'files' | 'cache'> & Required<Pick<CheckResult, 'collected'>>> {
  const location = options.cache === true ? defaultCacheFile(config.base) : options.cache && path.resolve(config.base, options.cache)
  const cache = location ? await ResultCache.load(location, config.rules) : undefined
  const collected = await runChecks(manuscript, config.rules, {
    cache,
    jobs: options.jobs,
    keepMainThread: options.keepMainThread,
    progress: options.counted
  })
  // A cache that cannot be written costs the next run time, never this run its findings.
  await cache?.save().catch((error: Error) => Object.assign(cache.stats, {error: `${location}: ${error.message}`}))
  return {files: manuscript.chapters.map((chapter) => chapter.file), cache: cache?.stats, collected}
}
