// Real git repositories for the revision tests, made in a temporary folder.
import {execFileSync} from 'node:child_process'
import {mkdir, mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

/** Runs git in `cwd` and returns what it printed; `env` adds to the environment (fixed dates). */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {cwd, encoding: 'utf8', env: {...process.env, ...env}})
}

export function gitIn(cwd: string, ...args: string[]): string {
  return git(cwd, args)
}

/** An empty repository on `main` with an author, and its manuscript folder. */
export async function emptyRepository(prefix: string, author = 'Editor'): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), prefix))
  gitIn(folder, 'init', '-q', '-b', 'main')
  gitIn(folder, 'config', 'user.email', 'editor@example.org')
  gitIn(folder, 'config', 'user.name', author)
  await mkdir(path.join(folder, 'manuscript'))
  return folder
}
