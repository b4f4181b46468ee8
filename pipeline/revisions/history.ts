// The revisions behind `galley history`, read from git: each commit that touched the manuscript
// folder, its chapters as they stood then, and their words. Checking and writing are the command's.
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {byName, markdown} from '../manuscript/read.ts'
import type {Chapter} from '../manuscript/types.ts'
import {git, listFiles, readBlobs} from './git.ts'
import {chapterOfBlob} from './revision.ts'

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

/** A commit as `git log` describes it, before its chapters are counted and checked. */
export type Revision = Omit<HistoryEntry, 'words' | 'findings'>

export interface RevisionChapters {
  revision: Revision
  /** Its Markdown files in reading order; each carries its blob hash in `file.data.blob`. */
  chapters: Chapter[]
}

/** The commits in `range` that touched `folder` (relative to the repository root), oldest first. */
export async function commitsTouching(root: string, range: string, folder: string): Promise<Revision[]> {
  // The range comes from the user or a workflow: after `--end-of-options` it is never an option.
  const log = await git(root, [
    'log',
    '--reverse',
    '--format=%x1e%H%x1f%cI%x1f%an%x1f%s',
    '--numstat',
    '--end-of-options',
    range,
    '--',
    folder
  ])
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

/**
 * The chapters of each revision under `folder`, in the order given. Every blob is read up front
 * through one `git cat-file --batch`, but a revision's chapters are made only when the caller
 * asks for the next one, so a long history never holds every revision's files at once.
 */
export async function* readRevisions(root: string, revisions: Revision[], folder: string): AsyncGenerator<RevisionChapters> {
  const listings = await Promise.all(revisions.map((revision) => listFiles(root, revision.commit, folder)))
  const blobs = await readBlobs(
    root,
    listings.flat().map((entry) => entry.blob)
  )
  for (const [index, revision] of revisions.entries()) {
    const listing = listings[index]!.filter((entry) => markdown.test(entry.path)).sort((a, b) => byName(a.path, b.path))
    const chapters = listing.map((entry) => chapterOfBlob(entry.path, entry, blobs.get(entry.blob)!, root))
    yield {revision, chapters}
  }
}

export function countWords(tree: Root): number {
  // Block by block, so the last word of one paragraph and the first of the next stay two words.
  const text = tree.children
    .filter((node) => node.type !== 'yaml' && node.type !== 'code' && node.type !== 'html')
    .map((node) => toString(node))
    .join(' ')
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}
