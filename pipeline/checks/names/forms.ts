// Names across the manuscript: the runs of capitalised words every chapter gave, titles
// stripped, gathered into forms (one per spelling) with every use.
import {isEnglishWord} from '../dictionary.ts'
import {abbreviationBit, initialBit, nameBit, possessiveBit, type Lexicon, type Names} from './words.ts'
import {particles, stripTitles, type TitleTrie} from './titles.ts'

/** Offsets into the chapter's text, start inclusive, end exclusive: points are worked out only for findings. */
export interface Span {
  start: number
  end: number
}

/** A word of a name and where it stands; an abbreviation keeps its full stop (words.ts). */
export type Placed = Span & {text: string; abbreviation?: boolean}

export interface Occurrence {
  chapter: number
  place: Span
  /** Where each word of the name is, to point at a surname inside a full name. */
  tokens: Span[]
}

export interface Form {
  name: string
  words: string[]
  uses: Occurrence[]
  /** Reading order of the first use, across chapters. */
  first: number
}

/**
 * Runs of capitalised words, titles stripped, as forms with every use. A capital at the start
 * of a sentence counts for a word seen capitalised mid-sentence elsewhere, at least as often as
 * in lower case, and for a word the dictionary does not know in lower case: `Later Hussein Amir
 * Abdullah spoke` is about `Hussein Amir Abdullah`, and `Margaret Olsen wrote` about `Margaret
 * Olsen` though `Margaret` only ever opens sentences.
 */
export function collectForms(chapters: Names[], lexicon: Lexicon, titles: TitleTrie): Map<string, Form> {
  // Answered once per distinct word: sentences open with the same few words again and again.
  const proven = new Map<string, boolean>()
  const provenName = (text: string) => {
    let answer = proven.get(text)
    if (answer === undefined) {
      const mid = lexicon.capitalisedMid.get(text) ?? 0
      const lower = text.toLowerCase()
      answer = (mid > 0 && mid >= (lexicon.lowerCase.get(lower) ?? 0)) || !isEnglishWord(lower)
      proven.set(text, answer)
    }
    return answer
  }

  const forms = new Map<string, Form>()
  chapters.forEach(({words, spans, flags}, chapter) => {
    let run: Placed[] = []
    for (let index = 0; index <= words.length; index++) {
      const text = words[index]
      const flag = flags[index] ?? 0
      const inName =
        flag & nameBit
          ? !(flag & initialBit) || provenName(text!)
          : Boolean(text) && run.length > 0 && ((flags[index + 1] ?? 0) & nameBit) !== 0 && particles.has(text!)
      if (inName) {
        run.push({text: text!, start: spans[2 * index]!, end: spans[2 * index + 1]!, abbreviation: (flag & abbreviationBit) !== 0})
        if (!(flag & possessiveBit)) continue
      }
      if (run.length === 0) continue
      addUse(forms, stripTitles(run, titles), chapter)
      run = []
    }
  })
  return forms
}

function addUse(forms: Map<string, Form>, name: Placed[], chapter: number) {
  if (name.length === 0) return
  const words = name.map((token) => token.text)
  const tokens = name.map((token) => ({start: token.start, end: token.end}))
  // parse-english keeps the full stop after a short capitalised word (`Staf.`, `Corp.`) as if
  // it were an abbreviation; at the end of a name it is the sentence's, not the name's, unless
  // no sentence ends there (`Lond. as I heare`).
  const last = words.length - 1
  // The regular expression only for a word ending in a full stop: few do, and every name comes here.
  if (words[last]!.endsWith('.') && /^\p{L}{2,}\.$/u.test(words[last]!) && !name[last]!.abbreviation) {
    words[last] = words[last]!.slice(0, -1)
    tokens[last]!.end -= 1
  }
  const key = words.join(' ')
  let form = forms.get(key)
  if (!form) {
    form = {name: key, words, uses: [], first: forms.size}
    forms.set(key, form)
  }
  form.uses.push({chapter, place: {start: tokens[0]!.start, end: tokens[last]!.end}, tokens})
}
