// Where the print edition breaks what does not fit: a long address inside its line, a long
// table across pages with its header row repeated, code inside the measure.
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {inputOf, printPdf} from './print-input.ts'

const address = 'https://archives.example.org/collections/harbour-records/ledgers/1891-1902/volume-three/index.html'
const rows = Array.from({length: 70}, (_, index) => `| ${1850 + index} | ${(index * 37) % 400} ships | ${(index * 53) % 900} tons |`)
const longCode = `harbour${'Ledger'.repeat(40)}`
const markdown = [
  '---\ntitle: Breaking\nlang: en\n---\n',
  `The harbour master kept every ledger of the port, and the archive has them all at ${address} for anyone to read.\n`,
  `Inline code as long as a line: \`${longCode}\`.\n`,
  'The table of arrivals follows.\n',
  '| Year | Arrivals | Cargo |\n| --- | --- | --- |',
  ...rows,
  ''
].join('\n')

let browser: BrowserHandle
let folder: string
let pages: Array<{lines: string[]; rights: number[]}>

beforeAll(async () => {
  browser = await openBrowser({})
  folder = await mkdtemp(path.join(tmpdir(), 'galley-breaking-'))
  await writeFile(path.join(folder, 'a.md'), markdown)
  const pdf = (await printPdf(await inputOf(folder), {browser})).pdf
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  pages = []
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number)
    let line = ''
    const lines: string[] = []
    const rights: number[] = []
    let right = 0
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue
      line += item.str
      if (item.str.trim()) right = Math.max(right, item.transform[4] + item.width)
      if (item.hasEOL) {
        lines.push(line.trim())
        rights.push(right)
        line = ''
        right = 0
      }
    }
    lines.push(line.trim())
    rights.push(right)
    // Each line with the right edge of its last glyph; running heads and folios are lines too.
    const kept = lines.map((text, index) => ({text, right: rights[index]!})).filter((kept) => kept.text)
    pages.push({lines: kept.map((line) => line.text), rights: kept.map((line) => line.right)})
  }
  await doc.destroy()
})

afterAll(async () => {
  await browser?.close()
  if (folder) await rm(folder, {recursive: true, force: true})
})

test('breaks a long address inside its line instead of leaving a gap before it', () => {
  const lines = pages.flatMap((page) => page.lines)
  // The address starts on the line that holds the words before it.
  expect(lines.some((line) => /at https:\/\/archives/.test(line))).toBe(true)
  // Joined again, it is whole: no hyphen was added where it broke.
  expect(lines.join('')).toContain(address)
})

test('wraps long code inside the measure', () => {
  // The measure's right edge: where the first, justified line of the first paragraph ends.
  const page = pages.find((page) => page.lines.some((line) => line.startsWith('The harbour master')))!
  const measure = page.rights[page.lines.findIndex((line) => line.startsWith('The harbour master'))]!
  const code = page.lines.flatMap((line, index) => (/LedgerLedger/.test(line) ? [page.rights[index]!] : []))
  expect(code.length).toBeGreaterThan(1)
  for (const right of code) expect(right).toBeLessThanOrEqual(measure + 0.5)
})

test('breaks a long table across pages and repeats its header row on each', () => {
  const row = /^1[89]\d\d \d+ ships/
  const withTable = pages.filter((page) => page.lines.some((line) => row.test(line)))
  expect(withTable.length).toBeGreaterThan(1)
  for (const page of withTable) expect(page.lines.filter((line) => line === 'Year Arrivals Cargo')).toHaveLength(1)
  // The table starts on the page of the text before it: it is not pushed whole to the next.
  const first = pages.findIndex((page) => page.lines.includes('The table of arrivals follows.'))
  expect(pages[first]!.lines.some((line) => line.startsWith('1850'))).toBe(true)
  const years = withTable.flatMap((page) => page.lines.filter((line) => row.test(line)).map((line) => line.slice(0, 4)))
  expect(years).toEqual(rows.map((row) => row.slice(2, 6)))
})
