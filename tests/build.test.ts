// The build makes its editions while the chapters are checked; the checks still decide. A
// refused build writes nothing and leaves the previous editions as they were.
import {mkdtemp, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {build} from '../pipeline/build.ts'
import {checkManuscript} from '../pipeline/check.ts'
import {loadConfig, manuscriptLocation} from '../pipeline/config/load.ts'
import {metadataOf, parseManuscript, readManuscript} from '../pipeline/manuscript/read.ts'

let folder: string
const paragraph = 'The harbour master wrote every arrival and departure into the ledger in a careful hand, and the clerks copied it twice.'

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'galley-build-'))
  await mkdir(path.join(folder, 'manuscript'))
  await writeFile(path.join(folder, 'manuscript/1.md'), `---\ntitle: Ledger\n---\n\n# One\n\n${paragraph}\n`)
  await writeFile(path.join(folder, 'manuscript/2.md'), '# Two\n\nThe second chapter says something else entirely, at some length.\n')
  await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({rules: {'repeated-paragraph': 'error'}}))
})
afterEach(() => rm(folder, {recursive: true, force: true}))

describe('build', () => {
  it('refuses over an error the checks find, and leaves the previous editions whole', async () => {
    const first = await build({cwd: folder})
    expect(first.written).toEqual(['output/ledger.html', 'output/ledger.pdf'])
    const before = await Promise.all(first.written.map((file) => readFile(path.join(folder, file))))

    await writeFile(path.join(folder, 'manuscript/2.md'), `# Two\n\n${paragraph}\n\nMore text changed in this revision.\n`)
    await expect(build({cwd: folder})).rejects.toThrow('1 error in the manuscript; no editions built (use --force to build anyway)')
    const after = await Promise.all(first.written.map((file) => readFile(path.join(folder, file))))
    expect(after.map((bytes, index) => bytes.equals(before[index]!))).toEqual([true, true])
    expect((await readdir(path.join(folder, 'output'))).sort()).toEqual(['ledger.html', 'ledger.pdf'])
  })

  it('reports a broken chapter once, though the editions parsed it meanwhile, and the editions write nothing on the check’s files', async () => {
    await writeFile(path.join(folder, 'manuscript/1.md'), `---\ntitle: [unclosed\n---\n\n${paragraph}\n`)
    await expect(build({cwd: folder})).rejects.toThrow(/^manuscript\/1\.md: invalid frontmatter: .*; no editions built$/)
    // What the build does: the check starts, and the editions parse and read the first chapter's metadata.
    const config = await loadConfig(folder)
    const manuscript = await readManuscript({...manuscriptLocation(config, folder), cwd: folder})
    const checking = checkManuscript(config, manuscript, {jobs: 2})
    const parsed = parseManuscript(manuscript)
    metadataOf(parsed)
    const {files} = await checking
    expect(files[0]!.messages.filter((message) => message.ruleId === 'frontmatter')).toHaveLength(1)
    expect(files[0]!.data.unreadable).toBe(true)
    // The editions' parse met the same fault on their own copy of the file.
    expect(parsed.chapters[0]!.file).not.toBe(files[0])
    expect(parsed.chapters[0]!.file.messages.map((message) => message.ruleId)).toEqual(['frontmatter'])
  })

  it('writes the configured editions in order, each with its own settings over the shared ones', async () => {
    const editions = [{format: 'pdf', name: 'book', pageSize: 'book'}, {format: 'html'}, {format: 'pdf'}]
    await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({edition: {pageSize: 'A5'}, editions}))
    const {written} = await build({cwd: folder})
    expect(written).toEqual(['output/ledger.book.pdf', 'output/ledger.html', 'output/ledger.pdf'])
    const sizeOf = async (file: string) => {
      const {width, height} = (await PDFDocument.load(await readFile(path.join(folder, file)))).getPage(0).getSize()
      return [Math.round(width), Math.round(height)]
    }
    // 6 × 9 in for the book; the shared A5 (148 × 210 mm) for the other.
    expect(await sizeOf('output/ledger.book.pdf')).toEqual([432, 648])
    expect(await sizeOf('output/ledger.pdf')).toEqual([420, 595])
    // --html keeps the configured HTML edition alone.
    expect((await build({cwd: folder, editions: ['html']})).written).toEqual(['output/ledger.html'])
  })

  it('refuses two editions that would write one file, naming the key', async () => {
    await writeFile(
      path.join(folder, 'galley.config.json'),
      JSON.stringify({editions: [{format: 'pdf'}, {format: 'pdf', pageSize: 'book'}]})
    )
    await expect(build({cwd: folder})).rejects.toThrow('galley.config.json: editions.1.name: a second pdf edition needs a name of its own')
  })
})
