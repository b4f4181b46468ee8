// `acronym-expansion`: an acronym's stated expansion must spell it, it keeps one expansion
// through the book, and it is defined before it is first used, in reading order across chapters.
import type {Root} from 'mdast'
import type {Nodes, Root as NlcstRoot, Sentence, Word} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Point, Position} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {prose} from '../manuscript/prose.ts'
import {crossFileRule} from './cross-file.ts'
import type {Collected, SheetSection} from './rule.ts'
import {exceptionOf} from './sheet.ts'

/**
 * Acronyms general readers know without an expansion, so using them undefined is fine. They
 * carry no expansion on purpose: `PM` is as often "Prime Minister" as "post meridiem", so the
 * rule checks a definition of one only for spelling, not against a fixed meaning.
 */
const wellKnown = ['US', 'USA', 'UK', 'UN', 'EU', 'NATO', 'CEO', 'TV', 'AM', 'PM', 'GDP', 'DNA']

export const options = z.strictObject({
  /** Acronym → its one right expansion: needs no definition, and a different definition is flagged. */
  known: z.record(z.string(), z.string().min(1)).default({}),
  /** Acronyms that need no definition, whatever expansion a definition gives. */
  wellKnown: z.array(z.string()).default(wellKnown),
  /** Acronyms this rule never reports. */
  ignore: z.array(z.string()).default([]),
  /** Fewest capitals (and digits) that make an acronym. */
  minLength: z.number().int().min(1).default(2),
  /** Also report acronyms used but never defined (known and well-known ones excepted). */
  requireDefinition: z.boolean().default(false)
})
type Settings = z.output<typeof options>

interface Place {
  chapter: number
  position: Position
}

interface Definition {
  kind: 'definition'
  acronym: string
  expansion: string
  place: Place
  /** The expansion spells the acronym (Schwartz & Hearst). */
  aligned: boolean
  /** The text gives the configured known expansion. */
  matchesKnown: boolean
}

interface Use {
  kind: 'use'
  acronym: string
  text: string
  place: Place
}

interface Finding {
  reason: string
  position: Position
  actual?: string
  expected?: string[]
  earlier?: {place: Place; reason: string}
}

