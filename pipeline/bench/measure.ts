// Run one Node child and measure it from outside: wall time, CPU time and peak RSS (through
// /usr/bin/time when the machine has it, else a preload that reports the child's own
// process.resourceUsage()), and on request the peak memory of the browser it starts.
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

export interface Measured {
  wallMs: number
  /** User plus system CPU time of the child and the children it waited for. */
  cpuMs: number
  /** Peak resident set of the child (with /usr/bin/time: of its largest process). */
  maxRssBytes: number
  code: number
  stdout: string
  stderr: string
  /** With `sampleTree`: peak VmHWM of the Node process and peak summed PSS of its other descendants. */
  tree?: {nodeBytes: number; browserBytes: number}
}

export interface MeasureOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Keep stdout (small outputs such as JSON summaries); otherwise it goes to /dev/null. */
  captureStdout?: boolean
  sampleTree?: boolean
}

const gnuTime = '/usr/bin/time'
const preload = pathToFileURL(fileURLToPath(new URL('report-usage.mjs', import.meta.url))).href

export async function measureNode(args: string[], options: MeasureOptions = {}): Promise<Measured> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'galley-bench-usage-'))
  const usageFile = path.join(scratch, 'usage')
  const viaTime = existsSync(gnuTime)
  const [command, commandArgs] = viaTime
    ? [gnuTime, ['-f', '%U %S %M', '-o', usageFile, process.execPath, ...args]]
    : [process.execPath, ['--import', preload, ...args]]
  const start = performance.now()
  const child = spawn(command, commandArgs, {
    cwd: options.cwd,
    env: {...(options.env ?? process.env), GALLEY_BENCH_USAGE: usageFile},
    stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => (stdout += chunk))
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)))
  const sampler = options.sampleTree && child.pid ? sampleTree(child.pid) : undefined
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status) => resolve(status ?? 1))
  })
  const wallMs = performance.now() - start
  const tree = sampler?.stop()
  const usage = await readFile(usageFile, 'utf8').catch(() => '')
  await rm(scratch, {recursive: true, force: true})
  const [user, system, maxRss] = (viaTime ? usage.trim().split('\n').at(-1)! : usage).split(/\s+/).map(Number)
  return {
    wallMs,
    cpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000,
    // GNU time and resourceUsage() both count kilobytes.
    maxRssBytes: (maxRss ?? NaN) * 1024,
    code,
    stdout,
    stderr,
    tree
  }
}

interface ProcInfo {
  pid: number
  ppid: number
  name: string
}

async function processes(): Promise<ProcInfo[]> {
  const found: ProcInfo[] = []
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // `pid (name) state ppid …`; the name may hold spaces and parentheses.
    const match = /^(\d+) \((.*)\) \S+ (\d+)/s.exec(stat)
    if (match) found.push({pid: Number(match[1]), name: match[2]!, ppid: Number(match[3])})
  }
  return found
}

async function statusField(pid: number, file: 'status' | 'smaps_rollup', field: string): Promise<number> {
  const text = await readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => '')
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]
  return kb ? Number(kb) * 1024 : 0
}

/**
 * Every 200 ms: the Node process's VmHWM (its own peak, kept by the kernel) and the summed
 * PSS of the other processes below the child (the browser), whose processes share pages,
 * so PSS rather than RSS; where smaps_rollup cannot be read, RSS is summed instead.
 */
function sampleTree(root: number): {stop: () => {nodeBytes: number; browserBytes: number}} {
  let nodeBytes = 0
  let browserBytes = 0
  let busy = false
  const timer = setInterval(async () => {
    if (busy) return
    busy = true
    try {
      const all = await processes()
      const below = new Set([root])
      // Parents come before children often but not always: repeat until nothing is added.
      for (let grown = true; grown;) {
        grown = false
        for (const proc of all)
          if (below.has(proc.ppid) && !below.has(proc.pid)) {
            below.add(proc.pid)
            grown = true
          }
      }
      let browser = 0
      for (const proc of all.filter((p) => below.has(p.pid))) {
        if (proc.name === 'node') nodeBytes = Math.max(nodeBytes, await statusField(proc.pid, 'status', 'VmHWM'))
        else if (proc.name !== 'time')
          browser += (await statusField(proc.pid, 'smaps_rollup', 'Pss')) || (await statusField(proc.pid, 'status', 'VmRSS'))
      }
      browserBytes = Math.max(browserBytes, browser)
    } finally {
      busy = false
    }
  }, 200)
  return {
    stop() {
      clearInterval(timer)
      return {nodeBytes, browserBytes}
    }
  }
}
