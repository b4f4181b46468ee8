// The check's content-hash cache: a re-check after an edit reuses every untouched chapter and
// still gives exactly the findings of a cold check, cross-file findings included.
import {mkdtemp, readFile, rm, writeFile, mkdir} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {brownChapters} from '../../pipeline/bench/corpus.ts'
import {check, type CheckOptions} from '../../pipeline/check.ts'
import {reporters} from '../../pipeline/reporters/index.ts'

let folder: string
const chapters = (await brownChapters()).slice(0, 12)

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'galley-cache-'))
  await mkdir(path.join(folder, 'manuscript'))
  for (const {name, markdown} of chapters) await writeFile(path.join(folder, 'manuscript', name), markdown)
})
afterEach(() => rm(folder, {recursive: true, force: true}))

/** The JSON report: every finding with its place, rule, text and related places. */
async function findings(options: CheckOptions = {}) {
  const result = await check({cwd: folder, jobs: 1, ...options, cache: options.cache === true ? 'cache-file' : options.cache})
  return {report: JSON.parse(reporters.json(result.files, {cwd: folder})), cache: result.cache}
}

const chapterPath = (index: number) => path.join(folder, 'manuscript', chapters[index]!.name)

/** The longest paragraph of a chapter: long enough to be compared, and found in no other chapter. */
async function longestParagraph(index: number): Promise<string> {
  const text = await readFile(chapterPath(index), 'utf8')
  return text
    .split('\n\n')
    .filter((block) => !block.startsWith('#') && !block.startsWith('---'))
    .sort((a, b) => b.length - a.length)[0]!
}

const repeats = (report: Array<{messages: Array<{ruleId: string}>}>) =>
  report.flatMap((file) => file.messages).filter((message) => message.ruleId === 'repeated-paragraph')

describe('the check cache', () => {
  it('re-checks only the edited chapter, and finds the duplicate the edit made in another chapter', async () => {
    const first = await findings({cache: true})
    expect(first.cache).toEqual({hits: 0, misses: chapters.length})
    const before = repeats(first.report).length

    // Chapter 9 gets a copy of chapter 2's longest paragraph: a cross-file duplicate whose
    // earlier half lives in a chapter the cache answers for.
    const copied = await longestParagraph(2)
    await writeFile(chapterPath(9), `${await readFile(chapterPath(9), 'utf8')}\n${copied}\n`)

    const warm = await findings({cache: true})
    expect(warm.cache).toEqual({hits: chapters.length - 1, misses: 1})
    const cold = await findings({cache: false})
    expect(cold.cache).toBeUndefined()
    expect(warm.report).toEqual(cold.report)

    const found = repeats(warm.report)
    expect(found).toHaveLength(before + 1)
    expect(JSON.stringify(found)).toContain(chapters[2]!.name)
  })

  it('drops the finding in the untouched chapter when the edit removes the duplicate again', async () => {
    const original = await readFile(chapterPath(9), 'utf8')
    await writeFile(chapterPath(9), `${original}\n${await longestParagraph(2)}\n`)
    const withCopy = repeats((await findings({cache: true})).report).length
    await writeFile(chapterPath(9), original)
    const warm = await findings({cache: true})
    // The cache kept chapter 9 as last checked, with the copy, so its original is checked afresh.
    expect(warm.cache).toEqual({hits: chapters.length - 1, misses: 1})
    expect(repeats(warm.report)).toHaveLength(withCopy - 1)
    expect(warm.report).toEqual((await findings()).report)
  })

  it('checks every chapter afresh when the rule settings change', async () => {
    await findings({cache: true})
    await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({rules: {'repeated-words': 'off'}}))
    expect((await findings({cache: true})).cache).toEqual({hits: 0, misses: chapters.length})
  })

  it('applies comment control to cached chapters', async () => {
    // A chapter that has findings, so that silencing them shows.
    const loud = (report: Array<{path: string; messages: unknown[]}>) => report.findIndex((file) => file.messages.length > 0)
    const index = loud((await findings()).report)
    expect(index).toBeGreaterThanOrEqual(0)
    await writeFile(chapterPath(index), `<!-- galley disable -->\n\n${await readFile(chapterPath(index), 'utf8')}`)
    await findings({cache: true})
    const warm = await findings({cache: true})
    expect(warm.cache?.hits).toBe(chapters.length)
    const silenced = warm.report.find((file: {path: string}) => file.path.endsWith(chapters[index]!.name))
    expect(silenced.messages).toEqual([])
    expect(warm.report).toEqual((await findings()).report)
  })

  it('lives in node_modules/.cache/galley of the npm project by default', async () => {
    await writeFile(path.join(folder, 'package.json'), '{"name": "book", "private": true}')
    await mkdir(path.join(folder, 'node_modules'))
    const first = await check({cwd: folder, jobs: 1, cache: true})
    expect(first.cache).toEqual({hits: 0, misses: chapters.length})
    expect((await readFile(path.join(folder, 'node_modules/.cache/galley/check'))).length).toBeGreaterThan(100)
    expect((await check({cwd: folder, jobs: 1, cache: true})).cache).toEqual({hits: chapters.length, misses: 0})
  })

  it('treats a damaged cache file as empty', async () => {
    const location = path.join(folder, 'my-cache')
    await writeFile(location, 'not a cache')
    const result = await findings({cache: 'my-cache'})
    expect(result.cache).toEqual({hits: 0, misses: chapters.length})
    expect(result.report).toEqual((await findings()).report)
    expect((await readFile(location)).length).toBeGreaterThan(100)
  })
})
