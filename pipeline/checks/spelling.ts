// `spelling`: a word that is in neither English dictionary (dictionary.ts) and is one slip from
// a word that is (`adminstration`, `gruonded`), with those words as `expected`. Across the
// manuscript, as a copy editor reads a book:
// - a term the book uses again and again (`nlcst`) is learned and left alone, and a word seen
//   once that is one slip from a learned term is reported against that term;
// - a rare word made of dictionary words (`midmorning`, `unmeritorious`, `gettin`) is left alone,
//   and so are two unknown words side by side (`nolo contendere`);
// - unless `unknownWords` asks, so is a word that is no slip of any: rare, dialect and foreign
//   words are most of what a dictionary lacks in a real book;
// - capitalised words mid-sentence are names, inconsistent-name's to compare.
// Which of the two English spellings a word has is inconsistent-spelling's.
//
// retext-spell does the dictionary part for one file at a time; it is not used because it
// reports every unknown word of a file as it meets it, before the rest of the book can say
// whether the word is a term the book uses, and its suggestions cost tens of milliseconds a word.
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {crossFileRule} from './cross-file.ts'
import type {SheetSection} from './rule.ts'
import {exceptionsTo} from './sheet.ts'
import {nearest, swapped} from './words/near.ts'
import {positionOf, type Span} from './words/place.ts'
import {slipFinder} from './words/slips.ts'
import {collectUnknown, type Unknown, type Unknowns} from './words/unknown.ts'

export const options = z.strictObject({
  /** The project's own words, accepted as written and, in lower case, capitalised too (`nspell`, `Galley`). */
  words: z.array(z.string().min(1)).default([]),
  /** How many uses make a word the dictionary lacks a term of the book, never reported. */
  learnAt: z.number().int().min(2).default(2),
  /** Also report words that are no slip of a known word, as a classic spell checker does. */
  unknownWords: z.boolean().default(false),
  /** The most suggestions a finding offers. */
  suggestions: z.number().int().min(1).max(10).default(3)
})
type Settings = z.output<typeof options>

interface Finding {
  use: Unknown
  expected: string[]
  /** The learned term the word is a slip of, with its uses and its first use. */
  term?: {word: string; uses: number; chapter: number; place: Span}
}

interface Use {
  chapter: number
  use: Unknown
}

/** A sentence's first word is reported only when its slip is a word the book uses this often: otherwise it is likelier a name. */
const commonWord = 10
/** A word used this often is a term of the book whatever it is one slip of (`lettres` in `belles lettres`). */
const plainTerm = 5
/** A slip of a word the book uses this often is a slip, whatever other words it is a slip of. */
const commonSlip = 100

export const rule = crossFileRule({
  id: 'spelling',
  summary: 'A word in no English dictionary that is one slip from a word in one, or from a term the manuscript uses.',
  options,
  collect: (tree, file, settings: Settings) => collectUnknown(tree, file, new Set(settings.words)),
  analyse,
  report,
  sheet
})

/** The terms the book uses that no dictionary has, most used first, with the slips of each. */
function sheet(chapters: Unknowns[], settings: Settings, _manuscript: unknown, findings: VFileMessage[]): SheetSection {
  const {uses, learned} = learn(chapters, settings)
  const entries = [...learned]
    .map((key) => ({key, list: uses.get(key)!}))
    .sort((one, other) => other.list.length - one.list.length)
    .map(({key, list}) => ({term: list[0]!.use.word, count: list.length, exceptions: exceptionsTo(findings, key)}))
  const house = {words: [...new Set([...settings.words, ...entries.map((entry) => entry.term)])]}
  return {
    title: 'Terms no dictionary has',
    about: `learned from ${settings.learnAt} uses; add any to \`words\` to keep them`,
    entries,
    house
  }
}

