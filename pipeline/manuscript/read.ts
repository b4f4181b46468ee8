// Find the chapter files, read them as text, and parse them. A file that cannot be read
// becomes a vfile with one fatal message, so the other chapters are still checked.
import type {Dirent} from 'node:fs'
import {lstat, readdir, readFile, readlink, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'mdast'
import pLimit from 'p-limit'
import type {Node} from 'unist'
import {VFile} from 'vfile'
import YAML from 'yaml'
import {GalleyError} from '../errors.ts'
import {isInside} from '../fs/inside.ts'
import {maxDepth, overLimit, tooDeep} from './limits.ts'
import {parse} from './parse.ts'
import type {Chapter, Manuscript, Metadata, ParsedChapter, ParsedManuscript} from './types.ts'

/** Which files are chapters, and the order they are read in, wherever they come from (disk or git). */
export const markdown = /\.(md|markdown|mdown|mkd)$/i
export const byName = new Intl.Collator('en', {numeric: true}).compare

/**
 * Checking takes about 450 MB of memory per MB of Markdown (measured: 5 MB, 2.3 GB), and Node's
 * heap ends near 4 GB: a 50 MB file would crash the run after minutes. War and Peace is 3.2 MB.
 */
export const maxFileSize = 4 * 1024 * 1024

/** Chapter files open at once while a manuscript is read. */
const openAtOnce = 32

export interface ReadOptions {
  /** Folder the manuscript lives in; chapter paths are relative to it. */
  root: string
  /** Explicit chapter order (relative to `root`); otherwise files sort by name. */
  chapters?: string[]
  /** Where vfile paths are relative to, so reports show `manuscript/…`. */
  cwd: string
}

export async function readManuscript(options: ReadOptions): Promise<Manuscript> {
  const paths = await findChapters(options)
  // Chapters must lie inside the manuscript's folder, links resolved (a manuscript may come from
  // a stranger's pull request). A single file named as the manuscript is the user's own choice.
  const folder = (await stat(options.root)).isFile() ? undefined : await realpath(options.root)
  // Read together, so a book of 500 chapters does not wait on the disk 500 times in a row, but
  // a few at a time: macOS allows a process 256 open files by default, and a book may have more.
  const limit = pLimit(openAtOnce)
  const chapters = await Promise.all(paths.map((file) => limit(() => readChapter(file, options.cwd, folder))))
  return {root: options.root, chapters}
}

/**
 * Each chapter's tree, for the stages that work on trees (the editions, the redline, word
 * counts). The check parses in its own workers, and not at all for chapters its cache knows.
 * Each tree is parsed from a copy of its chapter's file: the check writes its messages and
 * data onto the chapter's file, and no other stage writes there.
 */
export function parseManuscript(manuscript: Manuscript): ParsedManuscript {
  return {root: manuscript.root, chapters: manuscript.chapters.map(({file}) => parsedChapter(file))}
}

export function parsedChapter(file: VFile): ParsedChapter {
  const copy = new VFile({path: file.path, cwd: file.cwd, value: file.value, data: {...file.data}})
  return {file: copy, tree: parseChapter(copy)}
}

async function findChapters({root, chapters}: ReadOptions): Promise<string[]> {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new GalleyError(root, error.code === 'ENOENT' ? 'no such file or folder' : `cannot read (${error.code})`)
  })
  if (info.isFile()) return [root]
  if (chapters) {
    return chapters.map((chapter) => path.resolve(root, chapter))
  }
  const found: string[] = []
  await walk(root, found, new Set())
  if (found.length === 0) throw new GalleyError(root, 'no Markdown files (.md) found')
  return found.sort((a, b) => byName(path.relative(root, a), path.relative(root, b)))
}