/** Words that may sit inside an expansion without giving it a letter: "Chief of Staff". */
const functionWords = new Set(['a', 'an', 'and', 'at', 'by', 'de', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with'])
const quotes = new Set(['"', '“', '”', '‘', '’', "'", '«', '»'])

export const rule = crossFileRule({
  id: 'acronym-expansion',
  fix: 'safe',
  summary: 'An acronym whose expansion does not spell it, that changes expansion, or that is used before it is defined.',
  options,
  collect,
  analyse,
  report,
  sheet
})

/** Each acronym the book defines, in its first definition, with where that is and the findings about it. */
function sheet(
  chapters: Array<Array<Definition | Use>>,
  settings: Settings,
  manuscript: Collected,
  findings: VFileMessage[]
): SheetSection {
  const acronyms = new Map<string, {definition?: Definition; uses: number}>()
  for (const item of chapters.flat()) {
    const entry = acronyms.get(item.acronym) ?? {uses: 0}
    if (item.kind === 'definition') entry.definition ??= item
    else entry.uses++
    acronyms.set(item.acronym, entry)
  }
  const entries = [...acronyms]
    .filter(([, {definition}]) => definition)
    .sort(([one], [other]) => one.localeCompare(other))
    .map(([acronym, {definition, uses}]) => {
      const {chapter, position} = definition!.place
      const exceptions = findings.filter((message) => message.reason.includes(`\`${acronym}\``)).map(exceptionOf)
      return {
        term: `${acronym}: ${definition!.expansion}`,
        count: uses,
        note: `first defined at ${manuscript.files[chapter]?.path}:${position.start.line}`,
        exceptions: exceptions.length > 0 ? exceptions : undefined
      }
    })
  return {title: 'Acronyms', entries, house: {known: knownOf(chapters, settings)}}
}

/**
 * Each acronym's expansion as `known` takes it: the settings' own, else the first definition
 * that spells the acronym. A definition that does not is a finding, not the house's choice.
 */
function knownOf(chapters: Array<Array<Definition | Use>>, settings: Settings): Record<string, string> {
  const known = new Map(Object.entries(settings.known))
  for (const item of chapters.flat())
    if (item.kind === 'definition' && item.aligned && !known.has(item.acronym) && !settings.ignore.includes(item.acronym))
      known.set(item.acronym, item.expansion)
  return Object.fromEntries([...known].sort(([one], [other]) => one.localeCompare(other)))
}

function report(file: VFile, {reason, position, actual, expected, earlier}: Finding, files: VFile[]): void {
  let cause: VFileMessage | undefined
  let related: unknown[] | undefined
  if (earlier) {
    const path = files[earlier.place.chapter].path
    const {start} = earlier.place.position
    cause = Object.assign(new VFileMessage(earlier.reason, {place: earlier.place.position}), {file: path})
    related = [{path, line: start.line, column: start.column, reason: earlier.reason}]
  }
  const message = file.message(reason, {place: position, cause})
  if (actual !== undefined) message.actual = actual
  if (expected) message.expected = expected
  if (related) Object.assign(message, {data: {related}})
}

/** Definitions and uses in the chapter, in reading order; their places say chapter 0 until analysed. */
export function collect(tree: Root, file: VFile, settings: Settings): Array<Definition | Use> {
  return scanChapter(tree, file, settings)
}

function analyse(chapters: Array<Array<Definition | Use>>, settings: Settings): Finding[][] {
  const findings: Finding[][] = chapters.map(() => [])
  const report = (place: Place, finding: Finding) => findings[place.chapter].push(finding)
  const occurrences = chapters.flatMap((list, chapter) =>
    list.map((occurrence) => ({...occurrence, place: {...occurrence.place, chapter}}))
  )
  const ignored = new Set(settings.ignore)
  const needNoDefinition = new Set([...settings.wellKnown, ...Object.keys(settings.known)])

  const firstDefinition = new Map<string, Definition>()
  for (const occurrence of occurrences) {
    if (occurrence.kind === 'definition' && !firstDefinition.has(occurrence.acronym)) firstDefinition.set(occurrence.acronym, occurrence)
  }

  const accepted = new Map<string, Definition>()
  const reportedUse = new Set<string>()
  for (const occurrence of occurrences) {
    const {acronym, place} = occurrence
    if (ignored.has(acronym)) continue

    if (occurrence.kind === 'definition') {
      const known = Object.hasOwn(settings.known, acronym) ? settings.known[acronym] : undefined
      const {expansion} = occurrence
      if (known !== undefined ? !occurrence.matchesKnown : !occurrence.aligned) {
        const wanted = known === undefined ? `words whose initials spell \`${acronym}\`` : `\`${known}\``
        report(place, {
          reason: `Unexpected expansion \`${expansion}\` for \`${acronym}\`, expected ${wanted}`,
          position: place.position,
          actual: expansion,
          expected: known === undefined ? undefined : [known]
        })
        continue
      }
      const first = accepted.get(acronym)
      if (!first) accepted.set(acronym, occurrence)
      else if (normalise(first.expansion) !== normalise(expansion)) {
        report(place, {
          reason: `Unexpected expansion \`${expansion}\` for \`${acronym}\`, expected \`${first.expansion}\` as defined before`,
          position: place.position,
          actual: expansion,
          expected: [first.expansion],
          earlier: {place: first.place, reason: `\`${acronym}\` first defined as \`${first.expansion}\` here`}
        })
      }
      continue
    }

    if (needNoDefinition.has(acronym) || reportedUse.has(acronym)) continue
    const definition = firstDefinition.get(acronym)
    if (definition && isBefore(place, definition.place)) {
      reportedUse.add(acronym)
      const expansion = settings.known[acronym] ?? definition.expansion
      report(place, {
        reason: `Unexpected \`${occurrence.text}\` before its definition, expected \`${expansion} (${occurrence.text})\` at first use`,
        position: place.position,
        actual: occurrence.text,
        expected: [`${expansion} (${occurrence.text})`],
        earlier: {place: definition.place, reason: `\`${acronym}\` defined here`}
      })
    } else if (!definition && settings.requireDefinition) {
      reportedUse.add(acronym)
      report(place, {
        reason: `Unexpected undefined acronym \`${occurrence.text}\`, expected an expansion at its first use`,
        position: place.position
      })
    }
  }
  return findings
}

function scanChapter(tree: Root, file: VFile, settings: Settings): Array<Definition | Use> {
  // The chapter's place in the book is known only when the manuscript is analysed.
  const chapter = 0
  // Headings name a section before its text defines the term ("The IRGC at sea"); style guides
  // define acronyms in the running text, so a use in a heading does not count as first use.
  const headings: Array<[number, number]> = []
  visit(tree, 'heading', (node) => {
    headings.push([node.position?.start.offset ?? 0, node.position?.end.offset ?? 0])
  })
  const inHeading = (point: Point) =>
    headings.some(([start, end]) => point.offset !== undefined && point.offset >= start && point.offset < end)

  const found: Array<Definition | Use> = []
  // Most sentences hold no acronym: they are passed over on a glance at their words' capitals.
  const candidate = settings.minLength > 1 ? /^[A-Z][A-Z0-9]/ : /^[A-Z]/
  for (const sentence of sentencesOf(file.data.prose ?? prose(tree, file))) {
    if (
      !sentence.children.some(
        (node) => node.type === 'WordNode' && node.children.some((part) => part.type === 'TextNode' && candidate.test(part.value))
      )
    )
      continue
    const definitions = findDefinitions(sentence, settings, chapter)
    const defining = new Set(definitions.map((definition) => definition.node))
    const shouted = shoutedWords(sentence)
    const uses: Use[] = []
    for (const node of sentence.children) {
      if (node.type !== 'WordNode' || defining.has(node) || shouted.has(node)) continue
      for (const part of node.children) {
        const acronym = part.type === 'TextNode' ? acronymOf(part.value, settings.minLength) : undefined
        if (!acronym || !part.position || inHeading(part.position.start)) continue
        uses.push({kind: 'use', acronym, text: toString(part), place: {chapter, position: part.position}})
      }
    }
    const all = [...definitions.map((definition) => definition.definition), ...uses]
    found.push(...all.sort((a, b) => (a.place.position.start.offset ?? 0) - (b.place.position.start.offset ?? 0)))
  }
  return found
}

/** mdast-util-to-nlcst makes a paragraph of each block and sentences in those, nothing deeper. */
function* sentencesOf(tree: NlcstRoot): Generator<Sentence> {
  for (const child of tree.children) {
    if (child.type === 'SentenceNode') yield child
    else if (child.type === 'ParagraphNode') for (const sentence of child.children) if (sentence.type === 'SentenceNode') yield sentence
  }
}

/** Every form editors write: `Expansion Words (ACRO)`, `ACRO (Expansion Words)` and `Expansion Words -- or ACRO --`. */
function findDefinitions(sentence: Sentence, settings: Settings, chapter: number): Array<{node: Word; definition: Definition}> {
  const nodes = sentence.children
  const result: Array<{node: Word; definition: Definition}> = []
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]
    if (node.type !== 'WordNode') continue
    const acronym = acronymOf(toString(node), settings.minLength)
    if (!acronym) continue
    const known = Object.hasOwn(settings.known, acronym) ? settings.known[acronym] : undefined
    const limit = Math.max(Math.min(acronym.length + 5, acronym.length * 2), known ? known.split(/\s+/).length : 0)

    const open = nodes[index - 1]
    const close = nodes[index + 1]
    if (isPunctuation(open, '(') && isPunctuation(close, ')', ',', ';')) {
      const words = wordsBefore(nodes, index - 1, limit)
      const start = expansionStart(acronym, words, known)
      if (start !== undefined) {
        result.push({node, definition: define(acronym, words.slice(start), nodes, close!, chapter, known)})
        continue
      }
    }

    // `Expansion -- or ACRO --`, `Expansion — or ACRO —`: the dash opens the alternative name.
    const or = previousWord(nodes, index)
    const dash = or !== undefined && toString(nodes[or]!).toLowerCase() === 'or' ? previousWord(nodes, or, true) : undefined
    const next = nextNonSpace(nodes, index)
    if (dash !== undefined && isPunctuation(nodes[dash], ...dashes) && isPunctuation(nodes[next], ...dashes, '.', ',', ';')) {
      const words = wordsBefore(nodes, dash, limit)
      const start = expansionStart(acronym, words, known)
      if (start !== undefined) {
        result.push({node, definition: define(acronym, words.slice(start), nodes, node, chapter, known)})
        continue
      }
    }

    if (isPunctuation(nodes[next], '(')) {
      const inside = wordsInside(nodes, next, limit)
      // An inner text that spells the acronym defines it, and so does one that plainly offers
      // itself as the full name: a word in capitals for about every letter, most letters
      // matching. "The IRGC (Revolutionary Guards)" only glosses it.
      const start = inside ? (alignedStart(acronym, inside.words, known) ?? claimedStart(acronym, inside.words)) : undefined
      if (inside && start !== undefined && inside.words.slice(0, start).every((word) => functionWords.has(toString(word).toLowerCase()))) {
        const definition = define(acronym, inside.words.slice(start), nodes, inside.close, chapter, known)
        definition.place.position.start = node.position!.start
        result.push({node, definition})
      }
    }
  }
  return result
}

