// The variants inconsistent-name reports, each with the spelling it is reported against:
// full names that differ in one word, names written with a hyphen and with a space, and single
// words (a name used alone, or any word of a longer name) spelled two ways.
import {isEnglishWord} from '../dictionary.ts'
import {isFirstName} from './first-names.ts'
import type {Form, Occurrence, Span} from './forms.ts'
import {similarPairs, type Difference} from './spelling.ts'
import {particles} from './titles.ts'

export interface Variant {
  actual: string
  /** The uses of `actual` to report. */
  reported: Occurrence[]
  actualUses: number
  expected: string
  expectedUses: number
  firstUse: Occurrence
  difference: Difference
}

/** Words of the book's lexicon that are ordinary words whatever their capital says (State, Along). */
export type Ordinary = (word: string) => boolean

interface Spelling {
  uses: number
  first: Occurrence
}

/**
 * Which of two spellings the manuscript prefers: more uses, then the one used first. Length
 * decides nothing: the longer of `Getsler` and `Gettsler` is the typo. A tie is reported as a
 * name spelled two ways, offering both.
 */
function beats(a: Spelling, b: Spelling): boolean {
  if (a.uses !== b.uses) return a.uses > b.uses
  return before(a.first, b.first)
}

function before(a: Occurrence, b: Occurrence): boolean {
  return spanBefore(a.place, a.chapter, b)
}

/** Whether a word at `span` in `chapter` comes before an occurrence. */
function spanBefore(span: Span, chapter: number, b: Occurrence): boolean {
  return chapter !== b.chapter ? chapter < b.chapter : span.start < b.place.start
}

/**
 * Whether the counts bear a difference out. A slip is rare beside the right spelling: used once
 * or twice, or far less often than the other. Two spellings each used often are two names
 * (`Barnard`, `Bernard`) unless one is used four times as often. A different ending can make a
 * new word (`Raybur`, `Rayburn`; but `Steele`, `Steelers`): the rarer form used once or twice
 * and, for a word alone, the other at least twice as often; the rest of a full name is evidence
 * enough for a tie (`Wei Feng`, `Wei Fenghe`).
 */
function convincing(difference: Difference, winner: number, loser: number, fullName = false): boolean {
  if (difference.kind === 'truncation') return loser <= 2 && winner >= (fullName ? 1 : 2) * loser
  return loser <= 2 || winner >= 4 * loser
}

const spellingOf = (form: Form): Spelling => ({uses: form.uses.length, first: form.uses[0]!})

/**
 * Names of two or more words that differ in exactly one word, that word spelled alike
 * (`Wei Feng`, `Wei Fenghe`). Names are blocked by the rest of their words, so only names that
 * could differ in one word are ever compared. Each losing spelling gets its best rival.
 */
export function fullNameVariants(forms: Map<string, Form>, accepted: Set<string>, ordinary: Ordinary): Variant[] {
  const blocks = new Map<string, Form[]>()
  for (const form of forms.values()) {
    if (form.words.length < 2) continue
    for (let index = 0; index < form.words.length; index++) {
      const rest = form.words.map((word, at) => (at === index ? '\u0000' : word)).join(' ')
      const block = blocks.get(rest)
      if (block) block.push(form)
      else blocks.set(rest, [form])
    }
  }

  const best = new Map<Form, {winner: Form; difference: Difference}>()
  for (const [rest, block] of blocks) {
    if (block.length < 2) continue
    const index = rest.split(' ').indexOf('\u0000')
    const byWord = new Map(block.map((form) => [form.words[index]!, form]))
    const words = [...byWord.keys()]
    // The rest of the name is the evidence: two surnames the dictionary knows are still two
    // spellings when the first name is the same (`Margaret Olsen`, `Margaret Olson`), and an
    // ordinary word may be the right one (`Fort Worth`, `Fort Worht`), though never the variant.
    for (const [one, other, difference] of similarPairs(words, words, isEnglishWord, true)) {
      const a = byWord.get(one)!
      const b = byWord.get(other)!
      const [winner, loser] = beats(spellingOf(a), spellingOf(b)) ? [a, b] : [b, a]
      if (ordinary(loser.words[index]!)) continue
      if (accepted.has(loser.name) || !convincing(difference, winner.uses.length, loser.uses.length, true)) continue
      const previous = best.get(loser)
      if (!previous || beats(spellingOf(winner), spellingOf(previous.winner))) best.set(loser, {winner, difference})
    }
  }
  return [...best].map(([loser, {winner, difference}]) => formVariant(loser, winner, difference))
}

