// Find the chapter files, read them as text, and parse them. A file that cannot be read
// becomes a vfile with one fatal message, so the other chapters are still checked.
import type {Dirent} from 'node:fs'
import {readdir, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'mdast'
import {VFile} from 'vfile'
import YAML from 'yaml'
import {GalleyError} from '../errors.ts'
import {parse} from './parse.ts'
import type {Chapter, Manuscript, Metadata} from './types.ts'

const markdown = /\.(md|markdown|mdown|mkd)$/i
const byName = new Intl.Collator('en', {numeric: true}).compare

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
  const chapters: Chapter[] = []
  for (const file of paths) chapters.push(await readChapter(file, options.cwd))
  return {root: options.root, chapters}
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
    else if (kind?.isFile() && markdown.test(entry.name)) found.push(full)
  }
}

async function readChapter(file: string, cwd: string): Promise<Chapter> {
  const vfilePath = path.relative(cwd, file) || file
  try {
    return chapterFromBytes(vfilePath, await readFile(file), cwd)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return unreadable(new VFile({path: vfilePath, cwd}), code === 'ENOENT' ? 'no such file' : `cannot read file (${code})`)
  }
}

/** A chapter from bytes that came from anywhere: the disk, or a blob of an old git revision. */
export function chapterFromBytes(vfilePath: string, bytes: Uint8Array, cwd: string): Chapter {
  const vfile = new VFile({path: vfilePath, cwd})
  const text = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  if (typeof text !== 'string') return unreadable(vfile, text.reason)
  vfile.value = text
  const tree = parse(vfile)
  readFrontmatter(tree, vfile)
  return {file: vfile, tree}
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
  return low
}

function unreadable(file: VFile, reason: string): Chapter {
  file.value = ''
  const message = file.message(reason, {ruleId: 'unreadable', source: 'galley'})
  message.fatal = true
  file.data.unreadable = true
  return {file, tree: {type: 'root', children: []}}
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

/** The work's metadata: the first chapter's frontmatter, as the issue and Pandoc do it. */
export function metadataOf(manuscript: Manuscript): Metadata {
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
    keywords
  }
}

declare module 'vfile' {
  interface DataMap {
    frontmatter: Record<string, unknown>
    unreadable: boolean
  }
}
