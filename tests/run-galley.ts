// The CLI as a user runs it, for tests: a real process in `cwd`, its exit code and both streams.
import {execFile} from 'node:child_process'
import path from 'node:path'
import {promisify} from 'node:util'

export const bin = path.resolve('pipeline/bin.js')

export async function galley(cwd: string, ...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd,
      env: {...process.env, NO_COLOR: '1'},
      maxBuffer: 1 << 26
    })
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}