/** Dashes that set off a name's alternative: `--` and `---` as typed, and the dashes themselves. */
const dashes = ['--', '---', '—', '–']

/**
 * Where words in parentheses after an acronym claim to be its full name though they do not
 * spell it: all title-cased, one content word for each letter give or take one, and at least
 * half of the letters matching those words' initials in order ("CXC (City Executive Committee)").
 */
function claimedStart(acronym: string, words: Word[]): number | undefined {
  const texts = words.map((word) => toString(word))
  if (!texts.every(isTitleWord)) return undefined
  const initials = texts.filter((text) => !functionWords.has(text.toLowerCase())).map((text) => text[0]!.toUpperCase())
  const letters = acronym.replace(/\d/g, '')
  if (initials.length < 2 || Math.abs(initials.length - letters.length) > 1) return undefined
  const matching = [...letters].filter((letter, index) => initials[index] === letter).length
  return matching * 2 >= letters.length ? 0 : undefined
}

function previousWord(nodes: Sentence['children'], index: number, anything = false): number | undefined {
  for (let at = index - 1; at >= 0; at--) {
    if (nodes[at]!.type === 'WhiteSpaceNode') continue
    return anything || nodes[at]!.type === 'WordNode' ? at : undefined
  }
  return undefined
}

function nextNonSpace(nodes: Sentence['children'], index: number): number {
  let at = index + 1
  while (at < nodes.length && nodes[at]!.type === 'WhiteSpaceNode') at++
  return at
}

