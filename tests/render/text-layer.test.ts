// The PDF's text as its readers get it: every word of the manuscript whole, in pdf.js and in the
// content streams read as an ActualText reader reads them; no soft hyphen; bookmarks that are the
// headings; and line-end breaks only where a typesetter would make them.
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Heading, Text} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {PDFDocument} from 'pdf-lib'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {contentTextOf} from '../pdf-content.ts'
import {outlineOf} from '../pdf-text.ts'
import {inputOf, printPdf, type Input} from './print-input.ts'

/** pdf.js's text: items joined, a new line where it says a line ends. */
async function pdfjsText(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  let text = ''
  for (let number = 1; number <= doc.numPages; number++) {
    for (const item of (await (await doc.getPage(number)).getTextContent()).items)
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '')
    text += '\n'
  }
  await doc.destroy()
  return text
}

const letters = /[\p{L}\p{M}\p{N}'’]+/gu

/** The words of the manuscript's prose: runs of letters, so a compound's parts are words of their own. */
function wordsOf(input: Input): Set<string> {
  const words = new Set<string>()
  for (const chapter of input.manuscript.chapters)
    visit(chapter.tree, 'text', (node: Text) => {
      for (const word of node.value.match(letters) ?? []) words.add(word)
    })
  return words
}

/**
 * The words of the extracted text. A hyphen that ends a line is either a break the typesetter
 * made, to be joined, or a compound's own, to be kept; both readings count, as a reader's
 * search tries both.
 */
function wordsIn(text: string): Set<string> {
  const joined = text.replace(/-\n/g, '')
  return new Set([...(joined.match(letters) ?? []), ...(text.match(letters) ?? [])])
}

/** Line ends where a word was broken: the part before, the part after, and the word. */
function breaksIn(text: string, words: Set<string>): Array<{before: string; after: string}> {
  return [...text.matchAll(/([\p{L}'’]+)-\n([\p{L}'’]+)/gu)]
    .map(([, before, after]) => ({before: before!, after: after!}))
    .filter(({before, after}) => words.has(before + after))
}

let browser: BrowserHandle

beforeAll(async () => {
  browser = await openBrowser({})
})

afterAll(async () => {
  await browser?.close()
})

describe.each([
  {name: 'the seed manuscript on A4', root: 'manuscript', edition: {}},
  {name: 'the three-chapter fixture as a 6 × 9 in book', root: 'tests/fixtures/render/long-book', edition: {pageSize: 'book' as const}}
])('$name', ({root, edition}) => {
  let input: Input
  let pdf: Uint8Array
  let words: Set<string>
  let pdfjs: string
  let content: string

  beforeAll(async () => {
    input = await inputOf(root, edition)
    pdf = (await printPdf(input, {browser})).pdf
    words = wordsOf(input)
    pdfjs = await pdfjsText(pdf)
    content = contentTextOf(await PDFDocument.load(pdf, {updateMetadata: false})).join('\n')
  })

  test('has no soft hyphen in its text, read either way', () => {
    expect(words.size).toBeGreaterThan(150)
    expect(pdfjs).not.toContain('\u00ad')
    expect(content).not.toContain('\u00ad')
  })

  test('has every word of the manuscript whole in pdf.js and in its content streams', () => {
    for (const [reader, text] of [
      ['pdf.js', pdfjs],
      ['content', content]
    ] as const) {
      const found = wordsIn(text)
      const missing = [...words].filter((word) => !found.has(word))
      expect({reader, missing}).toEqual({reader, missing: []})
    }
  })

  test('breaks words at a line end with three letters or more on each side, and never a name', () => {
    const breaks = breaksIn(pdfjs, words)
    expect(breaks.length).toBeGreaterThan(0)
    for (const {before, after} of breaks) {
      expect(before.length, `${before}-${after}`).toBeGreaterThanOrEqual(3)
      expect(after.length, `${before}-${after}`).toBeGreaterThanOrEqual(3)
      expect(before, `${before}-${after}`).toMatch(/^\p{Ll}/u)
    }
  })

  test('titles its bookmarks with the headings, spaced as written', async () => {
    const headings: string[] = []
    for (const chapter of input.manuscript.chapters) visit(chapter.tree, 'heading', (node: Heading) => void headings.push(toString(node)))
    const outline = await outlineOf(pdf)
    for (const heading of headings) expect(outline).toContain(heading)
  })
})

describe('typographic punctuation in the PDF', () => {
  const markdown = `---\ntitle: Quotes\nlang: en\n---\n\n"It's the keeper's ledger," she said -- 1990--95 --- and then... \`"code"\`\n`
  let folder: string
  let pdfjs: string

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'galley-quotes-'))
    await writeFile(path.join(folder, 'a.md'), markdown)
    pdfjs = await pdfjsText((await printPdf(await inputOf(folder), {browser})).pdf)
  })

  afterAll(async () => {
    await rm(folder, {recursive: true, force: true})
  })

  test('prints curly quotes, apostrophes, dashes and an ellipsis, code as typed, and leaves the Markdown unchanged', async () => {
    expect(pdfjs.replace(/\s+/g, ' ')).toContain('“It’s the keeper’s ledger,” she said – 1990–95 — and then… "code"')
    expect(await readFile(path.join(folder, 'a.md'), 'utf8')).toBe(markdown)
  })
})
