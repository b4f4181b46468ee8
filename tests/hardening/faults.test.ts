// Faults during a build, through the real CLI and the real browser: a browser that will not
// start, a render that hangs, a build interrupted while it prints, two builds at once, an output
// folder that cannot be written. Each time the previous editions stay byte for byte as they were,
// and whatever a killed build left behind is gone after the next one.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {chmod, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {lockName} from '../../pipeline/fs/lock.ts'
import {galley, project, removeProjects, type Run} from './run.ts'

const words = 'harbour ledger careful clerk copied orchard archive winter morning letter'.split(' ')

/** Three chapters of 300 paragraphs: about 200 pages, several seconds in the browser. */
function longBook(): Record<string, string> {
  let seed = 7
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648)
  const files: Record<string, string> = {}
  for (let chapter = 1; chapter <= 3; chapter++) {
    let text = `${chapter === 1 ? '---\ntitle: The Long Build\n---\n\n' : ''}# Chapter ${chapter}\n\n`
    for (let paragraph = 0; paragraph < 300; paragraph++) {
      if (paragraph % 20 === 0) text += `## Part ${chapter}.${paragraph / 20 + 1}\n\n`
      const sentence = Array.from({length: 80}, (_, n) => words[next() % words.length] + (n % 12 === 11 ? '.' : ''))
      text += `${sentence.join(' ').replace(/^./, (first) => first.toUpperCase())}.\n\n`
    }
    files[`manuscript/0${chapter}.md`] = text
  }
  return files
}

const shortBook = {'manuscript/a.md': '---\ntitle: The Short Build\n---\n\n# The short build\n\nOne paragraph, printed twice at once.\n'}

async function digests(folder: string, names: string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    names.map(async (name) => [
      name,
      createHash('sha256')
        .update(await readFile(path.join(folder, name)))
        .digest('hex')
    ])
  )
  return Object.fromEntries(entries)
}

interface Proc {
  pid: number
  ppid: number
  state: string
  cmdline: string
}

function processes(): Proc[] {
  const found: Proc[] = []
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      found.push({pid: Number(entry), state: after[0]!, ppid: Number(after[1]), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8')})
    } catch {
      // The process ended while it was listed.
    }
  }
  return found
}

/** Every process below `root`: the browser a build launched, and its helpers. */
function descendants(root: number): Proc[] {
  const all = processes()
  const found: Proc[] = []
  for (let frontier = [root]; frontier.length > 0;) {
    const next = all.filter((proc) => frontier.includes(proc.ppid))
    found.push(...next)
    frontier = next.map((proc) => proc.pid)
  }
  return found
}

/** Alive, not a zombie: a process that kept running after its build. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

async function until<T>(find: () => T | undefined | false, what: string, patience = 60_000): Promise<T> {
  for (const end = Date.now() + patience; Date.now() < end;) {
    const found = find()
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

/** A build that has reached the browser: its stderr says so, and a page renders. */
async function printing(child: ChildProcess, stderr: () => string): Promise<Proc[]> {
  await until(() => stderr().includes('galley: printing the PDF…'), 'the PDF stage')
  return until(() => {
    const below = descendants(child.pid!)
    return (
      below.some((proc) => proc.cmdline.includes('--type=renderer')) && below.filter((proc) => !proc.cmdline.includes('pipeline/bin.js'))
    )
  }, 'a renderer')
}

function watch(child: ChildProcess): () => string {
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += chunk))
  return () => stderr
}

function profileOf(browser: Proc[]): string {
  const flag = browser.flatMap((proc) => proc.cmdline.split('\0')).find((arg) => arg.startsWith('--user-data-dir='))
  return flag!.slice('--user-data-dir='.length)
}

afterAll(removeProjects)

