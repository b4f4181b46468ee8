import {mkdir, mkdtemp, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {metadataOf, parseManuscript, readManuscript} from '../../pipeline/manuscript/read.ts'

async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-read-'))
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), {recursive: true})
    await writeFile(path.join(folder, name), data)
  }
  return folder
}

/** Read, then parse: what the editions do, and where broken frontmatter shows. */
const read = async (root: string, chapters?: string[]) => parseManuscript(await readManuscript({root, cwd: root, chapters}))

describe('readManuscript', () => {
  it('reads the seed with its frontmatter as metadata', async () => {
    const manuscript = parseManuscript(await readManuscript({root: 'manuscript', cwd: process.cwd()}))
    expect(manuscript.chapters.map((c) => c.file.path)).toEqual(['manuscript/china-iran-military-relations.md'])
    expect(metadataOf(manuscript)).toEqual({
      title: 'China-Iran Military Relations',
      author: 'Dr. Muhammad Akram Zaheer',
      year: 2025,
      lang: 'en',
      description: undefined,
      subject: undefined,
      keywords: undefined
    })
  })

  it('orders chapters by name, numbers compared as numbers', async () => {
    const folder = await folderWith({'10-end.md': 'c\n', '2-middle.md': 'b\n', '1-start.md': 'a\n', 'notes.txt': 'x'})
    expect((await read(folder)).chapters.map((c) => c.file.path)).toEqual(['1-start.md', '2-middle.md', '10-end.md'])
  })

  it('follows the configured chapter order', async () => {
    const folder = await folderWith({'a.md': 'a\n', 'b.md': 'b\n'})
    expect((await read(folder, ['b.md', 'a.md'])).chapters.map((c) => c.file.path)).toEqual(['b.md', 'a.md'])
  })

  it('turns unreadable files into one fatal message and keeps the others', async () => {
    const folder = await folderWith({
      'a.md': 'fine\n',
      'b.md': Uint8Array.from([0x61, 0x62, 0xff, 0x63]),
      'c.md': Uint8Array.from([0x61, 0, 0x62])
    })
    const {chapters} = await readManuscript({root: folder, cwd: folder})
    expect(chapters.map((c) => c.file.messages.map(String))).toEqual([
      [],
      ['b.md:1:1: invalid UTF-8 at byte 2, expected UTF-8 text'],
      ['c.md:1:1: binary file (NUL byte at offset 1), expected UTF-8 text']
    ])
    expect(chapters[1]!.file.messages[0]!.fatal).toBe(true)
  })

  it('decodes UTF-16 with a byte order mark', async () => {
    const text = '# Café\n'
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const {chapters} = await read(await folderWith({'a.md': utf16}))
    expect(String(chapters[0]!.file.value)).toBe(text)
    expect(chapters[0]!.tree.children[0]!.type).toBe('heading')
  })

  it('reports malformed frontmatter at its place', async () => {
    const {chapters} = await read(await folderWith({'a.md': '---\ntitle: [unclosed\n---\n\nText.\n'}))
    expect(chapters[0]!.file.messages.map(String)[0]).toMatch(/^a\.md:1:1-3:4: invalid frontmatter: /)
  })

  it('names a missing folder and an empty one', async () => {
    await expect(read('/nonexistent/galley')).rejects.toThrow('/nonexistent/galley: no such file or folder')
    await expect(read(await folderWith({'a.txt': 'x'}))).rejects.toThrow(/no Markdown files \(\.md\) found/)
  })

  it('ends on a symlink loop', async () => {
    const folder = await folderWith({'a.md': 'a\n'})
    await symlink(folder, path.join(folder, 'loop'))
    expect((await read(folder)).chapters.map((c) => c.file.path)).toEqual(['a.md'])
  })
})
