// Bad input through the real CLI: every broken file is one line that names it and says what is
// wrong, the run exits 2 without a stack trace, and the other files are still checked.
import {execFileSync} from 'node:child_process'
import {chmod, mkdir, symlink} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {maxFileSize} from '../../pipeline/manuscript/read.ts'
import {galley, project, removeProjects, stackTrace} from './run.ts'

const repeated = 'We went to the the market on a sunny day last week.\n'
const repeatedLe = 'They sailed to the the island before the storm came in.\n'
const repeatedBe = 'She read the the letter twice and then burned it slowly.\n'
const utf16 = (text: string, bom: number[], encode: (text: string) => Buffer) => Buffer.concat([Buffer.from(bom), encode(text)])
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16()

// A YAML document that expands to a billion strings if aliases are followed blindly.
const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for (const [from, to] of [
  ['a', 'b'],
  ['b', 'c'],
  ['c', 'd'],
  ['d', 'e'],
  ['e', 'f'],
  ['f', 'g'],
  ['g', 'h'],
  ['h', 'i']
]) {
  laughs.push(`${to}: &${to} [*${from},*${from},*${from},*${from},*${from},*${from},*${from},*${from},*${from}]`)
}

/** What each file of the manuscript is, and what Galley must say about it (rule id: reason). */
const expected: Record<string, string[]> = {
  'manuscript/01-good.md': ['repeated-words: Unexpected repeated `the`, remove one occurrence'],
  'manuscript/02-utf16le.md': ['repeated-words: Unexpected repeated `the`, remove one occurrence'],
  'manuscript/03-utf16be.md': ['repeated-words: Unexpected repeated `the`, remove one occurrence'],
  'manuscript/04-invalid-utf8.md': ['unreadable: invalid UTF-8 at byte 3, expected UTF-8 text'],
  'manuscript/05-binary.md': ['unreadable: binary file (NUL byte at offset 8), expected UTF-8 text'],
  'manuscript/06-empty.md': [],
  'manuscript/07-huge.md': [`unreadable: file of 50 MB is over the limit of ${maxFileSize / 1024 / 1024} MB; split it into chapters`],
  'manuscript/08-frontmatter.md': [
    'frontmatter: invalid frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 17:'
  ],
  'manuscript/09-laughs.md': ['frontmatter: invalid frontmatter: Excessive alias count indicates a resource exhaustion attack'],
  'manuscript/10-loop.md': ['unreadable: symbolic link loop'],
  'manuscript/11-broken.md': ['unreadable: broken symbolic link'],
  'manuscript/12-fifo.md': ['unreadable: not a regular file'],
  'manuscript/13-comment.md': ["control-comment: Unknown keyword `disabel`: expected `'enable'`, `'disable'`, or `'ignore'`"]
}

let folder: string

beforeAll(async () => {
  folder = await project({
    'manuscript/01-good.md': repeated,
    'manuscript/02-utf16le.md': utf16(repeatedLe, [0xff, 0xfe], (text) => Buffer.from(text, 'utf16le')),
    'manuscript/03-utf16be.md': utf16(repeatedBe, [0xfe, 0xff], utf16be),
    'manuscript/04-invalid-utf8.md': Buffer.from([0x43, 0x61, 0x66, 0xc3, 0x28, 0x0a]),
    // A PNG's signature and header: what a picture renamed by mistake starts with.
    'manuscript/05-binary.md': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    'manuscript/06-empty.md': '',
    'manuscript/07-huge.md': Buffer.alloc(50 * 1024 * 1024, 'All work and no play. '),
    'manuscript/08-frontmatter.md': '---\ntitle: [unclosed\n---\n\nText.\n',
    'manuscript/09-laughs.md': `---\n${laughs.join('\n')}\n---\n\nText.\n`,
    // A typo in a comment that silences a rule.
    'manuscript/13-comment.md': '<!-- galley disabel repeated-words -->\n\nA chapter with a broken comment.\n'
  })
  const manuscript = path.join(folder, 'manuscript')
  await symlink('10-loop.md', path.join(manuscript, '10-loop.md'))
  await symlink('nowhere.md', path.join(manuscript, '11-broken.md'))
  execFileSync('mkfifo', [path.join(manuscript, '12-fifo.md')])
  // A folder that links back to its parent: walked once, not forever.
  await mkdir(path.join(manuscript, 'sub'))
  await symlink('..', path.join(manuscript, 'sub', 'again'))
})

afterAll(removeProjects)

