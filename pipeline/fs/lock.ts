// One build at a time writes into an output folder: a lock file there holds the owner's PID.
// A second build waits for it; a lock whose owner has died is taken over, so a killed build
// never blocks the next one.
import {randomBytes} from 'node:crypto'
import {link, mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {isRunning, temporaryMarker} from './write.ts'

export const lockName = '.galley-lock'

export interface LockOptions {
  /** Told once, with the owner's PID, when another build holds the lock and this one waits. */
  onWait?: (owner: number) => void
  /** Milliseconds to wait for a live owner; then the lock is an error naming it. */
  timeout?: number
}

/** Waits for the lock on `folder` (made if missing) and resolves to the function that releases it. */
export async function lockFolder(folder: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  await mkdir(folder, {recursive: true})
  const lock = path.join(folder, lockName)
  const deadline = Date.now() + (options.timeout ?? 10 * 60_000)
  let waiting = false
  for (;;) {
    if (await create(lock)) return () => release(lock)
    const owner = await ownerOf(lock)
    if (owner === undefined) continue
    if (!isRunning(owner)) {
      await removeStale(lock, owner)
      continue
    }
    if (!waiting) options.onWait?.(owner)
    waiting = true
    if (Date.now() > deadline)
      throw Object.assign(new Error(`${lock} is held by process ${owner}; if no build is running, remove it`), {code: 'ELOCKED'})
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * The PID goes into a temporary file that is then linked to the lock's name: the link fails
 * if a lock exists, and a lock is never seen empty. A killed build's temporary file carries
 * the marker that sweepTemporary removes.
 */
async function create(lock: string): Promise<boolean> {
  const draft = path.join(path.dirname(lock), `${temporaryMarker}${process.pid}-${randomBytes(4).toString('hex')}-lock`)
  await writeFile(draft, `${process.pid}\n`, {flag: 'wx'})
  try {
    await link(draft, lock)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await rm(draft, {force: true})
  }
}

/** The PID in the lock; 0 for a lock that names none; undefined when there is no lock. */
async function ownerOf(lock: string): Promise<number | undefined> {
  let text: string
  try {
    text = await readFile(lock, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const pid = Number(text.trim())
  return Number.isInteger(pid) && pid > 0 ? pid : 0
}

/**
 * Only one process at a time may remove a dead owner's lock, and only after reading it again
 * while it holds a second lock, the guard: else two processes that both found the lock stale
 * could each remove it, the second removing the lock the first had just made. A guard whose
 * holder died in the moment it holds it is removed without a guard of its own.
 */
async function removeStale(lock: string, dead: number): Promise<void> {
  const guard = `${lock}-takeover`
  if (await create(guard)) {
    try {
      if ((await ownerOf(lock)) === dead) await rm(lock, {force: true})
    } finally {
      await release(guard)
    }
    return
  }
  const holder = await ownerOf(guard)
  if (holder !== undefined && !isRunning(holder)) await rm(guard, {force: true})
  else await new Promise((resolve) => setTimeout(resolve, 5))
}

async function release(lock: string): Promise<void> {
  if ((await ownerOf(lock)) === process.pid) await rm(lock, {force: true})
}
