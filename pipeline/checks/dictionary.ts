// The English dictionary (Hunspell's en_US through dictionary-en, read by nspell): whether a word
// is a word of the language. Built once per process on first use, as building it takes a few
// hundred milliseconds, and answers are kept, since a book asks about the same words again.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import nspell from 'nspell'

let speller: ReturnType<typeof nspell> | undefined
const known = new Map<string, boolean>()

/**
 * Whether the dictionary has the word as written: `iranian` is not a word but `Iranian` is, and
 * a word in lower case is also accepted capitalised (`Walked`), as at a sentence's start.
 */
export function isEnglishWord(word: string): boolean {
  let answer = known.get(word)
  if (answer === undefined) {
    speller ??= nspell(readDictionary())
    answer = speller.correct(word)
    known.set(word, answer)
  }
  return answer
}

/**
 * The package's two files, read directly: its index reads them with a top-level await, and a
 * module graph with one cannot be `require`d, which a CommonJS `galley.config.cjs` does.
 */
function readDictionary(): {aff: Buffer; dic: Buffer} {
  const folder = path.dirname(createRequire(import.meta.url).resolve('dictionary-en'))
  return {aff: readFileSync(path.join(folder, 'index.aff')), dic: readFileSync(path.join(folder, 'index.dic'))}
}
