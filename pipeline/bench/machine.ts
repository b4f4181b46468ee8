// The machine a bench ran on, so that its numbers can be read later: ratios travel between
// machines, seconds do not.
import {execFile} from 'node:child_process'
import os from 'node:os'
import {promisify} from 'node:util'
import chromium from '@sparticuz/chromium'

export interface Machine {
  cpus: number
  model: string
  memoryGb: number
  node: string
  chromium: string
  os: string
  load: number[]
}

export async function describeMachine(): Promise<Machine> {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: os.totalmem() / 2 ** 30,
    node: process.version,
    chromium: await chromiumVersion(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os.loadavg()
  }
}

/** The browser Galley prints with when nothing is configured: GALLEY_CHROME, else the bundled one. */
async function chromiumVersion(): Promise<string> {
  try {
    const executable = process.env.GALLEY_CHROME || (await chromium.executablePath())
    const {stdout} = await promisify(execFile)(executable, ['--version'], {timeout: 30_000})
    return stdout.trim()
  } catch (error) {
    return `unknown (${(error as Error).message.split('\n')[0]})`
  }
}

export function machineLine(machine: Machine): string {
  return [
    `${machine.cpus} × ${machine.model}`,
    `${machine.memoryGb.toFixed(0)} GB`,
    `Node ${machine.node}`,
    machine.chromium,
    machine.os,
    `load average ${machine.load.map((value) => value.toFixed(2)).join(' ')} at the start`
  ].join(', ')
}
