// `galley check --fix` as a user runs it: a real process on real files, checked byte for byte.
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {galley as run} from './run-galley.ts'

const galley = (cwd: string, ...args: string[]) => run(cwd, 'check', '--no-cache', ...args)

const chapter = [
  '# The Log',
  '',
  'The keepers sent an email, then a second email, and the e-mail came back.',
  'The colour of the sea, the colour of the sky, and the color of the lamp.',
  'We went to the the harbour, and we recieve the log.',
  '',
  '> The color of the quoted sea, the e-mail quoted as written.',
  '',
  '```text',
  'the the color e-mail',
  '```',
  ''
].join('\n')

async function project(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-fix-'))
  await mkdir(path.join(folder, 'manuscript'))
  await writeFile(path.join(folder, 'manuscript', 'a.md'), chapter)
  return folder
}

const fixedChapter = chapter
  .replace('and the e-mail came back', 'and the email came back')
  .replace('the color of the lamp', 'the colour of the lamp')
  .replace('to the the harbour', 'to the harbour')

describe('galley check --fix', () => {
  it('prints the fixes as a diff with --fix-dry-run, and writes nothing', async () => {
    const folder = await project()
    const result = await galley(folder, '--fix-dry-run')
    expect(result.stdout).toContain('-The keepers sent an email, then a second email, and the e-mail came back.\n')
    expect(result.stdout).toContain('+We went to the harbour, and we recieve the log.\n')
    expect(result.stderr).toBe('galley: 3 fixes in 1 file (dry run: nothing written)\n')
    expect(await readFile(path.join(folder, 'manuscript', 'a.md'), 'utf8')).toBe(chapter)
  })

  it('applies only safe fixes with one expected, outside quotes and code, and is idempotent', async () => {
    const folder = await project()
    const first = await galley(folder, '--fix')
    expect(first.stderr).toContain('galley: fixed 3 findings in 1 file\n')
    // The slip keeps its finding: a suggestion is a guess, not a safe fix.
    expect(first.stdout).toContain('Unexpected unknown word `recieve`')
    expect(await readFile(path.join(folder, 'manuscript', 'a.md'), 'utf8')).toBe(fixedChapter)
    const second = await galley(folder, '--fix')
    expect(second.stderr).toContain('galley: fixed 0 findings in 0 files\n')
    expect(await readFile(path.join(folder, 'manuscript', 'a.md'), 'utf8')).toBe(fixedChapter)
  })
})