function formVariant(loser: Form, winner: Form, difference: Difference): Variant {
  return {
    actual: loser.name,
    reported: loser.uses,
    actualUses: loser.uses.length,
    expected: winner.name,
    expectedUses: winner.uses.length,
    firstUse: winner.uses[0]!,
    difference
  }
}

/**
 * Names written with a hyphen, with a space and closed up (`Taft-Hartley`, `Taft Hartley`;
 * `Indo-China`, `Indochina`), wherever they stand in a longer name: a hyphenated word of one
 * name against the same two words side by side in any name, and against one word with the same
 * letters. The spaced and hyphenated forms must agree in case; a closed form may not, as the
 * second part's capital goes with the hyphen.
 */
export function hyphenVariants(forms: Map<string, Form>, accepted: Set<string>): Variant[] {
  const written = new Map<string, {name: string; uses: Occurrence[]}>()
  const add = (key: string, name: string, use: Occurrence) => {
    const entry = written.get(key)
    if (entry) entry.uses.push(use)
    else written.set(key, {name, uses: [use]})
  }
  const hyphens = /[-\u2010\u2011]/u
  const hyphenated = new Set<string>()
  for (const form of forms.values()) for (const word of form.words) if (hyphens.test(word)) hyphenated.add(word)
  // Only the spellings some hyphenated word could take are gathered: most words take none.
  const wanted = new Set<string>()
  // The first words of the wanted pairs: a pair's key is built only for a word that starts one.
  const pairStarts = new Set<string>()
  for (const word of hyphenated) {
    const parts = word.split(hyphens)
    wanted.add(`pair ${parts.join(' ')}`).add(`closed ${parts.join('').toLowerCase()}`)
    pairStarts.add(parts[0]!)
  }
  // A word's own keys (`word`, `closed`) are worked out once per distinct word, not per form.
  const ownKeys = new Map<string, string[]>()
  for (const form of forms.values()) {
    form.words.forEach((word, index) => {
      let keys = ownKeys.get(word)
      if (!keys) {
        const closed = `closed ${word.toLowerCase()}`
        ownKeys.set(word, (keys = [hyphenated.has(word) ? `word ${word}` : '', wanted.has(closed) ? closed : ''].filter(Boolean)))
      }
      const pair = pairStarts.has(word) ? `pair ${word} ${form.words[index + 1]}` : ''
      if (wanted.has(pair)) keys = [...keys, pair]
      for (const key of keys) {
        for (const use of form.uses) {
          const place = use.tokens[index]!
          const next = use.tokens[index + 1]
          const occurrence = key.startsWith('pair')
            ? {chapter: use.chapter, place: {start: place.start, end: next!.end}, tokens: [place, next!]}
            : {chapter: use.chapter, place, tokens: [place]}
          add(key, key.startsWith('pair') ? `${word} ${form.words[index + 1]}` : word, occurrence)
        }
      }
    })
  }
  const variants: Variant[] = []
  for (const word of hyphenated) {
    const parts = word.split(/[-\u2010\u2011]/u)
    const spellings = [`word ${word}`, `pair ${parts.join(' ')}`, `closed ${parts.join('').toLowerCase()}`].flatMap((key) => {
      const entry = written.get(key)
      if (!entry) return []
      const first = entry.uses.reduce((one, use) => (before(use, one) ? use : one))
      return [{...entry, spelling: {uses: entry.uses.length, first}}]
    })
    if (spellings.length < 2) continue
    const winner = spellings.reduce((best, one) => (beats(one.spelling, best.spelling) ? one : best))
    for (const loser of spellings) {
      if (loser === winner || accepted.has(loser.name)) continue
      variants.push({
        actual: loser.name,
        reported: loser.uses,
        actualUses: loser.uses.length,
        expected: winner.name,
        expectedUses: winner.uses.length,
        firstUse: winner.spelling.first,
        difference: {kind: 'hyphenation', edits: 1}
      })
    }
  }
  return variants
}

/**
 * Whether a spelling used once, far from the chapters of the name, is still a slip of it: a
 * keyboard's slip of a word of five letters or more, or, where the dictionary knows the name and
 * not the spelling, the name cut short (`Tahit`, `Willia`) or, standing alone as the name does,
 * run on by a letter (`Englande`). A letter changed is not enough there: `Moller` and `Miller`
 * are as often two names.
 */
function lone(loser: string, winner: string, difference: Difference, uses: number, alone: boolean): boolean {
  if (uses !== 1 || Math.max(loser.length, winner.length) < 5) return false
  if (slips.has(difference.kind)) return true
  if (difference.kind !== 'truncation' || !isEnglishWord(winner) || isEnglishWord(loser)) return false
  return loser.length < winner.length ? loser.length >= 5 : alone
}

