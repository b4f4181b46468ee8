// `galley stylesheet` on the seed: the choices the article makes, and the places it departs from them.
import {execFile} from 'node:child_process'
import {copyFile, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {toHtml} from 'hast-util-to-html'
import {build} from '../pipeline/build.ts'
import {metadataOf, parseManuscript, readManuscript} from '../pipeline/manuscript/read.ts'
import {editionDocument} from '../pipeline/render/document.ts'
import {sheetMarkdown, stylesheet, type StyleSheet} from '../pipeline/stylesheet.ts'

const bin = path.resolve('pipeline/bin.js')
const seed = 'manuscript/china-iran-military-relations.md'

const sectionOf = (sheet: StyleSheet, title: string) => sheet.sections.find((section) => section.title === title)!

describe('galley stylesheet', () => {
  it('lists the seed’s names with the variant found, its acronyms, its dialect and its quotes', async () => {
    const sheet = await stylesheet({cwd: process.cwd()})
    expect(sheet.title).toBe('China-Iran Military Relations')
    expect(sectionOf(sheet, 'Names').entries).toContainEqual({term: 'Wei Fenghe', count: 2, exceptions: [`${seed}:26:271 Wei Feng`]})
    expect(sectionOf(sheet, 'Acronyms').entries).toContainEqual({
      term: 'JCPOA: Joint Comprehensive Plan',
      count: 0,
      note: `first defined at ${seed}:12`,
      exceptions: [`${seed}:12:468 Joint Comprehensive Plan`]
    })
    expect(sectionOf(sheet, 'Spelling').about).toBe('en-US (the majority: 6 American, 0 British)')
    expect(sectionOf(sheet, 'Punctuation').entries[0]).toEqual({term: 'quotes: curly', count: 20})
  })

  it('writes Markdown a reader can commit, and JSON for tools', async () => {
    const run = promisify(execFile)
    const markdown = (await run(process.execPath, [bin, 'stylesheet'])).stdout
    const sheet = await stylesheet({cwd: process.cwd()})
    expect(markdown).toBe(sheetMarkdown(sheet))
    expect(markdown).toContain(`| Wei Fenghe | 2 |  | \`${seed}:26:271 Wei Feng\` |\n`)
    const json = JSON.parse((await run(process.execPath, [bin, 'stylesheet', '--format', 'json'])).stdout) as StyleSheet
    expect(json.sections.map((section) => section.title)).toEqual([
      'Spelling',
      'Terms no dictionary has',
      'Compounds',
      'Capitalised terms',
      'Names',
      'Acronyms',
      'Punctuation',
      'Numbers'
    ])
  })
})

/** The seed's HTML edition, built with `edition` as the config's. */
async function seedEdition(edition: Record<string, unknown>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-sheet-'))
  await mkdir(path.join(folder, 'manuscript'))
  await copyFile(path.resolve(seed), path.join(folder, seed))
  await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({edition, editions: [{format: 'html'}]}))
  const {written} = await build({cwd: folder})
  return readFile(path.join(folder, written[0]!), 'utf8')
}

describe('the style sheet in the HTML edition (edition.styleSheet)', () => {
  const names = '<tr><td>Wei Fenghe</td><td class="count">2</td><td></td><td><code>' + seed + ':26:271 Wei Feng</code></td></tr>'
  const irgc = `<tr><td>IRGC: Islamic Revolutionary Guard Corps</td><td class="count">3</td><td>first defined at ${seed}:8</td><td></td></tr>`

  it('is a page of its own after the chapters, in the contents, with the names and their exceptions, and the acronyms', async () => {
    const html = await seedEdition({styleSheet: 'page', toc: true})
    expect(html).toContain(
      '<section class="chapter style-sheet" id="style-sheet" data-title="Style sheet"><h1>Style sheet</h1><h2>Spelling</h2>'
    )
    expect(html).toContain('<a href="#style-sheet">Style sheet</a>')
    expect(html).toContain(
      '<h2>Names</h2><table><thead><tr><th>Form</th><th class="count">Uses</th><th>Notes</th><th>Exceptions</th></tr></thead>'
    )
    expect(html).toContain(names)
    expect(html).toContain(irgc)
    expect(html.indexOf('id="style-sheet"')).toBeGreaterThan(html.indexOf('id="chapter-1"'))
  })

  it('is a chapter of the print page too, after the chapters, for the PDF’s back matter', async () => {
    const manuscript = parseManuscript(await readManuscript({root: path.resolve('manuscript'), cwd: process.cwd()}))
    const sheet = await stylesheet({cwd: process.cwd()})
    const page = editionDocument({manuscript, metadata: metadataOf(manuscript)}).page('print', {styleSheet: {place: 'page', sheet}})
    const html = toHtml(page)
    expect(html).toContain('<section class="chapter style-sheet" id="style-sheet" data-title="Style sheet">')
    expect(html).toContain(names)
  })

  it('or a section of the colophon, under the revision stamp; and by default it is not there', async () => {
    const html = await seedEdition({styleSheet: 'colophon'})
    expect(html).toMatch(
      /<footer class="colophon"><p>Revision [^<]+<\/p><section class="style-sheet" aria-label="Style sheet"><h2>Style sheet<\/h2><h3>Spelling<\/h3>/
    )
    expect(html).toContain(names)
    expect(html).toContain(irgc)
    expect(await seedEdition({})).not.toMatch(/<section class="[^"]*style-sheet/)
  })
})