/** Follows symlinks, but each real folder once, so a link loop ends instead of recursing forever. */
async function walk(folder: string, found: string[], seen: Set<string>): Promise<void> {
  const real = await realpath(folder).catch(() => folder)
  if (seen.has(real)) return
  seen.add(real)
  let entries: Dirent[]
  try {
    entries = await readdir(folder, {withFileTypes: true})
  } catch (error) {
    throw new GalleyError(folder, `cannot read folder (${(error as NodeJS.ErrnoException).code})`)
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(folder, entry.name)
    const kind = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : entry
    if (kind?.isDirectory()) await walk(full, found, seen)
    // A broken link or a FIFO named like a chapter is reported by readChapter, not lost.
    else if (markdown.test(entry.name)) found.push(full)
  }
}

async function readChapter(file: string, cwd: string, folder: string | undefined): Promise<Chapter> {
  const vfilePath = path.relative(cwd, file) || file
  const escape = folder === undefined ? undefined : await leavesFolder(file, folder)
  if (escape) return unreadable(new VFile({path: vfilePath, cwd}), escape)
  let bytes: Buffer
  try {
    const info = await stat(file)
    // A FIFO or a device would block the read or never end it.
    if (!info.isFile()) return unreadable(new VFile({path: vfilePath, cwd}), 'not a regular file')
    // Refused before it is read: reading 50 MB is quick, checking it is not.
    if (info.size > maxFileSize) return unreadable(new VFile({path: vfilePath, cwd}), tooLarge(info.size))
    bytes = await readFile(file)
  } catch (error) {
    return unreadable(new VFile({path: vfilePath, cwd}), await readFailure(file, (error as NodeJS.ErrnoException).code))
  }
  return chapterFromBytes(vfilePath, bytes, cwd)
}

/** Why `file` may not be read as a chapter of `folder` (a real path), or undefined when it may. */
async function leavesFolder(file: string, folder: string): Promise<string | undefined> {
  // A missing file or a broken link is reported by the read itself.
  const real = await realpath(file).catch(() => undefined)
  if (real === undefined) return undefined
  if (isInside(real, folder)) return undefined
  const target = await readlink(file).catch(() => undefined)
  return target === undefined
    ? 'outside the manuscript folder; not read'
    : `symbolic link to \`${target}\`, outside the manuscript folder; not read`
}

/** A chapter that git holds as a symbolic link (mode 120000): its blob is the link's target. */
export function linkChapter(vfilePath: string, target: Uint8Array, cwd: string): Chapter {
  const shown = Buffer.from(target).toString('utf8')
  return unreadable(new VFile({path: vfilePath, cwd}), `symbolic link to \`${shown}\` in git; a chapter must be a file, not read`)
}

async function readFailure(file: string, code: string | undefined): Promise<string> {
  if (code === 'ELOOP') return 'symbolic link loop'
  if (code !== 'ENOENT') return `cannot read file (${code})`
  const link = await lstat(file).catch(() => undefined)
  return link?.isSymbolicLink() ? 'broken symbolic link' : 'no such file'
}

function tooLarge(size: number): string {
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`
  return `file of ${megabytes(size)} is over the limit of ${megabytes(maxFileSize)}; split it into chapters`
}

/**
 * A chapter from bytes that came from anywhere: the disk, or a blob of an old git revision.
 * Its text is decoded now; its tree is parsed when first used (see `parseChapter`).
 */
export function chapterFromBytes(vfilePath: string, bytes: Uint8Array, cwd: string): Chapter {
  const vfile = new VFile({path: vfilePath, cwd})
  if (bytes.byteLength > maxFileSize) return unreadable(vfile, tooLarge(bytes.byteLength))
  const text = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  if (typeof text !== 'string') return unreadable(vfile, text.reason)
  // A lone CR (classic Mac OS) ends a line for micromark but not for vfile-location, which
  // comment control uses: the two would disagree on where a message is. LF keeps every offset.
  vfile.value = text.replace(/\r(?!\n)/g, '\n')
  return {file: vfile}
}

/**
 * The chapter's tree, with its frontmatter on `file.data`. A chapter too deep to check, or with
 * broken frontmatter, gets a fatal message and an empty tree.
 */
export function parseChapter(file: VFile): Root {
  if (file.data.unreadable) return {type: 'root', children: []}
  const refusal = overLimit(String(file.value))
  if (refusal) return unreadableTree(file, refusal)
  let tree: Root
  try {
    tree = parse(file)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return unreadableTree(file, tooDeep(`the parser ran out of stack (${error.message})`))
  }
  const depth = depthOf(tree)
  if (depth > maxDepth) return unreadableTree(file, tooDeep(`${depth} levels`))
  readFrontmatter(tree, file)
  return file.data.unreadable ? {type: 'root', children: []} : tree
}

/** Levels of the tree, counted without recursion: the tree may be too deep for that. */
function depthOf(tree: Root): number {
  let deepest = 0
  const stack: Array<[Node, number]> = [[tree, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    deepest = Math.max(deepest, depth)
    if ('children' in node) for (const child of node.children as Node[]) stack.push([child, depth + 1])
  }
  return deepest
}

/** UTF-8 (with or without BOM), or UTF-16 when a BOM says so; anything else is refused, not guessed. */
function decode(bytes: Buffer): string | {reason: string} {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const nul = bytes.indexOf(0)
  if (nul !== -1) return {reason: `binary file (NUL byte at offset ${nul}), expected UTF-8 text`}
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes)
  } catch {
    return {reason: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}, expected UTF-8 text`}
  }
}