/** The book's words: every unknown word's uses, the known words' counts, and the terms it has learned. */
function learn(chapters: Unknowns[], settings: Settings) {
  // Every use of each word by its lower-case form; names count towards their own learning.
  const uses = new Map<string, Use[]>()
  const vocabulary = new Map<string, number>()
  chapters.forEach((features, chapter) => {
    for (const use of features.unknown) {
      const key = use.word.toLowerCase()
      const list = uses.get(key)
      if (list) list.push({chapter, use})
      else uses.set(key, [{chapter, use}])
    }
    for (const [word, count] of features.vocabulary) vocabulary.set(word, (vocabulary.get(word) ?? 0) + count)
  })
  const inBook = (word: string) => vocabulary.get(word) ?? 0
  const slips = new Map<string, string[]>()
  let slipsInBook: ((word: string) => string[]) | undefined
  /** The words the book uses (and the dictionary words swapped) that a word is one slip of. */
  const slipsFor = (use: Unknown): string[] => {
    const key = use.word.toLowerCase()
    let found = slips.get(key)
    if (!found) {
      slipsInBook ??= slipFinder(vocabulary.keys())
      slips.set(key, (found = [...new Set([...use.swaps, ...slipsInBook(key)])]))
    }
    return found
  }
  // A word used again and again is a term of the book, unless it is plainly a slip made more
  // than once: swapped letters of a word the book uses, or a slip of a word used ten times as often.
  const isTerm = (key: string, list: Use[]) => {
    if (list.length < settings.learnAt) return false
    if (list.length >= plainTerm) return true
    const likely = likelySlips(list[0]!.use, slipsFor(list[0]!.use), inBook)
    return likely.length === 0 || (!swapped(key, likely[0]!) && inBook(likely[0]!) < 10 * list.length)
  }
  const terms = [...uses].filter(([key, list]) => isTerm(key, list))
  // Most used first, so that a slip of two terms is reported against the one the book uses more.
  const near = nearest(terms.sort(([, one], [, other]) => other.length - one.length).map(([key]) => key))
  const learned = new Set(terms.map(([key]) => key))
  return {uses, inBook, slipsFor, near, learned}
}

function analyse(chapters: Unknowns[], settings: Settings): Finding[][] {
  const {uses, inBook, slipsFor, near, learned} = learn(chapters, settings)
  const findings: Finding[][] = chapters.map(() => [])
  for (const [key, list] of uses) {
    if (learned.has(key)) continue
    for (const {chapter, use} of list) {
      // A capital mid-sentence makes a name: inconsistent-name compares those.
      if (!use.initial && use.word !== key) continue
      const termKey = near(key)
      const term = termKey === undefined ? undefined : uses.get(termKey)!
      if (termKey && term && isSlipOfTerm(use, termKey, term)) {
        const word = matchCase(termKey, use.word)
        const first = term[0]!
        findings[chapter]!.push({use, expected: [word], term: {word, uses: term.length, chapter: first.chapter, place: first.use}})
        continue
      }
      const likely = likelySlips(use, slipsFor(use), inBook)
      if (likely.length > 0) {
        findings[chapter]!.push({use, expected: likely.slice(0, settings.suggestions).map((word) => matchCase(word, use.word))})
      } else if (settings.unknownWords && !use.parts && !isName(list)) {
        findings[chapter]!.push({use, expected: []})
      }
    }
  }
  return findings
}

/**
 * Whether a word seen once is a slip of a term the book uses: not when the term is a name (used
 * capitalised only) or one is the other's plural (`ethicists`, `ethicist`), and not when the
 * word is made of dictionary words (`talkin`, beside a learned `takin`) unless the letters of the
 * term are swapped in it.
 */
function isSlipOfTerm(use: Unknown, key: string, term: Use[]): boolean {
  const word = use.word.toLowerCase()
  if (!term.some(({use}) => use.word === key)) return false
  if ([`${key}s`, `${key}es`].includes(word) || [`${word}s`, `${word}es`].includes(key)) return false
  return !use.parts || swapped(word, key)
}

