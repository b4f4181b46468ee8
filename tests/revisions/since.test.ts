// `galley check --since <rev>`: only what the change introduced, in a real git repository.
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gitIn} from './git-repository.ts'
import {galley} from '../run-galley.ts'

const names = [
  'Ambassador Helena Marchetti arrived in Vienna on Monday to open the talks.',
  'The delegation met Helena Marchetti again before the second round of talks began.',
  'Reporters asked Helena Marchetti about the timetable, and she declined to answer.'
]

describe('check --since', () => {
  it('reports exactly the name variant a revision introduced, and exits 1 with --frail', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'galley-since-'))
    gitIn(folder, 'init', '-q', '-b', 'main')
    gitIn(folder, 'config', 'user.email', 'editor@example.org')
    gitIn(folder, 'config', 'user.name', 'Editor')
    await mkdir(path.join(folder, 'manuscript'))
    // The old revision already has a repeated word, which must not be reported as new.
    await writeFile(path.join(folder, 'manuscript/a.md'), `${names.join('\n\n')}\n\nIt was the the end of the week.\n`)
    gitIn(folder, 'add', '.')
    gitIn(folder, 'commit', '-q', '-m', 'one')
    const variant = 'Later that week Helena Marchetty spoke to the press in Geneva.'
    await writeFile(path.join(folder, 'manuscript/a.md'), `${names.join('\n\n')}\n\nIt was the the end of the week.\n\n${variant}\n`)
    gitIn(folder, 'commit', '-q', '-am', 'two')

    const all = await galley(folder, 'check', '--reporter', 'json')
    const allIds = JSON.parse(all.stdout)[0].messages.map((m: {ruleId: string}) => m.ruleId)
    expect(allIds).toContain('repeated-words')

    const since = await galley(folder, 'check', '--since', 'HEAD~1', '--frail', '--reporter', 'json')
    expect(since.code).toBe(1)
    const introduced = JSON.parse(since.stdout)[0].messages as Array<{ruleId: string; actual: string; expected: string[]}>
    expect(introduced.map((m) => [m.ruleId, m.actual, m.expected])).toEqual([
      ['inconsistent-name', 'Helena Marchetty', ['Helena Marchetti']]
    ])

    const lenient = await galley(folder, 'check', '--since', 'HEAD~1')
    expect(lenient.code).toBe(0)
    expect(since.stderr).toMatch(/^galley: since HEAD~1: 1 introduced, 0 fixed, \d+ persisting \(not shown\)\n$/)
    const persisting = Number(/(\d+) persisting/.exec(since.stderr)![1])
    expect(persisting).toBe(allIds.length - 1)
    const nothingNew = await galley(folder, 'check', '--since', 'HEAD', '--frail', '-q')
    expect(nothingNew.code).toBe(0)
    // A quiet report of nothing new still says what there was.
    expect(nothingNew.stdout).toBe('')
    expect(nothingNew.stderr).toBe(`galley: since HEAD: 0 introduced, 0 fixed, ${allIds.length} persisting (not shown)\n`)
  })

  it('exits 2 on an unknown revision', async () => {
    const result = await galley(process.cwd(), 'check', '--since', 'no-such-revision')
    expect(result.code).toBe(2)
  })
})
