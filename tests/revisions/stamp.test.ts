// Stamps and blob reading against real git repositories made in a temporary folder.
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {readManuscript} from '../../pipeline/manuscript/read.ts'
import {listFiles, readBlobs} from '../../pipeline/revisions/git.ts'
import {stampOf} from '../../pipeline/revisions/stamp.ts'
import {emptyRepository, git} from './git-repository.ts'

const dated = {GIT_AUTHOR_DATE: '2025-03-01T10:00:00Z', GIT_COMMITTER_DATE: '2025-03-01T10:00:00Z'}
const gitIn = (cwd: string, ...args: string[]) => git(cwd, args, dated)

async function repository(): Promise<string> {
  const folder = await emptyRepository('galley-git-')
  await writeFile(path.join(folder, 'manuscript/a.md'), 'First text.\n')
  gitIn(folder, 'add', '.')
  gitIn(folder, 'commit', '-q', '-m', 'one')
  return folder
}

describe('stampOf', () => {
  it('names the commit and its date, and notices uncommitted changes', async () => {
    const folder = await repository()
    const manuscript = await readManuscript({root: path.join(folder, 'manuscript'), cwd: folder})
    const head = gitIn(folder, 'rev-parse', '--short=12', 'HEAD').trim()
    expect(await stampOf(folder, manuscript)).toEqual({
      revision: head,
      date: '2025-03-01T10:00:00+00:00',
      dirty: false,
      label: `Revision ${head} of 2025-03-01`
    })
    await writeFile(path.join(folder, 'manuscript/a.md'), 'Changed text.\n')
    const dirty = await stampOf(folder, manuscript)
    expect(dirty.revision).toBe(`${head}-dirty`)
    expect(dirty.dirty).toBe(true)
    expect(dirty.label).toContain('with uncommitted changes')
  })

  it('says so outside git and hashes the content', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'galley-nogit-'))
    await writeFile(path.join(folder, 'a.md'), 'Text.\n')
    const one = await stampOf(folder, await readManuscript({root: folder, cwd: folder}))
    await writeFile(path.join(folder, 'a.md'), 'Other text.\n')
    const two = await stampOf(folder, await readManuscript({root: folder, cwd: folder}))
    expect(one.revision).toMatch(/^sha256:[0-9a-f]{12}$/)
    expect(one.label).toContain('not under version control')
    expect(two.revision).not.toBe(one.revision)
  })
})

describe('reading a revision', () => {
  it('lists the files of a revision and reads their blobs', async () => {
    const folder = await repository()
    await writeFile(path.join(folder, 'manuscript/a.md'), 'Second text.\n')
    gitIn(folder, 'commit', '-qam', 'two')
    const entries = await listFiles(folder, 'HEAD~1', 'manuscript')
    expect(entries.map((e) => e.path)).toEqual(['manuscript/a.md'])
    const blobs = await readBlobs(
      folder,
      entries.map((e) => e.blob)
    )
    expect(blobs.get(entries[0]!.blob)!.toString('utf8')).toBe('First text.\n')
    await expect(listFiles(folder, 'no-such-rev', 'manuscript')).rejects.toThrow('unknown revision "no-such-rev"')
  })
})