function define(
  acronym: string,
  words: Word[],
  nodes: Sentence['children'],
  close: Nodes,
  chapter: number,
  known: string | undefined
): Definition {
  const from = nodes.indexOf(words[0] as (typeof nodes)[number])
  const to = nodes.indexOf(words.at(-1) as (typeof nodes)[number])
  const expansion = toString(nodes.slice(from, to + 1)).replace(/\s+/g, ' ')
  return {
    kind: 'definition',
    acronym,
    expansion,
    place: {chapter, position: {start: words[0].position!.start, end: close.position!.end}},
    aligned: isAligned(acronym, words),
    matchesKnown: known !== undefined && normalise(expansion) === normalise(known)
  }
}

/**
 * Where a definition's expansion begins among the words before it: at the known expansion if
 * the text gives it, else where the acronym's letters align, else at the run of capitalised
 * words the writer evidently offers as the expansion ("Joint Comprehensive Plan (JCPOA)").
 */
function expansionStart(acronym: string, words: Word[], known: string | undefined): number | undefined {
  const aligned = alignedStart(acronym, words, known)
  if (aligned !== undefined) return aligned
  let start = words.length
  while (start > 0 && isTitleWord(toString(words[start - 1]))) start--
  // The claim begins at a capitalised content word that starts like the acronym (not a
  // sentence's first "In"); one capitalised word alone is more often a name with its
  // affiliation, "Baqeri (AFGS)", than an expansion.
  const first = words.findIndex((word, index) => {
    const text = toString(word)
    return index >= start && text.startsWith(acronym[0]) && !functionWords.has(text.toLowerCase())
  })
  if (first !== -1) {
    const capitals = words.slice(first).filter((word) => /^\p{Lu}/u.test(toString(word))).length
    return capitals >= 2 ? first : undefined
  }
  // A run of capitalised words whose last gives the acronym's last letter is offered as its
  // expansion though a letter has no word ("Coast Guard (USCG)", "Health Service (NHS)").
  const run = words.slice(start).findIndex((word) => !functionWords.has(toString(word).toLowerCase())) + start
  const last = words.length > 0 ? toString(words.at(-1)!) : ''
  const letters = acronym.replace(/\d/g, '')
  const content = words.slice(run).filter((word) => !functionWords.has(toString(word).toLowerCase())).length
  return run >= start && content >= 2 && last[0] === letters.at(-1) ? run : undefined
}

