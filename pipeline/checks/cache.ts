// The check's cache, like eslint's and textlint's `--cache`: each chapter's result (its messages
// and what the cross-file rules collected) under a hash of its path and text. Cross-file findings
// are never cached; they are worked out again from every chapter's collected data on each run,
// so an edit to one chapter still shows its duplicates in the others.
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import v8 from 'node:v8'
import envPaths from 'env-paths'
import findCacheDirectory from 'find-cache-dir'
import type {VFile} from 'vfile'
import pkg from '../../package.json' with {type: 'json'}
import {writeAtomic} from '../fs/write.ts'
import type {ChapterResult} from './chapter.ts'
import type {RuleSettings} from './index.ts'

/**
 * Where the check keeps its cache unless told: in the project's `node_modules/.cache/galley/`,
 * as Babel, ESLint's loaders and AVA do, or, for a manuscript folder that is no npm project,
 * in the user's cache folder (`~/.cache/galley/` on Linux), so nothing lands among the chapters.
 */
export function defaultCacheFile(base: string): string {
  const folder = findCacheDirectory({name: 'galley', cwd: base})
  if (folder) return path.join(folder, 'check')
  const project = createHash('sha256').update(path.resolve(base)).digest('hex').slice(0, 16)
  return path.join(envPaths('galley', {suffix: ''}).cache, `check-${project}`)
}

/**
 * Each result is kept serialised, on disk and in memory: a run then serialises only the chapters
 * it checked afresh, and writing the cache back costs a copy, not a walk over every result.
 */
type Entries = Map<string, Uint8Array>

export class ResultCache {
  #entries: Entries = new Map()
  readonly #used: Entries = new Map()
  readonly #salt: string
  readonly #location: string | undefined
  /** Chapters found in the cache and chapters checked afresh, this run. */
  readonly stats: {hits: number; misses: number; error?: string} = {hits: 0, misses: 0}

  /** An empty cache for one run (history reuses results across revisions this way), or one that `save` writes to `location`. */
  constructor(settings: RuleSettings, location?: string) {
    this.#salt = saltOf(settings)
    this.#location = location
  }

  /** The cache at `location`; a missing, unreadable or outdated one is an empty cache. */
  static async load(location: string, settings: RuleSettings): Promise<ResultCache> {
    const cache = new ResultCache(settings, location)
    try {
      const stored = v8.deserialize(await readFile(location)) as {salt: string; entries: Entries}
      if (stored.salt === cache.#salt && stored.entries instanceof Map) cache.#entries = stored.entries
    } catch {
      // No cache yet, or one written by another Node version: every chapter is checked afresh.
    }
    return cache
  }

  keyOf(file: VFile): string {
    return createHash('sha256').update(this.#salt).update('\0').update(file.path).update('\0').update(String(file.value)).digest('hex')
  }

  get(key: string): ChapterResult | undefined {
    const stored = this.#entries.get(key)
    if (stored) this.#used.set(key, stored)
    this.stats[stored ? 'hits' : 'misses']++
    return stored && (v8.deserialize(stored) as ChapterResult)
  }

  set(key: string, result: ChapterResult): void {
    const stored = v8.serialize(result)
    this.#entries.set(key, stored)
    this.#used.set(key, stored)
  }

  /** Writes the entries this run used, so results of chapters since edited or removed go. */
  async save(): Promise<void> {
    if (!this.#location) return
    // Not flushed to disk: a cache lost to a crash costs one cold check, and the flush would cost every check.
    await writeAtomic(this.#location, v8.serialize({salt: this.#salt, entries: this.#used}), {flush: false})
  }
}

/**
 * Results hold for one Galley, one Node (v8's format), one set of rule settings and the same
 * rule code: the checks' own sources are hashed too, so editing a rule while developing Galley
 * does not serve stale findings.
 */
function saltOf(settings: RuleSettings): string {
  const hash = createHash('sha256').update(`${pkg.version}\0${process.version}\0${JSON.stringify(settings)}`)
  hash.update(checksSource)
  return hash.digest('hex')
}

const checksSource = (() => {
  // The rules and what they read (parsing, prose): in a clone the TypeScript, installed the
  // compiled JavaScript.
  const hash = createHash('sha256')
  for (const folder of [new URL('.', import.meta.url), new URL('../manuscript/', import.meta.url)]) {
    for (const name of readdirSync(folder).sort()) {
      if (/\.(ts|js)$/.test(name) && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(new URL(name, folder)))
    }
  }
  return hash.digest('hex')
})()
