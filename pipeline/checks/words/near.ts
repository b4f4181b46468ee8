// Which of a set of words another is one slip away from: a letter dropped, added, changed or two
// swapped (`nspell` → `npsell`, `nsell`, `nspelll`). The index is the words with each letter
// deleted in turn (the symmetric deletion of SymSpell): two words one slip apart share a key, so a
// lookup costs a word's length in map reads rather than a distance to every word of the book.
import {distance} from 'fastest-levenshtein'

/** A lookup for the words one slip from `word` among `terms` (lower case): the most used first, or undefined. */
export function nearest(terms: readonly string[]): (word: string) => string | undefined {
  const index = new Map<string, number[]>()
  terms.forEach((term, at) => {
    for (const key of deletions(term)) {
      const list = index.get(key)
      if (list) list.push(at)
      else index.set(key, [at])
    }
  })
  return (word) => {
    // Short words are too easily one letter from another word to say that one was meant.
    if (word.length < 5) return undefined
    let best: number | undefined
    for (const key of deletions(word)) {
      for (const at of index.get(key) ?? []) {
        const term = terms[at]!
        if (term === word || (best !== undefined && best <= at) || !oneSlip(word, term)) continue
        best = at
      }
    }
    return best === undefined ? undefined : terms[best]
  }
}

/** The word itself and the word with each one letter deleted. */
function deletions(word: string): Set<string> {
  const keys = new Set([word])
  for (let index = 0; index < word.length; index++) keys.add(word.slice(0, index) + word.slice(index + 1))
  return keys
}

/** One edit, or two neighbouring letters swapped (a transposition is two edits to Levenshtein). */
function oneSlip(one: string, other: string): boolean {
  return distance(one, other) <= 1 || swapped(one, other)
}

/** Two neighbouring letters swapped, and nothing else changed. */
export function swapped(one: string, other: string): boolean {
  if (one.length !== other.length) return false
  const at = [...one].findIndex((char, index) => char !== other[index])
  return at >= 0 && one[at] === other[at + 1] && one[at + 1] === other[at] && one.slice(at + 2) === other.slice(at + 2)
}
