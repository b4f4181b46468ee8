// A column of one chapter's words (a value for every word, none with a space) kept as one string,
// for the rules that keep such a column (inconsistent-hyphenation, inconsistent-capitalisation).
// A book's million words then travel back from the workers, sit in memory and go through the
// cache as one string a chapter, not a million strings, which cost more to copy and to keep than
// the rules cost to run.

/** The column as one string: the words joined by a space. */
export function joinColumn(words: string[]): string {
  return words.join(' ')
}

/** The words of a joined column of `count` words (an empty string is one empty word, or none). */
export function splitColumn(joined: string, count: number): string[] {
  return count === 0 ? [] : joined.split(' ')
}
