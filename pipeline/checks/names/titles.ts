// Titles, particles and generation marks: the words around a name that are not the name
// (`President Ibrahim Raisi` is `Ibrahim Raisi`, `Ivan Allen Jr.` is `Ivan Allen`).

/** Lower case, without the full stop of an abbreviation; several words are matched in sequence. */
export const builtInTitles = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'doctor',
  'prof',
  'professor',
  'sir',
  'dame',
  'lord',
  'lady',
  'madam',
  'madame',
  'mme',
  'mlle',
  'monsieur',
  'herr',
  'frau',
  'señor',
  'senor',
  'comrade',
  'president',
  'vice president',
  'president-elect',
  'prime minister',
  'minister',
  'deputy',
  'premier',
  'chancellor',
  'defense minister',
  'defence minister',
  'foreign minister',
  'interior minister',
  'finance minister',
  'chief of staff',
  'secretary',
  'secretary of state',
  'secretary-general',
  'secretary general',
  'ambassador',
  'envoy',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'commissioner',
  'senator',
  'sen',
  'representative',
  'rep',
  'congressman',
  'congresswoman',
  'governor',
  'gov',
  'mayor',
  'judge',
  'justice',
  'chief justice',
  'attorney general',
  'chairman',
  'chairwoman',
  'chair',
  'director',
  'general',
  'gen',
  'lieutenant',
  'lt',
  'colonel',
  'col',
  'major',
  'maj',
  'captain',
  'capt',
  'commander',
  'admiral',
  'adm',
  'sergeant',
  'sgt',
  'corporal',
  'cpl',
  'private',
  'pvt',
  'marshal',
  'field marshal',
  'brigadier',
  'inspector',
  'detective',
  'officer',
  'superintendent',
  'dean',
  'king',
  'queen',
  'prince',
  'princess',
  'crown prince',
  'emperor',
  'empress',
  'sultan',
  'emir',
  'sheikh',
  'shaikh',
  'ayatollah',
  'grand ayatollah',
  'supreme leader',
  'imam',
  'mullah',
  'pope',
  'cardinal',
  'archbishop',
  'bishop',
  'rev',
  'reverend',
  'father',
  'fr',
  'brother',
  'sister',
  'rabbi'
]

/** Lower-case words that may sit inside a name: `Islamic Republic of Iran`, `Osama bin Laden`. */
export const particles = new Set([
  'of',
  'de',
  'del',
  'della',
  'di',
  'da',
  'do',
  'dos',
  'du',
  'des',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'bin',
  'ibn',
  'al',
  'el',
  'y'
])

/** Generation marks after a name: `Ivan Allen Jr.` is `Ivan Allen`. */
const generations = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])

export type TitleTrie = Map<string, TitleTrie> & {end?: boolean}

export function titleTrie(titles: string[]): TitleTrie {
  const root: TitleTrie = new Map()
  for (const title of titles) {
    let node = root
    for (const word of titleWords(title)) {
      let next = node.get(word)
      if (!next) {
        next = new Map()
        node.set(word, next)
      }
      node = next
    }
    node.end = true
  }
  return root
}

function titleWords(text: string): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase().replace(/\.$/, ''))
}

/**
 * The name after the last title in the run (`President Ibrahim Raisi` is `Ibrahim Raisi`),
 * without generation marks or particles at either end. A run that is all title is no name.
 * Inside a run a title counts only before a full name (`Iranian Defense Minister Mohammad
 * Reza Ishtiani`), so `Armed Forces General Staff` keeps its `General`.
 */
export function stripTitles<T extends {text: string}>(run: T[], titles: TitleTrie): T[] {
  const words = run.map((token) => runWord(token.text))
  let start = 0
  for (let index = 0; index < words.length; index++) {
    const end = titleEnd(words, index, titles)
    if (end === -1) continue
    if (index === start && end === words.length) return []
    if (end === words.length || (index > start && end + 2 > words.length)) continue
    start = end
    // `Minister of Defense Wei Fenghe`: the office's `of …` belongs to the title.
    if (words[start] === 'of' && start + 2 < words.length) start += 2
    index = start - 1
  }
  let end = words.length
  while (end > start && generations.has(words[end - 1]!)) end--
  while (start < end && particles.has(run[start]!.text)) start++
  while (end > start && particles.has(run[end - 1]!.text)) end--
  return run.slice(start, end)
}

/** A word of a run as titles are written: lower case, without an abbreviation's full stop. */
function runWord(text: string): string {
  // Every word of every name of a book comes here: a test of the last letter, not a regular expression.
  const word = text.toLowerCase()
  return word.endsWith('.') ? word.slice(0, -1) : word
}

/** Where the longest title starting at `index` ends, or -1. */
function titleEnd(words: string[], index: number, titles: TitleTrie): number {
  let node: TitleTrie | undefined = titles
  let end = -1
  for (let at = index; at < words.length && node; at++) {
    node = node.get(words[at]!)
    if (node?.end) end = at + 1
  }
  return end
}

/** A name from the options, the way the manuscript's names are keyed. */
export function normalise(name: string, titles: TitleTrie): string {
  const words = name
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({text: text.normalize('NFC').replace(/[’']s?$/, '')}))
  const stripped = stripTitles(words, titles)
  return (stripped.length > 0 ? stripped : words).map((word) => word.text).join(' ')
}
