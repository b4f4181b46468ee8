// The preflight of the printed PDF: a fixture that breaks every preflight rule once gets those
// findings, each with its page and its place in the manuscript, on the chapters' files like any
// rule's; the seed manuscript gets none. Each build prints with the real browser.
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build, type BuildResult} from '../../pipeline/build.ts'
import {loadConfig} from '../../pipeline/config/load.ts'
import {parseManuscript, readManuscript} from '../../pipeline/manuscript/read.ts'
import {preflight} from '../../pipeline/preflight/run.ts'
import {pageMargins} from '../../pipeline/render/page-css.ts'
import {typefacesOf} from '../../pipeline/render/theme.ts'

const fixture = path.resolve('tests/fixtures/preflight')
let out: string
let faults: BuildResult

const findingsOf = (result: BuildResult) =>
  result.files.flatMap((file) =>
    file.messages.filter((message) => message.ruleId?.startsWith('preflight-')).map((message) => ({file, message}))
  )

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'galley-preflight-'))
  faults = await build({cwd: fixture, out})
})
afterAll(() => rm(out, {recursive: true, force: true}))

describe('the preflight of a fixture that breaks every rule', () => {
  it('finds each fault once, on its page and at its place in the manuscript', () => {
    const found = findingsOf(faults)
      .filter(({message}) => message.ruleId !== 'preflight-font-fallback')
      .map(
        ({file, message}) =>
          `${file.path}:${message.line}:${message.column} ${message.ruleId} page ${(message as {data?: {page?: number}}).data?.page}`
      )
    expect(found.sort()).toEqual(
      [
        'manuscript/01-faults.md:10:1 preflight-heading-alone page 5',
        // The blank page has no text of its own: it is placed at the paragraph before it.
        'manuscript/01-faults.md:24:1 preflight-blank-page page 7',
        'manuscript/01-faults.md:14:1 preflight-overfull page 6',
        'manuscript/01-faults.md:18:1 preflight-image-resolution page 6',
        'manuscript/01-faults.md:6:1 preflight-contents page 3',
        // A paragraph that holds a cross-reference reads otherwise in the Markdown: its chapter is the place.
        'manuscript/03-refs.md:1:1 preflight-contents page 13',
        'manuscript/02-flow.md:104:1 preflight-orphan page 10',
        'manuscript/02-flow.md:6:1 preflight-widow page 10'
      ].sort()
    )
  })

  it('says what it found and what was expected, with the page', () => {
    const reasons = findingsOf(faults).map(({message}) => message.reason)
    expect(reasons).toContain(
      'Unexpected heading `A heading left behind` alone at the foot of page 5, expected the start of its section after it'
    )
    expect(reasons).toContain('Unexpected blank page 7, expected text on every page not left blank by the layout')
    expect(reasons).toContain('Unexpected page `15` for `Faults` in the contents on page 3, expected `5` (where the heading is printed)')
    expect(reasons).toContain(
      'Unexpected page `50` in the reference `“Faults”, p. 50` on page 13, expected `5` (where its target is printed)'
    )
    expect(reasons).toContain(
      'Unexpected image `The bay at dawn` at 143 ppi on page 6 (48 × 32 pixels printed 8 × 6 mm), expected at least 300 ppi'
    )
    expect(reasons).toContain(
      'Unexpected last line `The first verse, line 46.` of a paragraph alone at the top of page 10, expected at least two lines together'
    )
    expect(reasons).toContain(
      'Unexpected first line `The third verse, line 1.` of a paragraph alone at the foot of page 10, expected at least two lines together'
    )
    expect(reasons.find((reason) => reason.includes('Llanfair'))).toMatch(
      /^Unexpected line `Llanfairpwll\S+` passing the right edge of the text block by \d+\.\d pt on page 6, expected it inside the measure$/
    )
  })

  it('finds the Greek and Chinese the typefaces lack, whichever font of the machine set them or none did', () => {
    const fonts = findingsOf(faults).filter(({message}) => message.ruleId === 'preflight-font-fallback')
    expect(fonts.length).toBeGreaterThan(0)
    for (const {file, message} of fonts) {
      expect(`${file.path}:${message.line}:${message.column}`).toBe('manuscript/01-faults.md:16:1')
      expect(message.reason).toMatch(
        /^Unexpected (font `[^`]+` for `[^`]+`|\d+ missing glyphs? \(`\.notdef`\) in `[^`]+`|a missing glyph .*) on page 6, expected /
      )
    }
  })

  it('carries the rule id, source, documentation and severity of every rule, and leaves the blank versos of the layout alone', () => {
    for (const {message} of findingsOf(faults)) {
      expect(message).toMatchObject({source: 'galley', fatal: false, url: `https://github.com/galley-editions/galley#${message.ruleId}`})
    }
    // Pages 2 and 4 are blank on purpose, before the contents and the first chapter.
    expect(findingsOf(faults).filter(({message}) => message.ruleId === 'preflight-blank-page')).toHaveLength(1)
  })

  it('is silenced by a comment, as every rule is', () => {
    expect(findingsOf(faults).some(({message}) => message.reason.includes('Taumata'))).toBe(false)
  })

  it('takes its severities and options from the config', async () => {
    const config = await loadConfig(fixture)
    const manuscript = parseManuscript(await readManuscript({root: path.join(fixture, 'manuscript'), cwd: fixture}))
    const pdf = new Uint8Array(await readFile(path.join(out, 'preflight-faults.pdf')))
    const facts = {
      blanks: [2, 4],
      margins: pageMargins(config.edition),
      typefaces: typefacesOf(config.edition),
      notes: config.edition.notes
    }
    const rules = {'preflight-widow': 'off', 'preflight-orphan': 'error', 'preflight-image-resolution': ['warn', {minimum: 100}]}
    const found = await preflight(pdf, {manuscript, rules, facts})
    const byRule = (id: string) => found.filter(({message}) => message.ruleId === id)
    expect(byRule('preflight-widow')).toEqual([])
    expect(byRule('preflight-orphan').map(({message}) => message.fatal)).toEqual([true])
    expect(byRule('preflight-image-resolution')).toEqual([])
  })

  it('refuses the build when the config makes a finding an error, and writes nothing', async () => {
    const config = await loadConfig(fixture)
    const refusedOut = path.join(out, 'refused')
    await expect(build({cwd: fixture, out: refusedOut, config: {...config, rules: {'preflight-contents': 'error'}}})).rejects.toThrow(
      '2 errors in the manuscript; no editions built (use --force to build anyway)'
    )
    await expect(readdir(refusedOut)).rejects.toThrow()
  })
})

describe('preflight-note-page', () => {
  const notesFixture = path.resolve('tests/fixtures/render/notes')
  const facts = (edition: BuildResult['config']['edition']) => ({
    blanks: [],
    margins: pageMargins(edition),
    typefaces: typefacesOf(edition),
    notes: 'foot' as const
  })
  const check = async (notes: 'foot' | 'chapter-end') => {
    const base = await loadConfig(process.cwd())
    const config = {...base, edition: {...base.edition, pageSize: 'book' as const, notes}}
    const result = await build({path: notesFixture, out: path.join(out, notes), editions: ['pdf'], config})
    const manuscript = parseManuscript(await readManuscript({root: notesFixture, cwd: process.cwd()}))
    const pdf = new Uint8Array(await readFile(path.join(out, notes, 'notes-at-the-foot.pdf')))
    return {result, found: await preflight(pdf, {manuscript, rules: {}, facts: facts(config.edition)})}
  }

  it('finds every note at the foot of its call’s page when the print puts them there', async () => {
    const {result, found} = await check('foot')
    expect(found.filter(({message}) => message.ruleId === 'preflight-note-page')).toEqual([])
    expect(findingsOf(result).filter(({message}) => message.ruleId === 'preflight-note-page')).toEqual([])
  })

  it('reports each note that is not on its call’s page, with both pages and the call’s paragraph', async () => {
    // Notes printed at the chapter's end, read as if they were meant for the foot: all 18 are elsewhere.
    const {found} = await check('chapter-end')
    const notes = found.filter(({message}) => message.ruleId === 'preflight-note-page')
    expect(notes).toHaveLength(18)
    const first = notes[0]!.message
    expect(first.reason).toMatch(/^Unexpected note 1 on page \d+, expected at the foot of page 1 with its call$/)
    expect(`${notes[0]!.path}:${first.line}`).toBe('tests/fixtures/render/notes/01-ledger.md:9')
  })
})

describe('the preflight of the seed manuscript', () => {
  it('finds nothing on its pages', async () => {
    const seed = await build({cwd: process.cwd(), out: path.join(out, 'seed'), editions: ['pdf']})
    expect(seed.pages).toBeGreaterThan(1)
    expect(findingsOf(seed).map(({message}) => message.reason)).toEqual([])
  })
})
