// `galley history --format json` over three real revisions.
import {execFile, execFileSync} from 'node:child_process'
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'

const bin = path.resolve('pipeline/bin.js')

function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {cwd, encoding: 'utf8'})
}

describe('galley history', () => {
  it('reports words, findings and change size per revision', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'galley-history-'))
    gitIn(folder, 'init', '-q', '-b', 'main')
    gitIn(folder, 'config', 'user.email', 'editor@example.org')
    gitIn(folder, 'config', 'user.name', 'Ada Editor')
    await mkdir(path.join(folder, 'manuscript'))
    const write = (name: string, text: string) => writeFile(path.join(folder, 'manuscript', name), text)
    await write('01.md', 'One two three four five.\n')
    await write('02.md', 'Six seven eight.\n')
    gitIn(folder, 'add', '.')
    gitIn(folder, 'commit', '-q', '-m', 'first draft')
    await write('02.md', 'Six seven the the eight.\n')
    gitIn(folder, 'commit', '-q', '-am', 'an edit with a slip')
    await writeFile(path.join(folder, 'notes.txt'), 'not the manuscript\n')
    gitIn(folder, 'add', '.')
    gitIn(folder, 'commit', '-q', '-m', 'outside the manuscript')
    await write('02.md', 'Six seven the eight.\n')
    gitIn(folder, 'commit', '-q', '-am', 'fix the slip')

    const {stdout} = await promisify(execFile)(process.execPath, [bin, 'history', '--format', 'json'], {cwd: folder})
    const entries = JSON.parse(stdout) as Array<{
      subject: string
      author: string
      words: number
      findings: Record<string, number>
      change: {added: number; removed: number}
    }>
    expect(entries.map((e) => [e.subject, e.author, e.words, e.findings['repeated-words'] ?? 0, e.change.added, e.change.removed])).toEqual(
      [
        ['first draft', 'Ada Editor', 8, 0, 2, 0],
        ['an edit with a slip', 'Ada Editor', 10, 1, 1, 1],
        ['fix the slip', 'Ada Editor', 9, 0, 1, 1]
      ]
    )
    const page = await readFile(path.join(folder, 'output/history.html'), 'utf8')
    expect(page).toContain('<svg')
    expect(page).toContain('Ada Editor')
    expect((page.match(/<tr>/g) ?? []).length).toBe(4)
  })
})