/**
 * The words an unknown word is likely a slip of, most used in the book first; none when it is
 * likelier a word of its own. Weighed on the Brown corpus and Moby-Dick (`npm run accuracy --
 * --suite words`):
 * - two letters of a word the book uses swapped (`wheer`, `recieve`) is a slip: a swap rarely
 *   makes another word;
 * - otherwise a slip of a word the book never uses, or of several that it uses about as often
 *   (`diem`: `dim`, `die`, `died`), is likelier a rare word than a slip; one it uses five times
 *   as often as any other (`recnt`: `recent`, not `recant`), or a hundred times, is the slip;
 * - a stem with an affix (`demander`, `literalism`) is a word, unless it is a slip of a word used
 *   a hundred times with the same first letter (`presure`); two words closed up
 *   (`discourged`: `disco` and `urged`) are one only when no slip is plainly meant;
 * - words under four letters are slips only as a swap of a common word (`teh`);
 * - a capitalised first word of a sentence is likelier a name (`Estep`, `Diron`, `Hotei`),
 *   unless its slip keeps its first letter, is a common word, and is a swap or a slip of a long
 *   word (`Futhermore`).
 */
function likelySlips(use: Unknown, candidates: string[], inBook: (word: string) => number): string[] {
  const key = use.word.toLowerCase()
  const slips = candidates.filter((slip) => !use.parts?.includes(slip)).sort((one, other) => inBook(other) - inBook(one))
  const used = slips.filter((slip) => inBook(slip) > 0)
  const top = used[0]
  const swap = slips.find((slip) => swapped(key, slip))
  if (use.word !== key) {
    const plain = swap === top || (key.length >= 6 && !use.parts)
    return top && top[0] === key[0] && inBook(top) >= commonWord && plain ? [top] : []
  }
  // A short text says little about which words are common; swapped letters are a slip anyway.
  const plainSwap = swap && (key.length >= 4 ? inBook(swap) > 0 || key.length >= 6 : key.length === 3 && inBook(swap) >= commonSlip)
  if (plainSwap) return [swap, ...used.filter((slip) => slip !== swap)]
  if (!top || key.length < 4) return []
  // A derived word beside a very common word with its first letter (`presure`: `pre` and `sure`, or `pressure`).
  // Speech written as heard (`bein`, `takin`) is no slip, however common the word it is near.
  const spoken = use.parts?.[0] === `${key}g` || `${use.parts?.[0]}a` === key
  if (use.affixed) return !spoken && inBook(top) >= commonSlip && top[0] === key[0] ? [top] : []
  const second = used[1]
  const dominant = !second || inBook(top) >= 5 * inBook(second)
  return dominant || (!use.parts && (used.length <= 2 || inBook(top) >= commonSlip)) ? used : []
}

/** Whether a word is used capitalised mid-sentence, as a name is. */
function isName(list: Use[]): boolean {
  return list.some(({use}) => !use.initial && use.word !== use.word.toLowerCase())
}

/** The term as the slip writes its first letter: `Teh` at a sentence's start expects `The`. */
function matchCase(term: string, slip: string): string {
  const capital = slip[0] !== slip[0]!.toLowerCase() && term[0] === term[0]!.toLowerCase()
  return capital ? term[0]!.toUpperCase() + term.slice(1) : term
}

function report(file: VFile, finding: Finding, files: VFile[]): void {
  const {use, expected, term} = finding
  const place = positionOf(file, use)
  let message: VFileMessage
  if (term) {
    const termFile = files[term.chapter]!
    const reason = `\`${term.word}\` first used here`
    const cause = new VFileMessage(reason, {place: positionOf(termFile, term.place)})
    cause.file = termFile.path
    message = file.message(`Unexpected \`${use.word}\`, expected \`${term.word}\` (used ${term.uses} times)`, {place, cause})
    const {line, column} = cause
    Object.assign(message, {data: {kind: 'slip-of-term', related: [{path: termFile.path, line, column, reason}]}})
  } else {
    const offer = expected.length > 0 ? `expected for example ${expected.map((word) => `\`${word}\``).join(', ')}` : 'expected a known word'
    message = file.message(`Unexpected unknown word \`${use.word}\`, ${offer}`, {place})
    Object.assign(message, {data: {kind: expected.length > 0 ? 'slip' : 'unknown'}})
  }
  message.actual = use.word
  message.expected = expected
}
