// The CLI as a user runs it: a real process, real files, exit codes and one-line errors.
import {execFile} from 'node:child_process'
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {galley} from './run-galley.ts'

const bin = path.resolve('pipeline/bin.js')

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
    expect(unknown.stderr).toBe(
      "galley: option '-r, --reporter <name>' argument 'xml' is invalid. Allowed choices are pretty, json, sarif, github, html.\n"
    )
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

describe('the command line', () => {
  it('without a command prints the help on stderr and exits 2', async () => {
    const result = await galley(await project({}))
    expect(result).toMatchObject({code: 2, stdout: ''})
    expect(result.stderr).toMatch(/^Usage: galley \[options\] \[command\]/)
    for (const command of ['check', 'build', 'diff', 'history', 'init']) expect(result.stderr).toContain(`\n  ${command} `)
  })

  it('gives each command its own --help, on stdout, exit 0', async () => {
    const folder = await project({})
    const checkHelp = await galley(folder, 'check', '--help')
    expect(checkHelp.code).toBe(0)
    expect(checkHelp.stdout).toMatch(/^Usage: galley check \[options\] \[path\]/)
    expect(checkHelp.stdout).toContain('--since <rev>')
    expect(checkHelp.stdout).not.toContain('--concurrency')
    const buildHelp = await galley(folder, 'build', '--help')
    expect(buildHelp.stdout).toMatch(/^Usage: galley build \[options\] \[paths\.\.\.\]/)
    expect(buildHelp.stdout).toContain('--concurrency <n>')
    expect(buildHelp.stdout).not.toContain('--since')
  })

  it('says "did you mean" for a misspelt option or command, and names every command', async () => {
    const folder = await project({'manuscript/a.md': clean})
    expect(await galley(folder, 'check', '--frial')).toMatchObject({
      code: 2,
      stderr: "galley: unknown option '--frial' (did you mean --frail?)\n"
    })
    expect(await galley(folder, 'chek')).toMatchObject({
      code: 2,
      stderr: "galley: unknown command 'chek' (did you mean check?); the commands are check, build, diff, history, preview and init\n"
    })
    expect((await galley(folder, 'frobnicate')).stderr).toBe(
      "galley: unknown command 'frobnicate'; the commands are check, build, diff, history, preview and init\n"
    )
  })

  it('refuses an option another command takes, and a value outside its choices', async () => {
    const folder = await project({'manuscript/a.md': clean})
    expect(await galley(folder, 'check', '--format', 'json')).toMatchObject({code: 2, stderr: "galley: unknown option '--format'\n"})
    expect(await galley(folder, 'diff', '--format', 'xml', 'HEAD')).toMatchObject({
      code: 2,
      stderr: "galley: option '--format <name>' argument 'xml' is invalid. Allowed choices are table, json.\n"
    })
    expect(await galley(folder, 'check', 'a', 'b')).toMatchObject({
      code: 2,
      stderr: "galley: too many arguments for 'check'. Expected 1 argument but got 2.\n"
    })
  })
})

describe('galley build', () => {
  it('writes its report to stdout, as check does, and the editions it wrote to stderr', async () => {
    const folder = await project({'manuscript/a.md': repeated})
    const result = await galley(folder, 'build', '--html', '--reporter', 'json')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>
    expect(report.map((file) => [file.path, file.messages.map((m) => m.ruleId)])).toEqual([['manuscript/a.md', ['repeated-words']]])
    expect(result.stderr).toBe('galley: wrote output/manuscript.html\n')
  })

  it('refused by an error, prints the findings that refused it, then exits 1', async () => {
    const folder = await project({'manuscript/a.md': repeated, 'galley.config.json': JSON.stringify({rules: {'repeated-words': 'error'}})})
    const result = await galley(folder, 'build', '--html')
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Unexpected repeated `the`, remove one occurrence')
    expect(result.stderr).toBe('galley: 1 error in the manuscript; no editions built (use --force to build anyway)\n')
  })

  it('fails on warnings with --frail, after writing the editions', async () => {
    const folder = await project({'manuscript/a.md': repeated})
    const result = await galley(folder, 'build', '--html', '--frail')
    expect(result).toMatchObject({code: 1, stderr: 'galley: wrote output/manuscript.html\n'})
  })

  it('writes no progress line off a terminal, where logs get the report alone', async () => {
    const folder = await project({'manuscript/a.md': clean, 'manuscript/b.md': clean})
    const checked = await galley(folder, 'check')
    const built = await galley(folder, 'build', '--html')
    expect(checked.stderr).toBe('')
    expect(built.stderr).toBe('galley: wrote output/manuscript.html\n')
    expect(checked.stdout + built.stdout).not.toMatch(/\r|checked \d+ of/)
  })

  it('names each print of the PDF and its pages as it goes, with --verbose off a terminal', async () => {
    const folder = await project({'manuscript/a.md': '# One\n\nText.\n', 'manuscript/b.md': '# Two\n\nMore text.\n'})
    const result = await galley(folder, 'build', '--pdf', '--verbose')
    // A book with contents prints a draft for the page numbers, then the final print.
    expect(result.stderr).toMatch(
      /galley: printed output\/manuscript\.pdf, pass 1: \d+ pages…\ngalley: printed output\/manuscript\.pdf, pass 2: \d+ pages…\n/
    )
  })

  it('shows the cache figures with --verbose', async () => {
    const folder = await project({'manuscript/a.md': clean})
    await galley(folder, 'build', '--html')
    expect((await galley(folder, 'build', '--html', '--verbose')).stderr).toContain('galley: 1 of 1 chapters from the cache\n')
  })

  it('says which browser printed when the configured one cannot be used', async () => {
    const folder = await project({'manuscript/a.md': clean})
    const result = await galley(folder, 'build', '--pdf')
    // No GALLEY_CHROME of the test's own: set one that does not exist, then see the bundled one print.
    const fallback = await promisify(execFile)(process.execPath, [bin, 'build', '--pdf'], {
      cwd: folder,
      env: {...process.env, NO_COLOR: '1', GALLEY_CHROME: '/nonexistent/chrome'}
    })
    expect(result.stderr).not.toContain('could not use')
    expect(fallback.stderr).toContain(
      'galley: could not use GALLEY_CHROME /nonexistent/chrome (no such file); printing with the bundled Chromium (@sparticuz/chromium)\n'
    )
  })
})
