// The floor of the PDF edition: the same chapters as plain HTML (remark-rehype, no CSS, no
// contents, no hyphenation, no finishing), printed once by the same Chromium through
// page.pdf. The bench drives Puppeteer itself here because the point is to bypass Galley.
//   node --import tsx pipeline/bench/bare-pdf.ts <folder> <out.pdf>
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import chromium from '@sparticuz/chromium'
import puppeteer from 'puppeteer-core'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'

const [folder, out] = process.argv.slice(2)
if (!folder || !out) throw new Error('usage: bare-pdf.ts <folder of .md files> <out.pdf>')

const toHtml = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).freeze()
const names = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort()
let body = ''
for (const name of names) {
  // The frontmatter is not text; the edition does not print it either.
  const markdown = (await readFile(path.join(folder, name), 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '')
  body += `<section>${String(await toHtml.process(markdown))}</section>\n`
}
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head><body>${body}</body></html>`

// The browser Galley would pick without a config: GALLEY_CHROME, else the bundled Chromium.
const executablePath = process.env.GALLEY_CHROME || (await chromium.executablePath())
const profile = await mkdtemp(path.join(os.tmpdir(), 'galley-bench-profile-'))
const browser = await puppeteer.launch({
  executablePath,
  headless: 'shell',
  pipe: true,
  timeout: 0,
  protocolTimeout: 0,
  args: [`--user-data-dir=${profile}`, '--disable-gpu', '--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])]
})
try {
  const page = await browser.newPage()
  await page.setContent(html, {waitUntil: 'load', timeout: 0})
  const pdf = await page.pdf({format: 'A4', timeout: 0})
  await writeFile(out, pdf)
  process.stdout.write(`${JSON.stringify({bytes: pdf.byteLength, version: await browser.version()})}\n`)
} finally {
  await browser.close()
  await rm(profile, {recursive: true, force: true})
}
