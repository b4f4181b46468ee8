// Faults for the word rules, injected into a real book with a fixed seed: in every chapter, one
// typing slip of each kind into a word of the language (spelling); one word respelled the other
// side of the Atlantic from the book's majority (inconsistent-spelling); and one compound the
// book always hyphenates closed up, and one word it always closes up hyphenated
// (inconsistent-hyphenation); and one term of two capitalised words that the book always
// capitalises mid-sentence, written in lower case (inconsistent-capitalisation). A slip must make a
// string neither dictionary has and the book never uses, so that it is a fault whatever the rules
// say; the respelled word is a counterpart both dictionaries agree on; a compound or a term must be
// used three times, so that the book's form is clear, and a term's words must be dictionary words,
// so that its lower case is a plausible slip, and never written in lower case in the book.
import {uniformInt} from 'pure-rand/distribution/uniformInt'
import {xoroshiro128plus} from 'pure-rand/generator/xoroshiro128plus'
import {inDictionary} from '../../checks/dictionary.ts'
import {marked} from '../../checks/words/dialect.ts'
import type {Corpus} from './corpora.ts'
import {apply, mutations, type Edit, type Injection, type Random} from './inject.ts'
import {injectStyle} from './style.ts'

export const slipKinds = ['transposition', 'missing', 'doubled', 'substitution'] as const
export const dialectKinds = ['other-side'] as const
export const compoundKinds = ['closed-up', 'hyphenated'] as const
export const capitalKinds = ['lower-cased'] as const

interface Word {
  text: string
  start: number
}

export function injectWords(corpus: Corpus, seed: number): {chapters: Corpus['chapters']; truth: Injection[]} {
  const generator = xoroshiro128plus(seed)
  const random: Random = (below) => uniformInt(generator, 0, below - 1)
  const chapters = corpus.chapters.map(({markdown}) => wordsOf(markdown))
  const vocabulary = new Set(chapters.flatMap((words) => words.map((word) => word.text.toLowerCase())))
  let us = 0
  let gb = 0
  for (const word of chapters.flat()) {
    const side = marked(word.text)?.side
    if (side === 'us') us++
    if (side === 'gb') gb++
  }
  const minority = us >= gb ? 'gb' : 'us'
  const compounds = chapters.map((_, chapter) => compoundsOf(corpus.chapters[chapter]!.markdown))
  const terms = corpus.chapters.map(({markdown}) => termsOf(markdown))
  const counts = new Map<string, number>()
  for (const word of [...chapters.flat(), ...compounds.flat(), ...terms.flat()]) counts.set(word.text, (counts.get(word.text) ?? 0) + 1)
  const text = corpus.chapters.map(({markdown}) => markdown).join('\n')
  const lowerCaseUsed = (term: string) => new RegExp(`(?<!\\p{L})${term.toLowerCase()}(?!\\p{L})`, 'u').test(text)
  const count = (text: string) => counts.get(text) ?? 0
  const edits: Edit[] = []
  // One injection per compound, so that the book's own form keeps its majority.
  const changed = new Set<string>()
  chapters.forEach((words, chapter) => {
    const taken = new Set<number>()
    const pick = (fits: (word: Word) => boolean): Word | undefined => {
      const fitting = words.filter((word) => !taken.has(word.start) && fits(word))
      const word = fitting.length > 0 ? fitting[random(fitting.length)] : undefined
      if (word) taken.add(word.start)
      return word
    }
    for (const kind of slipKinds) {
      for (let tries = 0; tries < 20; tries++) {
        const word = pick((one) => one.text.length >= 5 && inDictionary(one.text))
        const changed = word && mutations[kind]!(word.text, random)
        if (!word || !changed || vocabulary.has(changed) || inDictionary(changed) || inDictionary(changed, 'gb')) continue
        // Each slip once in the book: one made again and again is a term of it to the rule.
        vocabulary.add(changed)
        edits.push(edit(chapter, word, changed, 'spelling', kind))
        break
      }
    }
    const word = pick((one) => marked(one.text)?.side === (minority === 'gb' ? 'us' : 'gb'))
    if (word) edits.push(edit(chapter, word, marked(word.text)!.counterpart, 'inconsistent-spelling', 'other-side'))
    const fitting = compounds[chapter]!.filter(
      (one) => !changed.has(one.text) && count(one.text) >= 3 && count(one.text.replace('-', '')) === 0
    )
    const compound = fitting.length > 0 ? fitting[random(fitting.length)] : undefined
    if (compound) {
      changed.add(compound.text)
      edits.push(edit(chapter, compound, compound.text.replace('-', ''), 'inconsistent-hyphenation', 'closed-up'))
    }
    const closed = pick((one) => !changed.has(one.text) && one.text.length >= 7 && count(one.text) >= 3 && splitOf(one.text) !== undefined)
    const split = closed && splitOf(closed.text)!
    if (closed && split && count(split) === 0) {
      changed.add(closed.text)
      edits.push(edit(chapter, closed, split, 'inconsistent-hyphenation', 'hyphenated'))
    }
    const termFits = terms[chapter]!.filter((one) => !changed.has(one.text) && !taken.has(one.start) && count(one.text) >= 3)
    for (let tries = 0; tries < 5 && termFits.length > 0; tries++) {
      const term = termFits.splice(random(termFits.length), 1)[0]!
      if (lowerCaseUsed(term.text)) continue
      changed.add(term.text)
      taken.add(term.start)
      edits.push(edit(chapter, term, term.text.toLowerCase(), 'inconsistent-capitalisation', 'lower-cased'))
      break
    }
  })
  // The style faults go on lines of their own, so that no two faults meet.
  const lineOf = (edit: Edit) => `${edit.chapter}:${corpus.chapters[edit.chapter]!.markdown.lastIndexOf('\n', edit.start - 1) + 1}`
  edits.push(...injectStyle(corpus, random, new Set(edits.map(lineOf))))
  return apply(corpus, edits)
}