/**
 * Whether a word longer than a name is a word made from it rather than a slip: a keyboard runs
 * one letter on, but a longer ending is a suffix (`Adamson`, `Katangans`, `Rousseauan`), and so
 * is one of `-n`, `-y` or `-s` (`Katangan`, `Englishy`, `Pohly`), or the `-a` or `-o` of a
 * Latin or Romance form (`Atlantica`, `Ferdinando`).
 */
function derived(loser: string, winner: string): boolean {
  return loser.length > winner.length + 1 || (loser.length > winner.length && /[nysao]$/.test(loser))
}

/**
 * Differences a keyboard makes and a different name of the same sound rarely shows: `Geroge`,
 * `Calude`, `Müller` and `Muller`. Other names differ by a vowel or a doubled letter
 * (`Haughton`, `Houghton`; `Masson`, `Mason`).
 */
const slips = new Set(['transposition', 'missing-letter', 'doubled-letter', 'diacritics'])

/** Where a word stands in the names it is part of. */
type Role = 'alone' | 'first' | 'middle' | 'last'

/**
 * Whether a rarer word stands where the commoner one does, as one name would: a first word
 * where the other is a first word or stands alone but never ends a name (`Chinesse Society`,
 * `Chinese`), a surname where the other is a surname or stands alone. A word alone may be
 * either. `Paine Knickerbocker` is not `Payne`, though the two sound alike.
 */
function sameRole(loser: Set<Role>, winner: Set<Role>): boolean {
  for (const role of loser) {
    if (role === 'first' && !winner.has('first') && !(winner.has('alone') && !winner.has('last'))) return false
    if (role === 'last' && !winner.has('last') && !winner.has('alone')) return false
  }
  return true
}

/**
 * Single words spelled two ways: a name used alone (`Purtland`, `Portland`), a surname alone
 * against the same word in full names (`Soleima`, `Qassem Soleimani`), or one word of two
 * longer names that differ in more. Every word of every name is counted wherever it stands.
 * A word the dictionary knows in lower case is never the variant (`Southwest` of `Southeast`,
 * `Bide` of `Biden`), and initials, particles, and the words of names the config accepts or
 * ignores are left out. The rarer
 * spelling is reported against the commoner one, which must have been used at least twice; two
 * spellings used once each are two names as often as one.
 */
export function wordVariants(
  forms: Map<string, Form>,
  settled: {accepted: Set<string>; ignored: Set<string>},
  ordinary: Ordinary
): Variant[] {
  // Counted first, placed later: only the few words that turn out to be variants need their uses.
  const words = new Map<string, WordCount>()
  let chapterCount = 0
  for (const form of forms.values()) {
    form.words.forEach((word, index) => {
      if (word.length < 3 || word.endsWith('.') || particles.has(word)) return
      const role: Role = form.words.length === 1 ? 'alone' : index === 0 ? 'first' : index === form.words.length - 1 ? 'last' : 'middle'
      let entry = words.get(word)
      if (!entry) words.set(word, (entry = {uses: 0, first: at(form.uses[0]!, index), roles: new Set(), forms: []}))
      entry.roles.add(role)
      if (entry.forms.at(-1)?.[0] !== form) entry.forms.push([form, index])
      entry.uses += form.uses.length
      for (const use of form.uses) {
        if (spanBefore(use.tokens[index]!, use.chapter, entry.first)) entry.first = at(use, index)
        chapterCount = Math.max(chapterCount, use.chapter + 1)
      }
    })
  }
  const left = new Set([...settled.accepted, ...settled.ignored].flatMap((name) => name.split(' ')))
  const candidates = [...words.keys()].filter((word) => !left.has(word) && !ordinary(word))

  const best = new Map<string, {winner: string; difference: Difference}>()
  for (const [one, other, difference] of similarPairs(candidates, candidates, isEnglishWord)) {
    const [winner, loser] = beats(words.get(one)!, words.get(other)!) ? [one, other] : [other, one]
    const [right, wrong] = [words.get(winner)!, words.get(loser)!]
    // A word of the language is not a slip for a name (`Bide`, `Biden`), whatever its capital says.
    if (right.uses < 2 || isEnglishWord(loser.toLowerCase()) || !convincing(difference, right.uses, wrong.uses)) continue
    if (!sameRole(wrong.roles, right.roles)) continue
    if (difference.kind === 'truncation' && derived(loser, winner)) continue
    const previous = best.get(loser)
    if (!previous || beats(right, words.get(previous.winner)!)) best.set(loser, {winner, difference})
  }
  // A slip sits where the name is being written about: in a chapter that uses the right
  // spelling too, unless that spelling runs through the book. Elsewhere a near name is more
  // often another person (`Anders` in one chapter, `Anderson` in another).
  const variants: Variant[] = []
  for (const [loser, {winner, difference}] of best) {
    const [right, wrong] = [words.get(winner)!, words.get(loser)!]
    const chapters = new Set(placesOf(right).map((use) => use.chapter))
    // A word of the language offered as a name in one name only may be that name's own word
    // (`Person To Person`): its variants count only beside it, in its chapters.
    const titleWord = !right.roles.has('alone') && right.forms.length < 2 && isEnglishWord(winner.toLowerCase())
    // Elsewhere a first name of its own is another person's (`Artur`, `Theodor`), not a slip of `Arthur`.
    const throughout =
      !isFirstName(loser) &&
      !titleWord &&
      (chapters.size >= Math.max(3, chapterCount / 4) ||
        (chapters.size >= 2 &&
          lone(loser, winner, difference, wrong.uses, wrong.roles.size === 1 && wrong.roles.has('alone')) &&
          !anotherPerson(loser, winner, wrong, right)))
    const reported = placesOf(wrong).filter((use) => throughout || chapters.has(use.chapter))
    if (reported.length === 0) continue
    variants.push({
      actual: loser,
      reported,
      actualUses: wrong.uses,
      expected: winner,
      expectedUses: right.uses,
      firstUse: right.first,
      difference
    })
  }
  return variants
}

