// The CLI as a user runs it: a real process, real files, exit codes and one-line errors.
import {execFile} from 'node:child_process'
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'

const bin = path.resolve('pipeline/bin.js')

async function galley(cwd: string, ...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await promisify(execFile)(process.execPath, [bin, ...args], {cwd, env: {...process.env, NO_COLOR: '1'}})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code: number; stdout: string; stderr: string}
    return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr}
  }
}

async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-cli-'))
  const {mkdir} = await import('node:fs/promises')
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), {recursive: true})
    await writeFile(path.join(folder, name), data)
  }
  return folder
}

const clean = 'A clean sentence that nobody would ever flag at all.\n'
const repeated = 'We went to the the market on a sunny day last week.\n'

describe('galley check', () => {
  it('exits 0 on a clean manuscript', async () => {
    const result = await galley(await project({'manuscript/a.md': clean}), 'check')
    expect(result.code).toBe(0)
  })

  it('exits 0 on warnings, and 1 on warnings with --frail', async () => {
    const folder = await project({'manuscript/a.md': repeated})
    const lenient = await galley(folder, 'check')
    expect(lenient.code).toBe(0)
    expect(lenient.stdout).toContain('repeated-words')
    expect((await galley(folder, 'check', '--frail')).code).toBe(1)
  })

  it('exits 1 when the config makes a finding an error', async () => {
    const folder = await project({
      'manuscript/a.md': repeated,
      'galley.config.json': JSON.stringify({rules: {'repeated-words': 'error'}})
    })
    expect((await galley(folder, 'check')).code).toBe(1)
  })

  it('exits 2 with one line naming the config file on a broken config', async () => {
    const folder = await project({'manuscript/a.md': clean, 'galley.config.json': JSON.stringify({rulez: {}})})
    const result = await galley(folder, 'check')
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('galley: galley.config.json: (root): unknown key "rulez", did you mean "rules"?\n')
  })

  it('exits 2 on a usage error', async () => {
    const folder = await project({'manuscript/a.md': clean})
    expect((await galley(folder, 'check', '--reportr', 'json')).code).toBe(2)
    const unknown = await galley(folder, 'check', '--reporter', 'xml')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('galley: unknown reporter "xml", expected one of pretty, json, sarif, github\n')
    expect((await galley(folder, 'frobnicate')).code).toBe(2)
  })

  it('exits 2 on an unreadable chapter, still checking the others', async () => {
    const folder = await project({'manuscript/a.md': repeated, 'manuscript/b.md': Uint8Array.from([0xc3, 0x28])})
    const result = await galley(folder, 'check', '--reporter', 'json')
    expect(result.code).toBe(2)
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>
    expect(report.map((file) => [file.path, file.messages.map((m) => m.ruleId)])).toEqual([
      ['manuscript/a.md', ['repeated-words']],
      ['manuscript/b.md', ['unreadable']]
    ])
  })

  it('exits 2 on a missing path, naming it', async () => {
    const result = await galley(await project({}), 'check', 'nowhere')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^galley: .*nowhere: no such file or folder\n$/)
  })

  it('honours <!-- galley ignore --> comments', async () => {
    const folder = await project({'manuscript/a.md': `<!-- galley ignore repeated-words -->\n${repeated}`})
    expect((await galley(folder, 'check', '--frail')).code).toBe(0)
  })
})
