// Real git, through its command line: revisions of the manuscript are read from the object
// store, never by checking anything out, so the working tree is never touched.
import {execFile, spawn} from 'node:child_process'
import path from 'node:path'
import {promisify} from 'node:util'
import {GalleyError} from '../errors.ts'

const run = promisify(execFile)

export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const {stdout} = await run('git', args, {cwd, maxBuffer: 1 << 30, encoding: 'utf8'})
    return stdout
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & {stderr?: string}
    if (failure.code === 'ENOENT') throw new GalleyError(undefined, 'git is not installed or not on PATH')
    const reason = (failure.stderr ?? failure.message).trim().split('\n')[0]
    throw new GalleyError(undefined, `git ${args[0]}: ${reason}`)
  }
}

/** The top of the repository `cwd` is in, or undefined outside git. */
export async function repositoryRoot(cwd: string): Promise<string | undefined> {
  try {
    const {stdout} = await run('git', ['rev-parse', '--show-toplevel'], {cwd})
    return stdout.trim()
  } catch {
    return undefined
  }
}

export interface BlobEntry {
  /** Path relative to the repository root, with forward slashes. */
  path: string
  blob: string
  /** Committed as a symbolic link (mode 120000): the blob is the link's target, not a chapter. */
  link: boolean
}

/**
 * The commit a revision names. A revision comes from the user, a config or a workflow, and may
 * start with `-`: after `--end-of-options` git takes it as a revision, never as an option.
 */
export async function resolveCommit(root: string, revision: string): Promise<string> {
  const resolved = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).catch(() => '')
  if (!resolved.trim()) throw new GalleyError(undefined, `unknown revision "${revision}"`)
  return resolved.trim()
}

/** The files under `folder` (relative to the repository root) at `revision`. */
export async function listFiles(root: string, revision: string, folder: string): Promise<BlobEntry[]> {
  const commit = await resolveCommit(root, revision)
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', folder || '.'])
  return listing
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      // A file name may hold a tab itself: only the first one ends the metadata.
      const tab = line.indexOf('\t')
      const [mode, type, blob] = line.slice(0, tab).split(' ') as [string, string, string]
      return type === 'blob' ? [{path: line.slice(tab + 1), blob, link: mode === '120000'}] : []
    })
}

/** Read many blobs through one `git cat-file --batch`, the way git's own tools do it. */
export async function readBlobs(root: string, blobs: string[]): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>()
  const unique = [...new Set(blobs)]
  if (unique.length === 0) return result
  const child = spawn('git', ['cat-file', '--batch'], {cwd: root, stdio: ['pipe', 'pipe', 'pipe']})
  const chunks: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  child.stdin.end(unique.join('\n') + '\n')
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  if (code !== 0) throw new GalleyError(undefined, 'git cat-file failed')
  const output = Buffer.concat(chunks)
  let offset = 0
  for (const blob of unique) {
    const headerEnd = output.indexOf(10, offset)
    const header = output.subarray(offset, headerEnd).toString('utf8')
    const size = Number(header.split(' ')[2])
    if (!Number.isFinite(size)) throw new GalleyError(undefined, `git cat-file: cannot read ${blob}`)
    result.set(blob, output.subarray(headerEnd + 1, headerEnd + 1 + size))
    offset = headerEnd + 1 + size + 1
  }
  return result
}

export function toPosix(file: string): string {
  return file.split(path.sep).join('/')
}
