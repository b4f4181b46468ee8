// `galley diff` end to end: real git repositories, the real CLI, and the redline PDF read back.
import {cp, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {beforeAll, describe, expect, it} from 'vitest'
import {reviseSeed} from './seed-revision.ts'
import {gitIn} from './git-repository.ts'
import {galley} from '../run-galley.ts'

const seedPath = path.resolve('manuscript/china-iran-military-relations.md')

interface DiffJson {
  summary: {total: Record<string, number>; chapters: Array<{chapter: string; status: string}>}
  findings: Array<{state: string; ruleId: string; reason: string}>
}

let repository = ''
let diff: DiffJson

beforeAll(async () => {
  repository = await mkdtemp(path.join(tmpdir(), 'galley-diff-'))
  gitIn(repository, 'init', '-q', '-b', 'main')
  gitIn(repository, 'config', 'user.email', 'editor@example.org')
  gitIn(repository, 'config', 'user.name', 'Editor')
  await mkdir(path.join(repository, 'manuscript'))
  const seed = await readFile(seedPath, 'utf8')
  await writeFile(path.join(repository, 'manuscript/article.md'), seed)
  gitIn(repository, 'add', '.')
  gitIn(repository, 'commit', '-q', '-m', 'as received')
  await writeFile(path.join(repository, 'manuscript/article.md'), reviseSeed(seed))
  gitIn(repository, 'commit', '-q', '-am', 'copy-edited')
  const result = await galley(repository, 'diff', 'HEAD~1', 'HEAD', '--format', 'json')
  expect(result.code).toBe(0)
  diff = JSON.parse(result.stdout) as DiffJson
})

describe('galley diff between two git revisions', () => {
  it('counts one deletion, one move, one edit and the words', () => {
    expect(diff.summary.total).toEqual({wordsAdded: 1, wordsRemoved: 64, blocksAdded: 0, blocksRemoved: 1, blocksMoved: 1, blocksEdited: 1})
    expect(diff.summary.chapters.map((c) => [c.chapter, c.status])).toEqual([['article.md', 'changed']])
  })

  it('reports the repeated paragraph and the name variant as fixed, and nothing as introduced', () => {
    const fixed = diff.findings
      .filter((f) => f.state === 'fixed')
      .map((f) => f.ruleId)
      .sort()
    expect(fixed).toEqual(['inconsistent-name', 'repeated-paragraph'])
    expect(diff.findings.filter((f) => f.state === 'introduced')).toEqual([])
    expect(diff.findings.filter((f) => f.state === 'persisting').map((f) => f.ruleId)).toEqual(['acronym-expansion'])
  })

  it('writes a redline whose HTML shows the deletion, the word change and the move', async () => {
    const html = await readFile(path.join(repository, 'output/china-iran-military-relations.diff.html'), 'utf8')
    expect(html).toMatch(/<del class="galley-del">Feng’s<\/del>\s*<ins class="galley-ins">Fenghe’s<\/ins>/)
    expect(html).toContain('class="block-deleted"')
    const from = html.match(/id="(move-\d+-from)"/)?.[1]
    const to = html.match(/id="(move-\d+-to)"/)?.[1]
    expect(from && html.includes(`href="#${from}"`)).toBe(true)
    expect(to && html.includes(`href="#${to}"`)).toBe(true)
    expect(html).toContain('Comparison of HEAD~1 and HEAD')
    // The findings' quoted words are code, as in the terminal, not literal backticks.
    const findings = html.slice(html.indexOf('class="redline-findings"'), html.indexOf('class="redline-chapter'))
    expect(findings).not.toContain('`')
    expect(findings).toMatch(/<code>Wei Feng<\/code>/)
  })

  it('prints a redline PDF holding both the inserted and the deleted words', async () => {
    const bytes = await readFile(path.join(repository, 'output/china-iran-military-relations.diff.pdf'))
    const pdf = await getDocument({data: new Uint8Array(bytes), useSystemFonts: false}).promise
    let text = ''
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number)
      const content = await page.getTextContent()
      text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n'
    }
    // pdfjs splits text runs around the apostrophe glyph; join them back.
    const flat = text
      .replace(/\u00ad/g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?’ ?/g, '’')
    expect(flat).toContain('Fenghe’s')
    expect(flat).toContain('Increased sharing of data')
    expect(flat).toContain('Comparison of HEAD~1 and HEAD')
  })
})

describe('galley diff with the book layout', () => {
  it('prints the redline on book pages, numbered from its first page: it has no front matter to number in roman', async () => {
    await writeFile(path.join(repository, 'book.yaml'), 'edition:\n  pageSize: book\n')
    const result = await galley(repository, 'diff', 'HEAD~1', 'HEAD', '--pdf', '-c', 'book.yaml', '-o', 'book-output')
    expect(result.code).toBe(0)
    const bytes = await readFile(path.join(repository, 'book-output/china-iran-military-relations.diff.pdf'))
    const pdf = await getDocument({data: new Uint8Array(bytes), useSystemFonts: false}).promise
    const page = await pdf.getPage(1)
    expect(page.view.slice(2).map(Math.round)).toEqual([432, 648])
    expect(await pdf.getPageLabels()).toBeNull()
    await pdf.destroy()
  })
})

describe('galley diff without git', () => {
  it('compares two folders', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'galley-diff-dirs-'))
    await mkdir(path.join(folder, 'old'))
    await mkdir(path.join(folder, 'new'))
    await writeFile(path.join(folder, 'old/a.md'), 'The first paragraph stays.\n\nThe second paragraph goes.\n')
    await writeFile(path.join(folder, 'new/a.md'), 'The first paragraph stays.\n\nA new paragraph arrives here.\n')
    await cp(seedPath, path.join(folder, 'new/b.md'))
    const result = await galley(folder, 'diff', 'old', 'new', '--html', '--format', 'json')
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout) as DiffJson
    expect(json.summary.chapters.map((c) => [c.chapter, c.status])).toEqual([
      ['a.md', 'changed'],
      ['b.md', 'added']
    ])
    expect(json.summary.total.blocksRemoved).toBeGreaterThanOrEqual(1)
  })
})