function alignedStart(acronym: string, words: Word[], known: string | undefined): number | undefined {
  if (known !== undefined) {
    for (let start = words.length - 1; start >= 0; start--) {
      if (
        normalise(
          words
            .slice(start)
            .map((word) => toString(word))
            .join(' ')
        ) === normalise(known)
      )
        return start
    }
  }
  const start = schwartzHearst(
    acronym,
    words.map((word) => toString(word))
  )
  if (start === -1) return undefined
  // The alignment takes the fewest words, finding letters inside them; where those do not
  // spell the acronym but more words before them do, the longer expansion is the one meant
  // ("Illinois Institute of Technology (IIT)", not "Institute of Technology").
  if (isAligned(acronym, words.slice(start))) return start
  for (let earlier = start - 1; earlier >= 0; earlier--) if (isAligned(acronym, words.slice(earlier))) return earlier
  return start
}

/**
 * Whether `words` spell `acronym` as a copy editor checks it (stricter than the alignment that
 * found them, which lets a letter match inside any word, so that "World Health Organization"
 * would pass for WTO). Every letter takes a word's initial, in order; function words (of, the,
 * and …) may give one or be passed over; every other word must give its initial. A letter may
 * come from inside a word only at an inner capital ("HyperText") or after a known prefix
 * ("intercontinental", "Hypertext"). Hyphens and slashes part words ("surface-to-air"). Digits
 * stand for number words ("Group of Twenty (G20)").
 */
