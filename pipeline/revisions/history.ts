// `galley history`: how the text and its problems evolved, one row per revision that touched
// the manuscript. Chapter results are kept per content hash, so an unchanged file is checked
// once however many revisions it appears in.
import path from 'node:path'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {runChecks} from '../check.ts'
import {ResultCache} from '../checks/cache.ts'
import {loadConfig} from '../config/load.ts'
import {GalleyError} from '../errors.ts'
import {byName, chapterFromBytes, markdown} from '../manuscript/read.ts'
import {git, listFiles, readBlobs, repositoryRoot, toPosix} from './git.ts'

export interface HistoryEntry {
  commit: string
  date: string
  author: string
  subject: string
  words: number
  findings: Record<string, number>
  /** Lines of the manuscript added and removed by this commit. */
  change: {added: number; removed: number}
}

export interface HistoryOptions {
  cwd?: string
  configFile?: string
  /** A git revision range, as `git log` takes it; default: all of HEAD's history. */
  range?: string
}

export async function history(options: HistoryOptions = {}): Promise<HistoryEntry[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = await loadConfig(cwd, options.configFile)
  const repository = await repositoryRoot(cwd)
  if (!repository) throw new GalleyError(cwd, 'not a git repository; history needs git')
  const folder = toPosix(path.relative(repository, path.resolve(config.base, config.manuscript))) || '.'

  const commits = await commitsTouching(repository, options.range ?? 'HEAD', folder)
  const listings = await Promise.all(commits.map((commit) => listFiles(repository, commit.commit, folder)))
  const blobs = await readBlobs(
    repository,
    listings.flat().map((entry) => entry.blob)
  )

  // Most chapters are unchanged from one revision to the next: their chapter-phase results come
  // from this run's cache, keyed by content, and only the cross-file rules run on every revision.
  const cache = new ResultCache(config.rules)
  const wordsOf = new Map<string, number>()
  const entries: HistoryEntry[] = []
  for (const [index, commit] of commits.entries()) {
    const listing = listings[index]!.filter((entry) => markdown.test(entry.path)).sort((a, b) => byName(a.path, b.path))
    const chapters = listing.map((entry) => chapterFromBytes(entry.path, blobs.get(entry.blob)!, repository))
    await runChecks({root: folder, chapters}, config, {cache})
    let words = 0
    listing.forEach((entry, at) => {
      if (!wordsOf.has(entry.blob)) wordsOf.set(entry.blob, countWords(chapters[at]!.tree))
      words += wordsOf.get(entry.blob)!
    })

    const findings: Record<string, number> = {}
    for (const {file} of chapters) {
      for (const message of file.messages) findings[message.ruleId ?? 'unknown'] = (findings[message.ruleId ?? 'unknown'] ?? 0) + 1
    }
    entries.push({...commit, words, findings})
  }
  return entries
}

async function commitsTouching(root: string, range: string, folder: string): Promise<Array<Omit<HistoryEntry, 'words' | 'findings'>>> {
  const log = await git(root, ['log', '--reverse', '--format=%x1e%H%x1f%cI%x1f%an%x1f%s', '--numstat', range, '--', folder])
  return log
    .split('\x1e')
    .filter((record) => record.trim())
    .map((record) => {
      const [header, ...stats] = record.split('\n')
      const [commit, date, author, subject] = header!.split('\x1f') as [string, string, string, string]
      const change = {added: 0, removed: 0}
      for (const line of stats) {
        const [added, removed] = line.split('\t')
        if (!line.trim() || added === '-') continue
        change.added += Number(added)
        change.removed += Number(removed)
      }
      return {commit, date, author, subject, change}
    })
}

function countWords(tree: Root): number {
  // Block by block, so the last word of one paragraph and the first of the next stay two words.
  const text = tree.children
    .filter((node) => node.type !== 'yaml' && node.type !== 'code' && node.type !== 'html')
    .map((node) => toString(node))
    .join(' ')
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}