function complete(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    return true
  } catch {
    return false
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Binary search on the longest valid prefix: TextDecoder does not say where it failed.
  let low = 0
  let high = bytes.length
  const valid = (end: number) => {
    try {
      new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(0, end), {stream: true})
      return true
    } catch {
      return false
    }
  }
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (valid(middle)) low = middle
    else high = middle - 1
  }
  // The valid prefix may end inside a character whose next byte broke it: that character's
  // first byte is where the fault is.
  let start = low
  while (!complete(bytes.subarray(0, start))) start--
  return start
}

function unreadable(file: VFile, reason: string): Chapter {
  file.value = ''
  const message = file.message(reason, {ruleId: 'unreadable', source: 'galley'})
  message.fatal = true
  file.data.unreadable = true
  return {file}
}

function unreadableTree(file: VFile, reason: string): Root {
  unreadable(file, reason)
  return {type: 'root', children: []}
}

/** YAML frontmatter lands on `file.data.frontmatter`; broken YAML is a fatal message at its place. */
function readFrontmatter(tree: Root, file: VFile): void {
  const node = tree.children[0]
  if (node?.type !== 'yaml') return
  try {
    const data = YAML.parse(node.value)
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new Error('expected a mapping of keys to values')
    file.data.frontmatter = data ?? {}
  } catch (error) {
    const reason = `invalid frontmatter: ${(error as Error).message.split('\n')[0]}`
    const message = file.message(reason, {place: node.position, ruleId: 'frontmatter', source: 'galley'})
    message.fatal = true
    file.data.unreadable = true
  }
}

/** Characters of text in the manuscript's chapters: what the time to typeset it grows with. */
export function textLength(manuscript: Manuscript): number {
  return manuscript.chapters.reduce((sum, chapter) => sum + String(chapter.file.value ?? '').length, 0)
}

/** The work's metadata: the first chapter's frontmatter, as Pandoc reads it. */
export function metadataOf(manuscript: ParsedManuscript): Metadata {
  const data = (manuscript.chapters[0]?.file.data.frontmatter ?? {}) as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined)
  const keywords = Array.isArray(data.keywords) ? data.keywords.map(String) : text(data.keywords)?.split(/,\s*/)
  return {
    title: text(data.title),
    author: Array.isArray(data.author) ? data.author.map(String).join(', ') : text(data.author),
    year: typeof data.year === 'number' ? data.year : undefined,
    lang: text(data.lang) ?? 'en',
    description: text(data.description),
    subject: text(data.subject),
    keywords,
    rights: text(data.rights),
    isbn: text(data.isbn),
    publisher: text(data.publisher),
    edition: text(data.edition),
    dedication: text(data.dedication)
  }
}

declare module 'vfile' {
  interface DataMap {
    frontmatter: Record<string, unknown>
    unreadable: boolean
  }
}
