// Output names come from titles, which the manuscript controls: they must be safe file names on
// every OS, and no title or link in the output folder may make a build write anywhere but there.
import {mkdir, readdir, readFile, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'
import {slugOf} from '../../pipeline/fs/slug.ts'
import {galley, project, removeProjects} from './run.ts'

afterAll(removeProjects)

const safe = /^[a-z0-9]+(-[a-z0-9]+)*$/
const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/

describe('slugOf', () => {
  it.each([
    ['../../x', 'x'],
    ['..\\..\\windows\\system32', 'windows-system32'],
    ['/etc/passwd', 'etc-passwd'],
    ['..', 'edition'],
    ['CON', 'edition-con'],
    ['nul', 'edition-nul'],
    ['Com1', 'edition-com1'],
    ['LPT¹', 'edition-lpt1'],
    ['con.txt', 'con-txt'],
    ['🎉🚀', 'edition'],
    ['Café 🎉 Noir', 'cafe-noir'],
    ['Ｆｕｌｌｗｉｄｔｈ ﬁne', 'fullwidth-fine'],
    ['?!…—「」', 'edition'],
    ['', 'edition'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['trailing dots and spaces. . .', 'trailing-dots-and-spaces'],
    ['\u0000nul\u0000byte', 'nul-byte']
  ])('%j → %j', (title, slug) => {
    expect(slugOf(title)).toBe(slug)
  })

  it('cuts 300 characters to at most 80, at no hyphen', () => {
    const slug = slugOf('word '.repeat(60))
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slug).toMatch(safe)
  })

  it('makes a safe, short, unreserved name of any string', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 400}), (title) => {
        const slug = slugOf(title)
        expect(slug).toMatch(safe)
        expect(slug.length).toBeLessThanOrEqual(80)
        expect(slug).not.toMatch(reserved)
        expect(path.dirname(path.join('/out', `${slug}.pdf`))).toBe('/out')
      }),
      {numRuns: 2000}
    )
  })
})

/** Every file below `folder`, relative to it. */
async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
}

describe('--out', () => {
  it('keeps a title of ../../x inside the folder it names', async () => {
    const folder = await project({'manuscript/a.md': '---\ntitle: ../../x\n---\n\nA paragraph.\n'})
    const result = await galley(path.join(folder, 'manuscript'), ['build', '--html', '--out', '../deep/out', '.'])
    expect(result).toMatchObject({code: 0, stderr: 'galley: wrote ../deep/out/x.html\n'})
    expect(await filesIn(folder)).toEqual(['deep/out/x.html', 'manuscript/a.md'])
  })

  it('replaces a symbolic link in the output folder, never the file it points to', async () => {
    const folder = await project({
      'manuscript/a.md': '---\ntitle: Linked\n---\n\nA paragraph.\n',
      'elsewhere/victim.html': 'not to be touched\n'
    })
    await mkdir(path.join(folder, 'out'))
    await symlink(path.join(folder, 'elsewhere/victim.html'), path.join(folder, 'out/linked.html'))
    const result = await galley(folder, ['build', '--html', '--out', 'out'])
    expect(result).toMatchObject({code: 0, stderr: 'galley: wrote out/linked.html\n'})
    expect(await readFile(path.join(folder, 'elsewhere/victim.html'), 'utf8')).toBe('not to be touched\n')
    expect(await readFile(path.join(folder, 'out/linked.html'), 'utf8')).toMatch(/^<!doctype html>/)
  })

  it('writes chapters of any title into the configured output folder only', async () => {
    const folder = await project({
      'book/a.md': '---\ntitle: "/tmp/../../etc/cron.d/x"\n---\n\nA paragraph.\n',
      'galley.config.json': JSON.stringify({manuscript: 'book', output: 'editions'})
    })
    await writeFile(path.join(folder, 'book/b.md'), 'Another paragraph.\n')
    const result = await galley(folder, ['build', '--html'])
    expect(result).toMatchObject({code: 0, stderr: 'galley: wrote editions/tmp-etc-cron-d-x.html\n'})
    expect(await filesIn(folder)).toEqual(['book/a.md', 'book/b.md', 'editions/tmp-etc-cron-d-x.html', 'galley.config.json'])
  })
})