describe('a manuscript of broken files', () => {
  it('reports each broken file once, checks the others, and exits 2', async () => {
    const result = await galley(folder, ['check', '--reporter', 'json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string; reason: string; severity: string}>}>
    const found = Object.fromEntries(
      report.map((file) => [
        file.path,
        file.messages.map((m) => `${m.ruleId}: ${m.reason}`.split('\n')[0]!.replace(/(column 17:).*/, '$1'))
      ])
    )
    expect(found).toEqual(expected)
    const errors = report.flatMap((file) =>
      file.messages.filter((m) => ['unreadable', 'frontmatter', 'control-comment'].includes(m.ruleId))
    )
    expect(errors.every((m) => m.severity === 'error')).toBe(true)
  })

  it('names each broken file beside its reason in the pretty report, without a stack trace', async () => {
    const result = await galley(folder, ['check'])
    expect(result.code).toBe(2)
    expect(result.stdout + result.stderr).not.toMatch(stackTrace)
    const lines = result.stdout.split('\n')
    for (const [file, messages] of Object.entries(expected)) {
      const heading = lines.findIndex((line) => line === file || line === `${file}: no issues found`)
      expect(heading, file).toBeGreaterThanOrEqual(0)
      const section = lines[heading] === file ? lines.slice(heading + 1, lines.indexOf('', heading)) : []
      expect(
        section.map((line) => /(?:error|warning)\s+(.*)/.exec(line)?.[1]?.slice(0, 40).trim()),
        file
      ).toEqual(
        messages.map((message) =>
          message
            .slice(message.indexOf(': ') + 2)
            .slice(0, 40)
            .trim()
        )
      )
    }
  })

  it('builds no edition, and says which file stopped it in one line', async () => {
    const result = await galley(folder, ['build', '--html'])
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n').filter((line) => line.startsWith('galley: '))).toEqual([
      'galley: manuscript/04-invalid-utf8.md: invalid UTF-8 at byte 3, expected UTF-8 text; no editions built'
    ])
    expect(result.stderr).not.toMatch(stackTrace)
  })
})

describe('paths that are not there or cannot be read', () => {
  it('an empty manuscript folder is one line and exit 2', async () => {
    const empty = await project({'manuscript/notes.txt': 'not a chapter'})
    const result = await galley(empty, ['check'])
    expect(result).toMatchObject({code: 2, stdout: ''})
    expect(result.stderr).toBe(`galley: ${path.join(empty, 'manuscript')}: no Markdown files (.md) found\n`)
  })

  it('a missing path is one line and exit 2', async () => {
    const result = await galley(await project(), ['check', 'chapters/missing.md'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^galley: \S*chapters\/missing\.md: no such file or folder\n$/)
  })

  it('a file its reader may not read is named, and the others are checked', async () => {
    // As root, permissions stop nobody: the CLI runs as the unprivileged user "nobody" instead.
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], {encoding: 'utf8'}).trim())
    const shared = await project({'manuscript/a.md': repeated, 'manuscript/b.md': 'A private chapter.\n'})
    await chmod(shared, 0o755)
    await chmod(path.join(shared, 'manuscript/b.md'), 0o000)
    const result = await galley(shared, ['check', '--reporter', 'json'], {uid: nobody})
    expect(result.code).toBe(2)
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string; reason: string}>}>
    expect(report.map((file) => [file.path, file.messages.map((m) => `${m.ruleId}: ${m.reason}`)])).toEqual([
      ['manuscript/a.md', ['repeated-words: Unexpected repeated `the`, remove one occurrence']],
      ['manuscript/b.md', ['unreadable: cannot read file (EACCES)']]
    ])
  })

  it('a config it may not read is one line and exit 2', async () => {
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], {encoding: 'utf8'}).trim())
    const shared = await project({'manuscript/a.md': 'Fine.\n', 'galley.config.json': '{}'})
    await chmod(shared, 0o755)
    await chmod(path.join(shared, 'galley.config.json'), 0o000)
    const result = await galley(shared, ['check'], {uid: nobody})
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `galley: ${path.join(shared, 'galley.config.json')}: cannot read config: EACCES\n`
    })
  })
})

describe('a config with a typo', () => {
  it('suggests the key that was meant, in one line, with the trace only under --verbose', async () => {
    const folder = await project({'manuscript/a.md': 'Fine.\n', 'galley.config.json': JSON.stringify({browser: {fallbak: false}})})
    const result = await galley(folder, ['build'])
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'galley: galley.config.json: browser: unknown key "fallbak", did you mean "fallback"?\n'
    })
    const verbose = await galley(folder, ['build', '--verbose'])
    expect(verbose.code).toBe(2)
    expect(verbose.stderr).toMatch(stackTrace)
  })

  it('suggests the rule that was meant', async () => {
    const folder = await project({'manuscript/a.md': 'Fine.\n', 'galley.config.yaml': 'rules:\n  repeated-word: error\n'})
    const result = await galley(folder, ['check'])
    expect(result).toMatchObject({
      code: 2,
      stderr: 'galley: galley.config.yaml: rules: unknown rule "repeated-word", did you mean "repeated-words"?\n'
    })
  })
})
