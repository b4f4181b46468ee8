// Editions are written atomically: a temporary file beside the target, flushed, then renamed
// over it. A failed or killed build leaves the previous edition whole.
import {randomBytes} from 'node:crypto'
import {mkdir, open, readdir, rename, rm} from 'node:fs/promises'
import path from 'node:path'

/** Temporary files carry this marker so a later build can sweep what a killed one left. */
const marker = '.galley-tmp-'

export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), {recursive: true})
  const temporary = path.join(path.dirname(target), `${marker}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(target)}`)
  try {
    const handle = await open(temporary, 'wx')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/** Remove temporary files that killed builds left in `folder`; a running build's are kept. */
export async function sweepTemporary(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[])
  const orphans = names.filter((name) => name.startsWith(marker) && !isRunning(Number(name.slice(marker.length).split('-')[0])))
  await Promise.all(orphans.map((name) => rm(path.join(folder, name), {force: true})))
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
