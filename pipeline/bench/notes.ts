// `npm run bench:notes`: what footnotes at the foot of the page cost the print. The Brown
// chapters get a note on every paragraph; the book is printed with its notes at each chapter's
// end and at the foot of their pages, as the PDF edition prints it (pageSize: book), each on a
// fresh browser. Options: --chapters N (default 100), --runs N (default 1).
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {configSchema} from '../config/schema.ts'
import {metadataOf, parseManuscript, readManuscript} from '../manuscript/read.ts'
import {openBrowser} from '../render/browser.ts'
import {editionDocument} from '../render/document.ts'
import {printTree} from '../render/print.ts'
import {printPageOptions} from '../render/settings.ts'
import {appendTheme, themeCss} from '../render/theme.ts'
import {writeBrownManuscript} from './corpus.ts'
import {median, seconds} from './table.ts'

const {values} = parseArgs({options: {chapters: {type: 'string', default: '100'}, runs: {type: 'string', default: '1'}}})
const chapters = Number(values.chapters)
const runs = Number(values.runs)
if (!(chapters >= 1) || !(runs >= 1)) throw new Error('--chapters and --runs take a whole number of at least 1')

const book = await withNotes(await writeBrownManuscript(chapters))
try {
  const count = (await readManuscript({root: book, cwd: book})).chapters.length
  process.stderr.write(`bench: ${count} chapters with a note on every paragraph\n`)
  console.log('| notes | pages | print (median) |\n| --- | --- | --- |')
  for (const mode of ['chapter-end', 'foot'] as const) {
    const times: number[] = []
    let pages = 0
    for (let run = 0; run < runs; run++) {
      const printed = await printOnce(book, mode)
      times.push(printed.ms)
      pages = printed.pages
    }
    console.log(`| \`${mode}\` | ${pages} | ${seconds(median(times))} |`)
  }
} finally {
  await rm(book, {recursive: true, force: true})
}

/** A copy of the chapters with a numbered note after every paragraph and their texts at the end. */
async function withNotes(folder: string): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'galley-bench-notes-'))
  for (const name of (await readdir(folder)).filter((file) => file.endsWith('.md'))) {
    const notes: string[] = []
    const blocks = (await readFile(path.join(folder, name), 'utf8')).split('\n\n').map((block) => {
      // Prose paragraphs only: not the frontmatter, headings, lists or tables.
      if (!/^[\p{L}"“‘'(]/u.test(block)) return block
      notes.push(`[^n${notes.length + 1}]: A note on paragraph ${notes.length + 1} of ${name}, with its source and how it was read.`)
      return `${block.trimEnd()}[^n${notes.length}]`
    })
    await writeFile(path.join(copy, name), `${blocks.join('\n\n')}\n\n${notes.join('\n\n')}\n`)
  }
  return copy
}

/** The PDF edition's print of `folder`, timed from the document to the finished file. */
async function printOnce(folder: string, notes: 'foot' | 'chapter-end'): Promise<{ms: number; pages: number}> {
  const manuscript = parseManuscript(await readManuscript({root: folder, cwd: folder}))
  const edition = configSchema.parse({edition: {pageSize: 'book', notes}}).edition
  const browser = await openBrowser({})
  try {
    const started = performance.now()
    const document = editionDocument({manuscript, metadata: metadataOf(manuscript)})
    const page = document.page('print', printPageOptions(edition))
    const printed = await printTree(
      appendTheme(page, themeCss(edition, folder)),
      {metadata: document.metadata, edition, timeout: 2 ** 31 - 1},
      {browser}
    )
    return {ms: performance.now() - started, pages: printed.pages}
  } finally {
    await browser.close()
  }
}
