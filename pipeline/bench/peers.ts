// Peers for `--peers`: another Markdown-to-PDF tool printing the same chapters with the same
// Chromium. md-to-pdf is the one we know of; it depends on the full `puppeteer`, whose install
// downloads a browser, so it is installed apart from Galley's own dependencies, into the bench
// cache, with that download skipped and our Chromium passed through its launch options.
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import chromium from '@sparticuz/chromium'
import {cacheFolder} from './corpus.ts'
import {measureNode, type Measured} from './measure.ts'

export const peer = 'md-to-pdf@5.2.5'
const prefix = path.join(cacheFolder, 'peers')
const cli = path.join(prefix, 'node_modules/md-to-pdf/dist/cli.js')

/** Installs the peer once; the reason it cannot be used otherwise. */
export async function preparePeer(): Promise<string | undefined> {
  if (existsSync(cli)) return undefined
  await mkdir(prefix, {recursive: true})
  try {
    await promisify(execFile)('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, peer], {
      env: {...process.env, PUPPETEER_SKIP_DOWNLOAD: '1'},
      timeout: 600_000
    })
  } catch (error) {
    return `npm install ${peer} failed: ${((error as {stderr?: string}).stderr || (error as Error).message).trim().split('\n').slice(-1)[0]}`
  }
  return existsSync(cli) ? undefined : `npm install ${peer} did not install its command line (${cli})`
}

/** The whole folder as one Markdown file, which is what md-to-pdf takes. */
async function joinChapters(folder: string, into: string): Promise<string> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort()
  const parts = await Promise.all(names.map((name) => readFile(path.join(folder, name), 'utf8')))
  const file = path.join(into, 'book.md')
  await writeFile(file, parts.map((text) => text.replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n'))
  return file
}

export async function measurePeer(folder: string, work: string): Promise<Measured & {pdf: string}> {
  const book = await joinChapters(folder, work)
  const executablePath = process.env.GALLEY_CHROME || (await chromium.executablePath())
  const launch = {
    executablePath,
    headless: 'shell',
    args: ['--disable-gpu', '--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])]
  }
  const measured = await measureNode([cli, book, '--launch-options', JSON.stringify(launch)], {cwd: work, sampleTree: true})
  return {...measured, pdf: book.replace(/\.md$/, '.pdf')}
}
