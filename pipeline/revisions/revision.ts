// A manuscript as it stood at a git revision, or as it stands in the working tree.
import path from 'node:path'
import {GalleyError} from '../errors.ts'
import {byName, chapterFromBytes, linkChapter, readManuscript, markdown} from '../manuscript/read.ts'
import type {Chapter, Location, Manuscript} from '../manuscript/types.ts'
import {listFiles, readBlobs, repositoryRoot, toPosix, type BlobEntry} from './git.ts'

/** `revision` undefined means the working tree. Chapters carry their blob hash in `file.data.blob`. */
export async function manuscriptAt(cwd: string, {root, chapters}: Location, revision: string | undefined): Promise<Manuscript> {
  if (revision === undefined) return readManuscript({root, cwd, chapters})
  const repository = await repositoryRoot(cwd)
  if (!repository) throw new GalleyError(cwd, 'not a git repository; compare two folders or files instead')
  const folder = toPosix(path.relative(repository, root))
  const entries = (await listFiles(repository, revision, folder)).filter((entry) => markdown.test(entry.path))
  const ordered = chapters
    ? chapters.map((chapter) => {
        const wanted = toPosix(path.join(folder, chapter))
        const entry = entries.find((e) => e.path === wanted)
        if (!entry) throw new GalleyError(chapter, `no such chapter at revision ${revision}`)
        return entry
      })
    : entries.sort((a, b) => byName(a.path, b.path))
  if (ordered.length === 0) throw new GalleyError(folder || '.', `no Markdown files at revision ${revision}`)
  const blobs = await readBlobs(
    repository,
    ordered.map((e) => e.blob)
  )
  const read = ordered.map((entry) =>
    chapterOfBlob(toPosix(path.relative(cwd, path.join(repository, entry.path))), entry, blobs.get(entry.blob)!, cwd)
  )
  return {root, chapters: read}
}

/** A chapter from a blob of a revision. One committed as a symbolic link is never read as a chapter. */
export function chapterOfBlob(vfilePath: string, entry: BlobEntry, bytes: Uint8Array, cwd: string): Chapter {
  const chapter = entry.link ? linkChapter(vfilePath, bytes, cwd) : chapterFromBytes(vfilePath, bytes, cwd)
  chapter.file.data.blob = entry.blob
  return chapter
}

declare module 'vfile' {
  interface DataMap {
    blob: string
  }
}
