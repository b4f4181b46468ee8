// The preset: which rules run, in which order, at which severity. Rules only report;
// severities come from the config and are applied here, once, after message control.
import type {Root} from 'mdast'
import type {Root as NlcstRoot} from 'nlcst'
import remarkLintHeadingIncrement from 'remark-lint-heading-increment'
import remarkLintNoDuplicateHeadingsInSection from 'remark-lint-no-duplicate-headings-in-section'
import remarkLintNoEmphasisAsHeading from 'remark-lint-no-emphasis-as-heading'
import remarkLintNoEmptyUrl from 'remark-lint-no-empty-url'
import remarkLintNoHeadingPunctuation from 'remark-lint-no-heading-punctuation'
import remarkMessageControl from 'remark-message-control'
import remarkPresetLintConsistent from 'remark-preset-lint-consistent'
import remarkPresetLintRecommended from 'remark-preset-lint-recommended'
import remarkRetext from 'remark-retext'
import retextEnglish from 'retext-english'
import {unified, type PluggableList, type Plugin, type Processor} from 'unified'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import type {Severity} from '../config/severity.ts'
import {toFatal} from '../config/severity.ts'
import * as acronymExpansion from './acronym-expansion.ts'
import type {Collected} from './cross-file.ts'
import * as inconsistentName from './inconsistent-name.ts'
import * as repeatedParagraph from './repeated-paragraph.ts'
import * as repeatedWords from './repeated-words.ts'

/** Galley's own rules, which take the whole manuscript for cross-file findings. */
const manuscriptRules = {
  'repeated-paragraph': repeatedParagraph,
  'inconsistent-name': inconsistentName,
  'acronym-expansion': acronymExpansion
}

/** Prose rules that run on the natural-language tree inside remark-retext. */
const proseRules = {
  'repeated-words': repeatedWords
}

export const ruleOptionSchemas: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries({...manuscriptRules, ...proseRules}).map(([id, rule]) => [id, rule.options])
)

type PresetEntry = Plugin | [Plugin, unknown]

/**
 * Manuscripts are books, not READMEs: besides the recommended and consistent presets we
 * check the heading structure editors get wrong in converted documents (bold lines used
 * as headings, skipped levels, a full stop after a heading, two equal headings in a row).
 */
const manuscriptPreset: PresetEntry[] = [
  remarkLintHeadingIncrement,
  remarkLintNoEmphasisAsHeading,
  remarkLintNoHeadingPunctuation,
  remarkLintNoEmptyUrl,
  remarkLintNoDuplicateHeadingsInSection
] as PresetEntry[]

/** remark-lint rules of the recommended, consistent and manuscript presets, by rule id, with the presets' options. */
export const markdownRules: Record<string, {plugin: Plugin<any[], Root>; option: unknown}> = {}
for (const entry of [
  ...(remarkPresetLintRecommended.plugins as PresetEntry[]),
  ...(remarkPresetLintConsistent.plugins as PresetEntry[]),
  ...manuscriptPreset
]) {
  const [plugin, option] = Array.isArray(entry) ? entry : [entry, undefined]
  const [source, ruleId] = plugin.name.split(':')
  // The bare `remark-lint` plugin is message control, which we add ourselves at the end.
  if (source === 'remark-lint' && ruleId) markdownRules[ruleId] = {plugin: plugin as Plugin<any[], Root>, option}
}

export const ruleIds = [...Object.keys(manuscriptRules), ...Object.keys(proseRules), ...Object.keys(markdownRules)]

/** Editorial findings are warnings by default, so editions still build; CI can use `--frail`. */
const defaultSeverity: Severity = 'warn'

export type RuleSettings = Record<string, unknown>

/** `'warn'`, `['error']` or `['warn', {…}]` → severity and options. */
export function ruleSetting(settings: RuleSettings, id: string): [Severity, unknown] {
  const value = settings[id]
  if (value === undefined) return [defaultSeverity, undefined]
  if (typeof value === 'string') return [value as Severity, undefined]
  const [level, option] = value as [Severity, unknown?]
  return [level, option]
}

export function severityOf(settings: RuleSettings, ruleId: string | undefined): Severity {
  return ruleId && ruleIds.includes(ruleId) ? ruleSetting(settings, ruleId)[0] : defaultSeverity
}

/**
 * The rules that look at one chapter at a time: Markdown form and prose. Their findings depend
 * on the chapter's text alone, so callers may cache them by content hash.
 */
export function chapterChecker(settings: RuleSettings): Processor<Root, Root, Root> {
  const markdown: PluggableList = []
  for (const [id, {plugin, option}] of Object.entries(markdownRules)) {
    const [level, configured] = ruleSetting(settings, id)
    if (level !== 'off') markdown.push([plugin, [1, configured ?? option]])
  }

  const prose = unified().use(retextEnglish)
  for (const [id, rule] of Object.entries(proseRules)) {
    if (ruleSetting(settings, id)[0] !== 'off') prose.use(rule.default as Plugin)
  }
  prose.use(keepProse)

  return unified()
    .use(markdown)
    .use(remarkRetext, prose as any, {ignore: ['code', 'yaml', 'html']}) as unknown as Processor<Root, Root, Root>
}

/**
 * The prose tree is built once per chapter, here, and kept for the cross-file rules' collectors
 * instead of each building its own: it is the costliest step after parsing.
 */
function keepProse() {
  return function (tree: NlcstRoot, file: VFile) {
    file.data.prose = tree
  }
}

/**
 * What each enabled cross-file rule takes from one chapter (after `chapterChecker` ran on it):
 * plain data, which a worker can send back and the cache can keep.
 */
export function collectors(settings: RuleSettings): Record<string, (tree: Root, file: VFile) => unknown> {
  const result: Record<string, (tree: Root, file: VFile) => unknown> = {}
  for (const [id, rule] of Object.entries(manuscriptRules)) {
    const [level, configured] = ruleSetting(settings, id)
    if (level === 'off') continue
    const options = rule.options.parse(configured ?? {})
    result[id] = (tree, file) => rule.collect(tree, file, options as never)
  }
  return result
}

/**
 * The rules that read the whole manuscript, then comment control and severities over every
 * finding on the chapter, whichever phase made it. Run on each chapter after its chapter phase.
 */
export function manuscriptChecker(settings: RuleSettings, collected: Record<string, Collected>): Processor<Root, Root, Root> {
  const manuscriptLevel: PluggableList = []
  for (const [id, rule] of Object.entries(manuscriptRules)) {
    const [level, configured] = ruleSetting(settings, id)
    if (level === 'off' || !collected[id]) continue
    const options = rule.options.parse(configured ?? {})
    manuscriptLevel.push([rule.default, [1, {...options, manuscript: collected[id]}]])
  }

  return unified().use(manuscriptLevel).use(galleyComments).use(lintComments).use(applySeverity, settings) as unknown as Processor<
    Root,
    Root,
    Root
  >
}

/** `<!-- galley disable inconsistent-name -->`, `<!-- galley ignore -->` for every rule. */
function galleyComments() {
  return remarkMessageControl({name: 'galley', source: ['galley', 'remark-lint', 'retext-repeated-words'], known: ruleIds})
}

/** remark-lint's own `<!-- lint disable … -->` comments keep working for its rules. */
function lintComments() {
  return remarkMessageControl({name: 'lint', source: 'remark-lint'})
}

function applySeverity(settings: RuleSettings) {
  return function (_: Root, file: VFile) {
    for (const message of file.messages) message.fatal = toFatal(severityOf(settings, message.ruleId ?? undefined))
  }
}
