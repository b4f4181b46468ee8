// The lock on an output folder: one holder at a time, a live holder is waited for, a dead
// one's lock is taken over, and real processes racing for a stale lock never hold it together.
import {spawn, spawnSync} from 'node:child_process'
import {readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {lockFolder, lockName} from '../../pipeline/fs/lock.ts'
import {project, removeProjects} from './run.ts'

afterAll(removeProjects)

/** The PID of a process that has ended: nobody holds a lock with it. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!
}

describe('lockFolder', () => {
  it('writes its PID into the lock, makes the folder, and removes the lock on release', async () => {
    const folder = path.join(await project(), 'out', 'deeper')
    const release = await lockFolder(folder)
    expect(await readFile(path.join(folder, lockName), 'utf8')).toBe(`${process.pid}\n`)
    await release()
    expect(await readdir(folder)).toEqual([])
  })

  it('waits while a live holder has it, and says so once', async () => {
    const folder = await project()
    const release = await lockFolder(folder)
    const waits: number[] = []
    let second = false
    const next = lockFolder(folder, {onWait: (owner) => waits.push(owner)}).then((release) => ((second = true), release))
    // Until the first holder lets go, the second cannot have it, however long it has waited.
    while (waits.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(second).toBe(false)
    await release()
    await (
      await next
    )()
    expect(waits).toEqual([process.pid])
  })

  it('takes over a lock whose holder is dead, or that names no process', async () => {
    for (const content of [`${deadPid()}\n`, 'not a pid\n', '']) {
      const folder = await project({[lockName]: content})
      const release = await lockFolder(folder, {timeout: 0})
      expect(await readFile(path.join(folder, lockName), 'utf8')).toBe(`${process.pid}\n`)
      await release()
      expect(await readdir(folder)).toEqual([])
    }
  })

  it('gives up on a live holder after its timeout, naming the holder', async () => {
    const folder = await project({[lockName]: `${process.ppid}\n`})
    await expect(lockFolder(folder, {timeout: 0})).rejects.toThrow(
      `${path.join(folder, lockName)} is held by process ${process.ppid}; if no build is running, remove it`
    )
    expect(await readFile(path.join(folder, lockName), 'utf8')).toBe(`${process.ppid}\n`)
  })

  it('lets one of six processes racing for a stale lock in at a time', async () => {
    const folder = await project({[lockName]: `${deadPid()}\n`})
    const log = path.join(folder, 'log')
    const script = path.join(folder, 'hold.mts')
    const go = path.join(folder, 'go')
    // Each process waits for the others to be ready, takes the lock, notes that it entered,
    // holds it a moment, and notes that it left.
    await writeFile(
      script,
      `import {appendFileSync, existsSync} from 'node:fs'
       import {lockFolder} from ${JSON.stringify(path.resolve('pipeline/fs/lock.ts'))}
       appendFileSync(${JSON.stringify(path.join(folder, 'ready'))}, 'ready\\n')
       while (!existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 1))
       const release = await lockFolder(${JSON.stringify(folder)})
       appendFileSync(${JSON.stringify(log)}, 'enter ' + process.pid + '\\n')
       await new Promise((resolve) => setTimeout(resolve, 50))
       appendFileSync(${JSON.stringify(log)}, 'leave ' + process.pid + '\\n')
       await release()`
    )
    const runs = Array.from(
      {length: 6},
      () =>
        new Promise<number | null>((resolve) =>
          spawn(process.execPath, ['--import', 'tsx', script], {stdio: 'inherit'}).on('close', resolve)
        )
    )
    const ready = async () => (await readFile(path.join(folder, 'ready'), 'utf8').catch(() => '')).split('\n').length - 1
    while ((await ready()) < 6) await new Promise((resolve) => setTimeout(resolve, 20))
    await writeFile(go, '')
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0, 0])
    const lines = (await readFile(log, 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(12)
    for (let index = 0; index < lines.length; index += 2) {
      expect(lines[index]).toMatch(/^enter \d+$/)
      expect(lines[index + 1]).toBe(lines[index]!.replace('enter', 'leave'))
    }
    expect((await readdir(folder)).sort()).toEqual(['go', 'hold.mts', 'log', 'ready'])
  })
})
