// Writing what a command made into the output folder: under the folder's lock, every file
// atomically, so a failure or a second build leaves a whole set, old or new. Build, diff and
// history all write this way.
import path from 'node:path'
import {GalleyError} from '../errors.ts'
import {lockFolder} from './lock.ts'
import {sweepTemporary, writeAllAtomic} from './write.ts'

export interface PublishOptions {
  /** Folder the returned paths, and the paths in messages, are relative to. */
  cwd: string
  /** What is written, for messages: `{all: 'the editions', one: 'edition', kept: 'the previous editions are unchanged'}`. */
  what: {all: string; one: string; kept: string}
  /** Told when another process holds the folder, while this one waits for it. */
  onWait?: (message: string) => void
}

/** Writes `files` (name → bytes) into `folder`; returns their paths relative to `cwd`. */
export async function publish(
  folder: string,
  files: Array<[name: string, data: string | Uint8Array]>,
  options: PublishOptions
): Promise<string[]> {
  const shown = path.relative(options.cwd, folder) || '.'
  const release = await lockFolder(folder, {
    onWait: (owner) => options.onWait?.(`waiting for the build of process ${owner} to finish writing into ${shown}`)
  }).catch((error: NodeJS.ErrnoException) => {
    throw new GalleyError(shown, `cannot write ${options.what.all} here (${cannotWrite(error)})`)
  })
  try {
    await sweepTemporary(folder)
    const targets = files.map(([name, data]): [string, string | Uint8Array] => [path.join(folder, name), data])
    await writeAllAtomic(targets).catch((error: NodeJS.ErrnoException & {target?: string}) => {
      throw new GalleyError(
        path.relative(options.cwd, error.target ?? folder),
        `cannot write ${options.what.one} (${cannotWrite(error)}); ${options.what.kept}`
      )
    })
    return targets.map(([target]) => path.relative(options.cwd, target))
  } finally {
    await release()
  }
}

function cannotWrite(error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    EEXIST: 'a file stands where the folder should be',
    ENOTDIR: 'a file stands where a folder should be',
    EISDIR: 'a folder stands where the file should be',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    ELOCKED: error.message
  }
  return error.code && reasons[error.code] ? `${error.code}: ${reasons[error.code]}` : (error.code ?? error.message)
}