describe('a long book whose editions were built before', () => {
  let folder: string
  let before: Record<string, string>
  const editions = ['output/the-long-build.html', 'output/the-long-build.pdf']
  const unchanged = async () => expect(await digests(folder, editions)).toEqual(before)
  const killed: Array<{profile: string; browser: number[]}> = []

  beforeAll(async () => {
    folder = await project({
      ...longBook(),
      'nofallback.json': JSON.stringify({browser: {fallback: false}}),
      'timeout.json': JSON.stringify({browser: {timeout: 5000}})
    })
    const first = await galley(folder, ['build'])
    expect(first.stderr).toMatch(/galley: wrote output\/the-long-build\.html\ngalley: wrote output\/the-long-build\.pdf \(\d+ pages\)\n$/)
    before = await digests(folder, editions)
  })

  it('a browser that cannot start is one line and exit 2', async () => {
    const result = await galley(folder, ['build', '--config', 'nofallback.json'], {env: {GALLEY_CHROME: '/nonexistent'}})
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'galley: no browser to print the PDF: tried GALLEY_CHROME /nonexistent (no such file); set GALLEY_CHROME or browser.executablePath to a Chrome or Chromium, or install chromium\n'
    })
    await unchanged()
  })

  it('a folder given as the browser is one line and exit 2, not a stack trace', async () => {
    const result = await galley(folder, ['build', '--config', 'nofallback.json'], {env: {GALLEY_CHROME: folder}})
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `galley: no browser to print the PDF: tried GALLEY_CHROME ${folder} (a folder or device, not a program); set GALLEY_CHROME or browser.executablePath to a Chrome or Chromium, or install chromium\n`
    })
    await unchanged()
  })

  it('a render that hangs ends at browser.timeout with one line, and the browser is ended', async () => {
    let child!: ChildProcess
    const run = galley(folder, ['build', '--verbose', '--config', 'timeout.json'], {started: (started) => (child = started)})
    const browser = await printing(child, watch(child))
    // A stopped browser answers nothing: the render waits as it would on a hung page.
    for (const proc of browser) process.kill(proc.pid, 'SIGSTOP')
    const result = await run
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('galley: output/the-long-build.pdf: the PDF was not printed within 5000 ms (browser.timeout)\n')
    expect(browser.filter((proc) => alive(proc.pid))).toEqual([])
    expect(existsSync(profileOf(browser))).toBe(false)
    await unchanged()
  })

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const) {
    it(`${signal} while the PDF prints leaves the previous editions as they were`, async () => {
      let child!: ChildProcess
      const run = galley(folder, ['build', '--verbose'], {started: (started) => (child = started)})
      const browser = await printing(child, watch(child))
      child.kill(signal)
      const result: Run = await run
      // Ended as a shell reports it: 130 for an interrupt, 143 for SIGTERM (CI runners, `timeout`), 129 for a closed terminal.
      const expected = {
        SIGINT: {code: 130, signal: null},
        SIGTERM: {code: 143, signal: null},
        SIGHUP: {code: 129, signal: null},
        SIGKILL: {code: null, signal: 'SIGKILL'}
      }
      expect({code: result.code, signal: result.signal}).toEqual(expected[signal])
      await until(() => browser.every((proc) => !alive(proc.pid)), 'the browser to end with its build', 10_000)
      // Only a process killed outright cannot take its browser profile with it.
      if (signal !== 'SIGKILL') expect(existsSync(profileOf(browser))).toBe(false)
      await unchanged()
      expect((await readdir(path.join(folder, 'output'))).sort()).toEqual(['the-long-build.html', 'the-long-build.pdf'])
      killed.push({profile: profileOf(browser), browser: browser.map((proc) => proc.pid)})
    })
  }

  it('the next build removes what the killed ones left, and writes whole editions', async () => {
    // What a build killed while writing leaves: a temporary file and its lock, both of a dead PID.
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    await writeFile(path.join(folder, 'output', `.galley-tmp-${dead}-0badf00d-the-long-build.pdf`), '%PDF-1.7 half of a')
    await writeFile(path.join(folder, 'output', lockName), `${dead}\n`)
    const result = await galley(folder, ['build'])
    expect(result.code).toBe(0)
    expect((await readdir(path.join(folder, 'output'))).sort()).toEqual(['the-long-build.html', 'the-long-build.pdf'])
    expect(killed.map((run) => existsSync(run.profile))).toEqual([false, false, false, false])
    const pdf = await PDFDocument.load(await readFile(path.join(folder, 'output/the-long-build.pdf')))
    expect(pdf.getPageCount()).toBe(Number(/\((\d+) pages\)/.exec(result.stderr)![1]))
  })
})

