// The English dictionary (Hunspell's en_US through dictionary-en, read by nspell): whether a word
// is a word of the language. Built once per process on first use, as building it takes a few
// hundred milliseconds, and answers are kept, since a book asks about the same words again.
import dictionary from 'dictionary-en'
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
    // @types/nspell predates dictionary-en's Uint8Array fields; nspell reads both the same way.
    speller ??= nspell({aff: Buffer.from(dictionary.aff), dic: Buffer.from(dictionary.dic)})
    answer = speller.correct(word)
    known.set(word, answer)
  }
  return answer
}