/**
 * Whether a surname used once, far from the chapters of the name, is another person's: it
 * differs as the names of one root differ between languages and families, by a vowel or a
 * letter doubled inside (`Neilson`, `Nelson`; `Jansen`, `Janssen`), it follows a given name
 * everywhere (`William Allen Neilson`, `A. V. Astin`), and the commoner spelling follows given
 * names too, never that one (`Byron Nelson`, `Dale Nelson`). A slip keeps the person's first
 * name or initial.
 */
function anotherPerson(loser: string, winner: string, wrong: WordCount, right: WordCount): boolean {
  if (!kindred(loser.toLowerCase(), winner.toLowerCase())) return false
  const theirs = givenNames(wrong)
  if (theirs.length === 0 || theirs.length < wrong.forms.length) return false
  const others = givenNames(right)
  return others.length > 0 && !theirs.some((one) => others.some((other) => sameGiven(one, other)))
}

/**
 * Whether two spellings differ by one letter that is a vowel (`Mercier`, `Mercer`) or doubles
 * its neighbour inside the word (`Fergusson`, `Ferguson`); the last letter written twice is a
 * slip of the keyboard (`Larsonn`).
 */
function kindred(one: string, other: string): boolean {
  const [longer, shorter] = one.length > other.length ? [one, other] : [other, one]
  if (longer.length !== shorter.length + 1) return false
  let at = 0
  while (at < shorter.length && longer[at] === shorter[at]) at++
  if (longer.slice(at + 1) !== shorter.slice(at)) return false
  const letter = longer[at]!
  return 'aeiouy'.includes(letter) || (at < shorter.length && (letter === longer[at - 1] || letter === longer[at + 1]))
}

/** The given names a word follows as the surname of a full name: a first name the lists know, or an initial. */
function givenNames(word: WordCount): string[] {
  return word.forms.flatMap(([form, index]) => {
    const given = form.words[0]!
    return index > 0 && index === form.words.length - 1 && (isInitial(given) || isFirstName(given)) ? [given] : []
  })
}

const isInitial = (word: string) => /^\p{Lu}\.$/u.test(word)

/** Whether two given names may be one person's: the same, or an initial and a name it begins. */
function sameGiven(one: string, other: string): boolean {
  if (one === other) return true
  return (isInitial(one) && other.startsWith(one[0]!)) || (isInitial(other) && one.startsWith(other[0]!))
}

interface WordCount extends Spelling {
  roles: Set<Role>
  /** The forms the word is part of, with its place in each. */
  forms: Array<[Form, number]>
}

/** The use of one word of a name, as an occurrence of its own. */
function at(use: Occurrence, index: number): Occurrence {
  return {chapter: use.chapter, place: use.tokens[index]!, tokens: [use.tokens[index]!]}
}

function placesOf(word: WordCount): Occurrence[] {
  return word.forms.flatMap(([form, index]) => form.uses.map((use) => at(use, index)))
}