describe('two builds of one book at once', () => {
  it('both end well, and leave one whole pair of editions and no lock', async () => {
    const folder = await project(shortBook)
    const results = await Promise.all([galley(folder, ['build']), galley(folder, ['build'])])
    expect(results.map((result) => result.code)).toEqual([0, 0])
    expect((await readdir(path.join(folder, 'output'))).sort()).toEqual(['the-short-build.html', 'the-short-build.pdf'])
    const pdf = await PDFDocument.load(await readFile(path.join(folder, 'output/the-short-build.pdf')))
    expect(results.map((result) => result.stderr)).toEqual(
      Array(2).fill(`galley: wrote output/the-short-build.html\ngalley: wrote output/the-short-build.pdf (${pdf.getPageCount()} pages)\n`)
    )
    expect((await readFile(path.join(folder, 'output/the-short-build.html'), 'utf8')).trimEnd()).toMatch(/<\/html>$/)
  })

  it('the second waits while the first holds the lock, then writes', async () => {
    const folder = await project(shortBook)
    await galley(folder, ['build', '--html'])
    const html = path.join(folder, 'output/the-short-build.html')
    const written = (await stat(html)).ino
    // A live process holds the lock, as a build would while it writes.
    const holder = spawn('sleep', ['600'])
    await writeFile(path.join(folder, 'output', lockName), `${holder.pid}\n`)
    let child!: ChildProcess
    const run = galley(folder, ['build', '--html', '--verbose'], {started: (started) => (child = started)})
    const stderr = watch(child)
    await until(
      () => stderr().includes(`galley: waiting for the build of process ${holder.pid} to finish writing into output…`),
      'the build to wait'
    )
    expect((await stat(html)).ino).toBe(written)
    holder.kill()
    expect((await run).code).toBe(0)
    expect((await stat(html)).ino).not.toBe(written)
    expect(await readdir(path.join(folder, 'output'))).toEqual(['the-short-build.html'])
  })
})

describe('an output folder that cannot be written', () => {
  it('a file where the folder should be is one line and exit 2, and the file is left alone', async () => {
    const folder = await project({...shortBook, taken: 'not a folder\n'})
    const inPlace = await galley(folder, ['build', '--html', '--out', 'taken'])
    expect(inPlace).toMatchObject({
      code: 2,
      stderr: 'galley: taken: cannot write the editions here (EEXIST: a file stands where the folder should be)\n'
    })
    const below = await galley(folder, ['build', '--html', '--out', 'taken/editions'])
    expect(below).toMatchObject({
      code: 2,
      stderr: 'galley: taken/editions: cannot write the editions here (ENOTDIR: a file stands where a folder should be)\n'
    })
    expect(await readFile(path.join(folder, 'taken'), 'utf8')).toBe('not a folder\n')
  })

  it('a folder where the PDF should be writes neither edition', async () => {
    const folder = await project({...shortBook, 'output/the-short-build.html': 'the previous edition\n'})
    await mkdir(path.join(folder, 'output/the-short-build.pdf'))
    const result = await galley(folder, ['build'])
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'galley: output/the-short-build.pdf: cannot write edition (EISDIR: a folder stands where the file should be); the previous editions are unchanged\n'
    })
    expect(await readFile(path.join(folder, 'output/the-short-build.html'), 'utf8')).toBe('the previous edition\n')
    expect((await readdir(path.join(folder, 'output'))).sort()).toEqual(['the-short-build.html', 'the-short-build.pdf'])
  })

  it('a folder its user may not write to is one line and exit 2, and its editions stay', async () => {
    // Root writes anywhere: the build runs as "nobody", in a folder that root owns.
    const nobody = Number(spawnSync('id', ['-u', 'nobody'], {encoding: 'utf8'}).stdout.trim())
    const folder = await project({...shortBook, 'output/the-short-build.html': 'the previous edition\n'})
    await chmod(folder, 0o755)
    const result = await galley(folder, ['build', '--html'], {uid: nobody})
    expect(result).toMatchObject({code: 2, stderr: 'galley: output: cannot write the editions here (EACCES: permission denied)\n'})
    expect(await readdir(path.join(folder, 'output'))).toEqual(['the-short-build.html'])
    expect(await readFile(path.join(folder, 'output/the-short-build.html'), 'utf8')).toBe('the previous edition\n')
  })
})
