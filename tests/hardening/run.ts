// The CLI as a user runs it, for the hardening tests: a real process in a folder of real files.
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

export const bin = path.resolve('pipeline/bin.js')

export interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv
  /** Run as another user (we run as root, whom permissions do not stop). */
  uid?: number
  /** Told the child as soon as it is spawned, to watch or signal it. */
  started?: (child: ChildProcess) => void
}

export function galley(cwd: string, args: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: {...process.env, NO_COLOR: '1', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : {uid: options.uid, gid: options.uid})
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}))
    options.started?.(child)
  })
}

const made: string[] = []

/** A fresh folder with these files in it; removed by `removeProjects`. */
export async function project(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-hardening-'))
  made.push(folder)
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), {recursive: true})
    await writeFile(path.join(folder, name), data)
  }
  return folder
}

export async function removeProjects(): Promise<void> {
  await Promise.all(made.splice(0).map((folder) => rm(folder, {recursive: true, force: true})))
}

/** A stack trace has lines that start with "at"; one-line errors have none. */
export const stackTrace = /^\s+at /m
