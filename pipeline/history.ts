// `history`: configure → find the repository → read each revision that touched the manuscript →
// check it → count its words → write output/history.html. One row per revision.
import path from 'node:path'
import {ResultCache} from './checks/cache.ts'
import {runChecks} from './checks/run.ts'
import {loadConfig} from './config/load.ts'
import {GalleyError} from './errors.ts'
import {lockFolder} from './fs/lock.ts'
import {sweepTemporary, writeAtomic} from './fs/write.ts'
import {metadataOf, parsedChapter} from './manuscript/read.ts'
import type {Chapter} from './manuscript/types.ts'
import {repositoryRoot, toPosix} from './revisions/git.ts'
import {commitsTouching, countWords, readRevisions, type HistoryEntry} from './revisions/history.ts'
import {historyHtml} from './revisions/history-report.ts'

export type {HistoryEntry}

export interface HistoryOptions {
  /** Folder that config and output are relative to; it must be inside the git repository. */
  cwd?: string
  /** A config file to use instead of the one found in `cwd`. */
  configFile?: string
  /** A git revision range, as `git log` takes it; default: all of HEAD's history. */
  range?: string
  /** Folder to write history.html into instead of the configured `output`. */
  out?: string
  /** Write history.html (the default, as `galley history` does); `false` only returns the entries. */
  write?: boolean
}

export interface HistoryResult {
  /** One entry per revision that touched the manuscript, oldest first. */
  entries: HistoryEntry[]
  /** Paths written, relative to `cwd`. */
  written: string[]
}

export async function history(options: HistoryOptions = {}): Promise<HistoryResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = await loadConfig(cwd, options.configFile)
  const repository = await repositoryRoot(cwd)
  if (!repository) throw new GalleyError(cwd, 'not a git repository; history needs git')
  const manuscript = path.resolve(config.base, config.manuscript)
  const folder = toPosix(path.relative(repository, manuscript)) || '.'

  const revisions = await commitsTouching(repository, options.range ?? 'HEAD', folder)
  // Most chapters are unchanged from one revision to the next: their chapter-phase results come
  // from this run's cache, keyed by content, and only the cross-file rules run on every revision.
  const cache = new ResultCache(config.rules)
  const wordsOf = new Map<string, number>()
  const entries: HistoryEntry[] = []
  let latest: Chapter[] = []
  for await (const {revision, chapters} of readRevisions(repository, revisions, folder)) {
    await runChecks({root: manuscript, chapters}, config.rules, {cache})
    entries.push({...revision, words: wordsIn(chapters, wordsOf), findings: findingsIn(chapters)})
    latest = chapters
  }
  if (options.write === false) return {entries, written: []}

  const out = path.resolve(cwd, options.out ?? path.resolve(config.base, config.output))
  const page = path.join(out, 'history.html')
  const shown = path.relative(cwd, page)
  // A build writing into the same folder takes turns with this write, as two builds do.
  const release = await lockFolder(out).catch((error: Error) => {
    throw new GalleyError(shown, `cannot write the history page here (${error.message})`)
  })
  try {
    await sweepTemporary(out)
    // The book's title as its latest revision gives it, as the editions take it.
    const title = metadataOf({root: manuscript, chapters: latest.map((chapter) => parsedChapter(chapter.file))}).title
    await writeAtomic(page, await historyHtml(entries, title ?? path.basename(manuscript))).catch((error: Error) => {
      throw new GalleyError(shown, `cannot write the history page (${error.message}); the previous one is unchanged`)
    })
  } finally {
    await release()
  }
  return {entries, written: [shown]}
}

/** Words are counted once per blob: an unchanged chapter has the same count in every revision. */
function wordsIn(chapters: Chapter[], wordsOf: Map<string, number>): number {
  let words = 0
  for (const chapter of chapters) {
    const blob = chapter.file.data.blob!
    if (!wordsOf.has(blob)) wordsOf.set(blob, countWords(parsedChapter(chapter.file).tree))
    words += wordsOf.get(blob)!
  }
  return words
}

function findingsIn(chapters: Chapter[]): Record<string, number> {
  const findings: Record<string, number> = {}
  for (const {file} of chapters) {
    for (const message of file.messages) findings[message.ruleId ?? 'unknown'] = (findings[message.ruleId ?? 'unknown'] ?? 0) + 1
  }
  return findings
}
