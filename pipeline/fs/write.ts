// Editions are written atomically: a temporary file beside the target, flushed, then renamed
// over it. A failed or killed build leaves the previous edition whole.
import {randomBytes} from 'node:crypto'
import {mkdir, open, readdir, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'

/** Temporary files carry this marker so a later build can sweep what a killed one left. */
export const temporaryMarker = '.galley-tmp-'

export async function writeAtomic(target: string, data: string | Uint8Array, options: {flush?: boolean} = {}): Promise<void> {
  await writeAllAtomic([[target, data]], options)
}

/**
 * Several files as one change, as far as a file system allows: every temporary file is
 * written and flushed before the first rename, so a full disk or a refused write leaves all
 * the old files in place, not a new HTML edition beside an old PDF. A failure names its target
 * in `error.target`.
 */
export async function writeAllAtomic(
  files: Array<[target: string, data: string | Uint8Array]>,
  {flush = true}: {flush?: boolean} = {}
): Promise<void> {
  const staged: Array<[temporary: string, target: string]> = []
  let current = ''
  try {
    for (const [target, data] of files) {
      current = target
      await mkdir(path.dirname(target), {recursive: true})
      // A folder where the file should go would only fail at the rename, after others were renamed.
      if ((await stat(target).catch(() => undefined))?.isDirectory())
        throw Object.assign(new Error(`${target} is a folder`), {code: 'EISDIR'})
      const temporary = path.join(
        path.dirname(target),
        `${temporaryMarker}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(target)}`
      )
      staged.push([temporary, target])
      const handle = await open(temporary, 'wx')
      try {
        await handle.writeFile(data)
        if (flush) await handle.sync()
      } finally {
        await handle.close()
      }
    }
    for (const [temporary, target] of staged) {
      current = target
      await rename(temporary, target)
    }
  } catch (error) {
    await Promise.all(staged.map(([temporary]) => rm(temporary, {force: true})))
    throw Object.assign(error as Error, {target: current})
  }
}

/** Remove temporary files that killed builds left in `folder`; a running build's are kept. */
export async function sweepTemporary(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[])
  const orphans = names.filter(
    (name) => name.startsWith(temporaryMarker) && !isRunning(Number(name.slice(temporaryMarker.length).split('-')[0]))
  )
  await Promise.all(orphans.map((name) => rm(path.join(folder, name), {force: true})))
}

export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
