// The English dictionaries (Hunspell's en_US and en_GB from SCOWL, through dictionary-en and
// dictionary-en-gb, read by nspell, as retext-spell reads them): whether a word is a word of the
// language, in which spelling, and what it may have been meant to be. Each is built once per
// process on first use, as building one takes a few hundred milliseconds, and answers are kept,
// since a book asks about the same words again.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import nspell from 'nspell'

/** The two spellings of English that have a dictionary: American (`color`) and British (`colour`). */
export type Spelling = 'us' | 'gb'

const packages: Record<Spelling, string> = {us: 'dictionary-en', gb: 'dictionary-en-gb'}
const spellers = new Map<Spelling, ReturnType<typeof nspell>>()
const known: Record<Spelling, Map<string, boolean>> = {us: new Map(), gb: new Map()}

/**
 * Whether the dictionary has the word as written: `iranian` is not a word but `Iranian` is, and
 * a word in lower case is also accepted capitalised (`Walked`), as at a sentence's start.
 */
export function inDictionary(word: string, spelling: Spelling = 'us', remember = true): boolean {
  let answer = known[spelling].get(word)
  if (answer === undefined) {
    answer = speller(spelling).correct(word)
    // Probes for slips (words/slips.ts) are hundreds of strings seen once: not worth keeping.
    if (remember) known[spelling].set(word, answer)
  }
  return answer
}

/** The names rules' question: a word of (American) English. */
export function isEnglishWord(word: string): boolean {
  return inDictionary(word, 'us')
}

function speller(spelling: Spelling): ReturnType<typeof nspell> {
  let found = spellers.get(spelling)
  if (!found) spellers.set(spelling, (found = nspell(readDictionary(packages[spelling]))))
  return found
}

/**
 * The package's two files, read directly: its index reads them with a top-level await, and a
 * module graph with one cannot be `require`d, which a CommonJS `galley.config.cjs` does.
 */
function readDictionary(name: string): {aff: Buffer; dic: Buffer} {
  const folder = path.dirname(createRequire(import.meta.url).resolve(name))
  return {aff: readFileSync(path.join(folder, 'index.aff')), dic: readFileSync(path.join(folder, 'index.dic'))}
}
