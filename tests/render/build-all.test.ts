// Several manuscripts in one run: each gets its own editions, all print in one browser, and a
// manuscript that fails (or would overwrite another's editions) stops only itself.
import {mkdtemp, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {textOf} from '../pdf-text.ts'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildAll, type BuildOutcome} from '../../pipeline/build.ts'

let folder: string
let outcomes: BuildOutcome[]
const stages: string[] = []

const books = {
  'books/alpha/1.md': '---\ntitle: Alpha Book\n---\n\n# Alpha\n\nThe harbour master kept the ledger of the alpha voyage.\n',
  'books/alpha/2.md': '# Second\n\nAlpha sails again at dawn.\n',
  'books/beta/1.md': '---\ntitle: Beta Book\n---\n\n# Beta\n\nThe beta voyage was shorter than the first.\n',
  'books/gamma/1.md': '---\ntitle: Gamma Book\n---\n\n# Gamma\n\nThe gamma voyage ended in the south.\n',
  'books/broken/1.md': '---\ntitle: [unclosed\n---\n\nText.\n',
  'books/twin/1.md': '---\ntitle: Alpha Book\n---\n\n# Not alpha\n\nA book that took another book’s title.\n'
}
const paths = ['books/alpha', 'books/beta', 'books/broken', 'books/gamma', 'books/twin']

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'galley-build-all-'))
  for (const [name, text] of Object.entries(books)) {
    await mkdir(path.dirname(path.join(folder, name)), {recursive: true})
    await writeFile(path.join(folder, name), text)
  }
  outcomes = await buildAll(paths, {cwd: folder, concurrency: 2, progress: (stage) => stages.push(stage)})
}, 180_000)
afterAll(() => rm(folder, {recursive: true, force: true}))

describe('building several manuscripts', () => {
  it('returns one outcome per manuscript, in the order given', () => {
    expect(outcomes.map((outcome) => outcome.path)).toEqual(paths)
    expect(outcomes.map((outcome) => ('result' in outcome ? 'built' : 'failed'))).toEqual(['built', 'built', 'failed', 'built', 'failed'])
  })

  it('writes each manuscript its own pair of editions, with its own text', async () => {
    expect((await readdir(path.join(folder, 'output'))).sort()).toEqual([
      'alpha-book.html',
      'alpha-book.pdf',
      'beta-book.html',
      'beta-book.pdf',
      'gamma-book.html',
      'gamma-book.pdf'
    ])
    for (const [slug, title, word] of [
      ['alpha-book', 'Alpha Book', 'dawn'],
      ['beta-book', 'Beta Book', 'shorter'],
      ['gamma-book', 'Gamma Book', 'south']
    ]) {
      const pdf = await readFile(path.join(folder, 'output', `${slug}.pdf`))
      expect((await PDFDocument.load(pdf)).getTitle()).toBe(title)
      const text = await textOf(pdf)
      expect(text).toContain(word)
      for (const other of ['dawn', 'shorter', 'south'].filter((each) => each !== word)) expect(text).not.toContain(other)
      expect(await readFile(path.join(folder, 'output', `${slug}.html`), 'utf8')).toContain(`<title>${title}</title>`)
    }
  })

  it('launches the browser once for all of them', () => {
    expect(stages.filter((stage) => stage.includes('launching the browser'))).toHaveLength(1)
    expect(stages.filter((stage) => stage.endsWith('printing the PDF'))).toHaveLength(3)
  })

  it('says which manuscript failed and why, in one line', () => {
    const failed = outcomes.filter((outcome): outcome is Extract<BuildOutcome, {error: unknown}> => 'error' in outcome)
    const reasons = failed.map((outcome) => String((outcome.error as Error).message))
    expect(reasons[0]).toMatch(/^books\/broken\/1\.md: invalid frontmatter: .*; no editions built$/)
    expect(reasons[1]).toBe(
      'books/twin: its editions would overwrite those of books/alpha (both are named alpha-book); give one a different title'
    )
    for (const reason of reasons) expect(reason).not.toContain('\n')
  })
})
