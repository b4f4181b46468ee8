// `inconsistent-name`: one person, place or organisation spelled two ways across the
// manuscript (`Wei Fenghe`, then `Wei Feng`; `Portland`, then `Purtland`), found without a list
// given in advance. Names are runs of capitalised words (names/words.ts, names/forms.ts); two
// spellings are one name when they differ as a slip, a transliteration, diacritics or a hyphen
// do (names/spelling.ts). Every use of the less used spelling is reported against the more used
// one, with the kind of difference in `data`.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {crossFileRule} from './cross-file.ts'
import {positionOf} from './words/place.ts'
import type {SheetSection} from './rule.ts'
import {exceptionsTo} from './sheet.ts'
import {collectForms, type Occurrence, type Span} from './names/forms.ts'
import type {VariantKind} from './names/spelling.ts'
import {builtInTitles, normalise, titleTrie, type TitleTrie} from './names/titles.ts'
import {fullNameVariants, hyphenVariants, wordVariants, type Variant} from './names/variants.ts'
import {collectWords, type Lexicon, type Names} from './names/words.ts'

export const options = z.strictObject({
  /** Accepted spellings, never flagged, on either side: `{"Wei Fenghe": ["Wei Feng"]}`; titles are stripped as in the text. */
  aliases: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
  /** Names left out entirely: never flagged, never offered as the expected spelling. */
  ignore: z.array(z.string().min(1)).default([]),
  /** Titles to strip besides the built-in ones (`Foreign Secretary`), so `Foreign Secretary Grey` is `Grey`. */
  titles: z.array(z.string().min(1)).default([])
})
type Settings = z.output<typeof options>

interface Finding {
  actual: string
  expected: string
  place: Span
  uses: number
  actualUses: number
  firstUse: Occurrence
  kind: VariantKind
  edits: number
}

export const rule = crossFileRule({
  id: 'inconsistent-name',
  summary: 'A person, place or organisation spelled two ways across the manuscript.',
  options,
  collect: (tree: Root, file: VFile) => collectWords(tree, file),
  analyse,
  report,
  sheet
})

/**
 * The names the book uses more than once, most used first: each in the spelling the rule takes
 * as right, with the variants it found as exceptions.
 */
function sheet(chapters: Names[], settings: Settings, _manuscript: unknown, findings: VFileMessage[]): SheetSection {
  const titles = titleTrie([...builtInTitles, ...settings.titles])
  const lexicon: Lexicon = {capitalisedMid: new Map(), lowerCase: new Map(), nameWords: new Map()}
  for (const names of chapters) {
    for (const [word, count] of names.capitalisedMid) lexicon.capitalisedMid.set(word, (lexicon.capitalisedMid.get(word) ?? 0) + count)
    for (const [word, count] of names.lowerCase) lexicon.lowerCase.set(word, (lexicon.lowerCase.get(word) ?? 0) + count)
  }
  const forms = [...collectForms(chapters, lexicon, titles).values()]
  const variants = new Set(findings.map((message) => message.actual))
  const entries = forms
    .filter(
      (form) => !variants.has(form.name) && (form.uses.length > 1 || findings.some((message) => message.expected?.includes(form.name)))
    )
    .sort((one, other) => other.uses.length - one.uses.length)
    .map((form) => ({term: form.name, count: form.uses.length, exceptions: exceptionsTo(findings, form.name)}))
  return {title: 'Names', entries}
}

function report(file: VFile, finding: Finding, files: VFile[]): void {
  const causeReason = `\`${finding.expected}\` first used here`
  const firstFile = files[finding.firstUse.chapter]!
  const firstPlace = positionOf(firstFile, finding.firstUse.place)
  const cause = new VFileMessage(causeReason, {place: firstPlace})
  cause.file = firstFile.path
  const times = `${finding.uses} ${finding.uses === 1 ? 'time' : 'times'}`
  // With as many uses of each, nothing in the text says which is right: both are offered.
  const tie = finding.uses === finding.actualUses
  const reason = tie
    ? `Unexpected \`${finding.actual}\` beside \`${finding.expected}\` (each used ${times}), expected one spelling of the name`
    : `Unexpected \`${finding.actual}\`, expected \`${finding.expected}\` (used ${times})`
  const message = file.message(reason, {place: positionOf(file, finding.place), cause})
  message.actual = finding.actual
  // The spelling used first is offered first: the first use is the one thing that decides a tie.
  const chapter = files.indexOf(file)
  const actualFirst =
    finding.firstUse.chapter > chapter || (finding.firstUse.chapter === chapter && finding.firstUse.place.start > finding.place.start)
  message.expected = tie ? (actualFirst ? [finding.actual, finding.expected] : [finding.expected, finding.actual]) : [finding.expected]
  const {line, column} = firstPlace.start
  Object.assign(message, {
    data: {
      kind: finding.kind,
      edits: finding.edits,
      counts: {[finding.expected]: finding.uses, [finding.actual]: finding.actualUses},
      related: [{path: firstFile.path, line, column, reason: causeReason}]
    }
  })
}
function analyse(chapters: Names[], settings: Settings): Finding[][] {
  const titles = titleTrie([...builtInTitles, ...settings.titles])
  const lexicon: Lexicon = {capitalisedMid: new Map(), lowerCase: new Map(), nameWords: new Map()}
  for (const names of chapters) {
    for (const [word, count] of names.capitalisedMid) lexicon.capitalisedMid.set(word, (lexicon.capitalisedMid.get(word) ?? 0) + count)
    for (const [word, count] of names.lowerCase) lexicon.lowerCase.set(word, (lexicon.lowerCase.get(word) ?? 0) + count)
  }
  const forms = collectForms(chapters, lexicon, titles)
  // A word seen in lower case more than a quarter as often as capitalised mid-sentence is an
  // ordinary word (State, Along, White) whatever its capital says.
  const ordinary = (word: string) => (lexicon.lowerCase.get(word.toLowerCase()) ?? 0) * 4 > (lexicon.capitalisedMid.get(word) ?? 0)
  const ignored = new Set(settings.ignore.map((name) => normalise(name, titles)))
  for (const name of ignored) forms.delete(name)
  const accepted = acceptedNames(settings.aliases, titles)

  const findings: Finding[][] = chapters.map(() => [])
  // A use is reported once: a full name's finding says more than one of its words.
  const claimed = new Set<string>()
  const report = (variant: Variant) => {
    for (const use of variant.reported) {
      const key = `${use.chapter}:${use.place.start}`
      if (claimed.has(key)) continue
      for (const token of use.tokens) claimed.add(`${use.chapter}:${token.start}`)
      findings[use.chapter]!.push({
        actual: variant.actual,
        expected: variant.expected,
        place: use.place,
        uses: variant.expectedUses,
        actualUses: variant.actualUses,
        firstUse: variant.firstUse,
        kind: variant.difference.kind,
        edits: variant.difference.edits
      })
    }
  }
  for (const variant of fullNameVariants(forms, accepted, ordinary)) report(variant)
  for (const variant of hyphenVariants(forms, accepted)) report(variant)
  for (const variant of wordVariants(forms, {accepted, ignored}, ordinary)) report(variant)

  for (const list of findings) list.sort((a, b) => a.place.start - b.place.start)
  return findings
}

/** Every name the aliases option lists, on either side: all are accepted spellings. */
function acceptedNames(aliases: Record<string, string[]>, titles: TitleTrie): Set<string> {
  return new Set(Object.entries(aliases).flatMap(([name, others]) => [name, ...others].map((one) => normalise(one, titles))))
}