function edit(chapter: number, word: Word, text: string, rule: Injection['rule'], kind: string): Edit {
  return {
    chapter,
    start: word.start,
    end: word.start + word.text.length,
    text,
    injection: {kind, rule, control: false, original: word.text, injected: text}
  }
}

/** A closed-up word as two dictionary words of three letters or more hyphenated (`some-thing`), if it is one. */
function splitOf(word: string): string | undefined {
  for (let at = 3; at <= word.length - 3; at++)
    if (inDictionary(word.slice(0, at)) && inDictionary(word.slice(at))) return `${word.slice(0, at)}-${word.slice(at)}`
  return undefined
}

/** The chapter's hyphenated lower-case compounds of two words, placed as `wordsOf` places words. */
function compoundsOf(markdown: string): Word[] {
  const body = markdown.startsWith('---\n') ? markdown.indexOf('\n---\n', 4) + 5 : 0
  const words: Word[] = []
  for (const match of markdown.slice(body).matchAll(/(?<=[a-z,;] )[a-z]{2,}-[a-z]{2,}(?=[ ,;.])/g)) {
    const start = body + match.index
    if (markdown[markdown.lastIndexOf('\n', start) + 1] === '#') continue
    words.push({text: match[0], start})
  }
  return words
}

const joiners = new Set(['of', 'for', 'on', 'and'])
const generic = new Set(['a', 'an', 'another', 'any', 'each', 'every', 'no', 'some', 'such', 'own'])

/**
 * A chapter's terms of two capitalised words mid-sentence (`Green Forest`, `Father Brown`), each a
 * dictionary word in lower case and neither a function word: after a lower-case word that is not
 * generic (`a`, `any`) nor a joiner (`of`, `and`), and before a lower-case word or a comma,
 * semicolon or full stop, not a joiner followed by a capital; placed as `wordsOf` places words.
 */
function termsOf(markdown: string): Word[] {
  const body = markdown.startsWith('---\n') ? markdown.indexOf('\n---\n', 4) + 5 : 0
  const terms: Word[] = []
  const pattern = /(?<=(?:^|[ (])(\p{Ll}+),? )(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)(?=[,;]|\.(?!\p{L})| (\p{Ll}+)(?: (\p{Lu}))?)/gu
  for (const match of markdown.slice(body).matchAll(pattern)) {
    const [text, before, first, second, after, capital] = match as unknown as [string, string, string, string, string?, string?]
    const start = body + match.index
    if (markdown[markdown.lastIndexOf('\n', start) + 1] === '#') continue
    if (generic.has(before) || joiners.has(before) || (after && capital && joiners.has(after))) continue
    if (![first, second].every((word) => word.length >= 3 && inDictionary(word.toLowerCase()) && !functionWord.has(word.toLowerCase())))
      continue
    terms.push({text, start})
  }
  return terms
}

const functionWord = new Set(
  'the this that these those his her its their our your him she they them from with into onto upon about over under after before between through and but nor than what which who whom whose when where why how are was were been does did has have had not'.split(
    ' '
  )
)

/**
 * The lower-case words of a chapter's paragraphs that stand alone between spaces: not in a
 * heading, the frontmatter, a compound or any Markdown syntax, and not a sentence's first word.
 */
function wordsOf(markdown: string): Word[] {
  const body = markdown.startsWith('---\n') ? markdown.indexOf('\n---\n', 4) + 5 : 0
  const words: Word[] = []
  for (const match of markdown.slice(body).matchAll(/(?<=[a-z,;] )[a-z]+(?=[ ,;.])/g)) {
    const start = body + match.index
    if (markdown[markdown.lastIndexOf('\n', start) + 1] === '#') continue
    words.push({text: match[0], start})
  }
  return words
}