function isAligned(acronym: string, words: Word[]): boolean {
  const letters = [...acronym.toLowerCase()].filter((char) => !/\d/.test(char))
  const hasDigits = /\d/.test(acronym)
  // "L'Institut" gives its I: an elided article is no word of its own.
  const units = words
    .flatMap((word) => toString(word).split(/[-\u2010-\u2015/]+/u))
    .map((unit) => unit.replace(/^[ld]['’](?=\p{L})/iu, ''))
    .filter(Boolean)
  if (units.includes(acronym)) return false
  const passable = (unit: string) =>
    functionWords.has(unit.toLowerCase()) || foreignFunctionWords.has(unit.toLowerCase()) || (hasDigits && numberWords.test(unit))
  const match = (letter: number, unit: number): boolean => {
    if (unit === units.length) return letter === letters.length
    const text = units[unit]!
    if (passable(text) && match(letter, unit + 1)) return true
    if (letter === letters.length || text[0]!.toLowerCase() !== letters[letter]) return false
    return inside(letter + 1, unit, 1)
  }
  // After the initial: the next unit, or more letters of this one where the word allows them.
  const inside = (letter: number, unit: number, from: number): boolean => {
    if (match(letter, unit + 1)) return true
    const text = units[unit]!
    for (let at = from; at < text.length && letter < letters.length; at++) {
      if (text[at]!.toLowerCase() === letters[letter] && innerStart(text, at) && inside(letter + 1, unit, at + 1)) return true
    }
    return false
  }
  return match(0, 0)
}

/** Where a letter inside a word may stand for a part of it: an inner capital, or after a known prefix. */
function innerStart(text: string, at: number): boolean {
  if (/\p{Lu}/u.test(text[at]!) && /\p{Ll}/u.test(text[at - 1]!)) return true
  const lower = text.toLowerCase()
  return prefixes.some((prefix) => prefix.length === at && lower.startsWith(prefix) && lower.length > prefix.length + 2)
}

/** Prefixes whose words acronyms often split: ICBM (intercontinental), HTML (Hypertext). */
const prefixes = [
  'inter',
  'intra',
  'trans',
  'hyper',
  'multi',
  'micro',
  'macro',
  'super',
  'sub',
  'tele',
  'cyber',
  'bio',
  'geo',
  'anti',
  'counter',
  'electro',
  'photo',
  'radio',
  'thermo',
  'aero'
]

/** The articles and joining words of the names other languages give their bodies. */
const foreignFunctionWords = new Set([
  'aux',
  'da',
  'das',
  'de',
  'del',
  'der',
  'des',
  'di',
  'du',
  'e',
  'en',
  'et',
  'für',
  'la',
  'le',
  'les',
  'pour',
  'und',
  'van',
  'von',
  'y'
])

const numberWords =
  /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)$/i

/**
 * The abbreviation matcher of Schwartz & Hearst (2003), "A simple algorithm for identifying
 * abbreviation definitions in biomedical text" (PSB 2003): match the acronym's letters and digits
 * right to left against the words, each anywhere inside a word ("Missile Technology", "NATO-style"
 * parts after a hyphen), except the first, which must start a word. Matching greedily from the
 * right finds a match whenever one exists. Returns the index of the word the expansion starts
 * at, or -1. Like the paper, an expansion that contains the acronym itself does not count.
 */
function schwartzHearst(acronym: string, words: string[]): number {
  // Unlike the paper, digits need no match: they stand for numbers spelled out, "Group of Twenty (G20)".
  const letters = [...acronym.toLowerCase()].filter((char) => !/\d/.test(char))
  let word = words.length - 1
  let char = (words[word] ?? '').length - 1
  for (let letter = letters.length - 1; letter >= 0; letter--) {
    for (;;) {
      if (word < 0) return -1
      if (char < 0) {
        word--
        char = (words[word] ?? '').length - 1
        continue
      }
      const text = words[word]
      const startsWord = char === 0 || !/[\p{L}\p{N}]/u.test(text[char - 1])
      if (text[char].toLowerCase() === letters[letter] && (letter > 0 || startsWord)) break
      char--
    }
    char--
  }
  const contains = words.slice(word).some((text) => text.split(/[^\p{L}\p{N}]+/u).includes(acronym))
  return contains ? -1 : word
}

/** Up to `limit` words before `index`, stopping at punctuation: expansions hold no commas or brackets. */
function wordsBefore(nodes: Sentence['children'], index: number, limit: number): Word[] {
  const words: Word[] = []
  for (let at = index - 1; at >= 0 && words.length < limit; at--) {
    const node = nodes[at]
    if (node.type === 'WordNode') words.unshift(node)
    else if (node.type !== 'WhiteSpaceNode' && !isQuote(node)) break
  }
  return words
}

function wordsInside(nodes: Sentence['children'], open: number, limit: number): {words: Word[]; close: Nodes} | undefined {
  const words: Word[] = []
  for (let at = open + 1; at < nodes.length; at++) {
    const node = nodes[at]
    if (node.type === 'WordNode') words.push(node)
    else if (isPunctuation(node, ')')) return words.length > 0 && words.length <= limit ? {words, close: node} : undefined
    else if (node.type !== 'WhiteSpaceNode' && !isQuote(node)) return undefined
  }
  return undefined
}

/** Three capitalised words in a row are a shouted heading or a name in capitals, not acronyms. */
function shoutedWords(sentence: Sentence): Set<Nodes> {
  const shouted = new Set<Nodes>()
  let run: Nodes[] = []
  const flush = () => {
    if (run.length >= 3) for (const node of run) shouted.add(node)
    run = []
  }
  for (const node of sentence.children) {
    if (node.type === 'WhiteSpaceNode') continue
    const text = node.type === 'WordNode' ? toString(node) : ''
    if (/\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text)) run.push(node)
    else flush()
  }
  flush()
  return shouted
}

/** Capitals (and digits) with an optional plural `s`: `IRGC`, `G20`, `NGOs`; returns the singular. */
function acronymOf(text: string, minLength: number): string | undefined {
  const match = /^([A-Z][A-Z0-9]*)s?$/.exec(text)
  return match && match[1].length >= minLength ? match[1] : undefined
}

function isTitleWord(text: string): boolean {
  return /^\p{Lu}/u.test(text) || functionWords.has(text.toLowerCase())
}

function isPunctuation(node: Nodes | undefined, ...values: string[]): boolean {
  return node !== undefined && node.type === 'PunctuationNode' && values.includes(node.value)
}

function isQuote(node: Nodes): boolean {
  return node.type === 'PunctuationNode' && quotes.has(node.value)
}

function isBefore(a: Place, b: Place): boolean {
  return a.chapter !== b.chapter ? a.chapter < b.chapter : (a.position.start.offset ?? 0) < (b.position.start.offset ?? 0)
}

/** Case, hyphens, quotes and spacing do not make two expansions different. */
/** What two expansions must share to be the same: hyphens, spaces, quotes and case never tell them apart. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‐‑‒–—/-]/g, '')
    .replace(/["“”‘’']/g, '')
    .replace(/\s+/g, '')
}
