// The rule registry: every rule Galley runs, whatever its kind, as one descriptor. The config's
// valid rule ids and option schemas, comment control's sources, the severities and the README's
// rule table all come from this list. A new rule is one file and one line here.
import {rule as acronymExpansion} from './acronym-expansion.ts'
import {rule as imagePath} from './image-path.ts'
import {rule as inconsistentCapitalisation} from './inconsistent-capitalisation.ts'
import {rule as inconsistentHyphenation} from './inconsistent-hyphenation.ts'
import {rule as inconsistentName} from './inconsistent-name.ts'
import {rule as inconsistentSpelling} from './inconsistent-spelling.ts'
import {rule as linkPath} from './link-path.ts'
import {markdownRules} from './markdown.ts'
import {rule as missingReference} from './missing-reference.ts'
import {rule as numberStyle} from './number-style.ts'
import {rule as punctuationStyle} from './punctuation-style.ts'
import {rule as repeatedParagraph} from './repeated-paragraph.ts'
import {rule as repeatedWords} from './repeated-words.ts'
import {rule as spelling} from './spelling.ts'
import type {Rule} from './rule.ts'
import type {Severity} from './severity.ts'
import {rule as unclosedHtml} from './unclosed-html.ts'
import {rule as preflightBlankPage} from '../preflight/blank-page.ts'
import {rule as preflightContents} from '../preflight/contents.ts'
import {rule as preflightFontFallback} from '../preflight/font-fallback.ts'
import {rule as preflightHeadingAlone} from '../preflight/heading-alone.ts'
import {rule as preflightNotePage} from '../preflight/note-page.ts'
import {rule as preflightImageResolution} from '../preflight/image-resolution.ts'
import {rule as preflightOrphan} from '../preflight/orphan.ts'
import {rule as preflightOverfull} from '../preflight/overfull.ts'
import {rule as preflightWidow} from '../preflight/widow.ts'

const galleyRules: Rule[] = [
  repeatedParagraph,
  inconsistentName,
  acronymExpansion,
  repeatedWords,
  spelling,
  inconsistentSpelling,
  inconsistentHyphenation,
  inconsistentCapitalisation,
  punctuationStyle,
  numberStyle,
  imagePath,
  linkPath,
  missingReference,
  unclosedHtml,
  preflightHeadingAlone,
  preflightNotePage,
  preflightBlankPage,
  preflightOverfull,
  preflightFontFallback,
  preflightImageResolution,
  preflightContents,
  preflightWidow,
  preflightOrphan
]

/** Galley's own rules first, then remark-lint's; a rule two presets list appears once. */
export const rules: Rule[] = [...new Map([...galleyRules, ...markdownRules].map((rule) => [rule.id, rule])).values()]

export const ruleIds = rules.map((rule) => rule.id)

/** Every `source` the rules' messages carry: comment control answers for all of them. */
export const ruleSources = [...new Set(rules.map((rule) => rule.source))]

/** Editorial findings are warnings by default, so editions still build; CI can use `--frail`. */
export const defaultSeverity: Severity = 'warn'

/** A rule's setting in the config: a severity, or `[severity, options]` like remark-lint and ESLint. */
export type RuleSettings = Record<string, unknown>

/** `'warn'`, `['error']` or `['warn', {…}]` → severity and options. */
export function ruleSetting(settings: RuleSettings, id: string): [Severity, unknown] {
  const value = settings[id]
  if (value === undefined) return [defaultSeverity, undefined]
  if (typeof value === 'string') return [value as Severity, undefined]
  const [level, option] = value as [Severity, unknown?]
  return [level, option]
}

/** The rules the settings leave on, each with its options parsed (or its preset's, for remark-lint). */
export function enabledRules(settings: RuleSettings): Array<{rule: Rule; options: unknown}> {
  return rules.flatMap((rule) => {
    const [level, configured] = ruleSetting(settings, rule.id)
    if (level === 'off') return []
    const options = rule.kind === 'markdown' ? (configured ?? rule.defaults) : rule.options.parse(configured ?? {})
    return [{rule, options}]
  })
}

/** The README's table of rules, made from the registry so that the two never disagree. */
export function ruleTable(): string {
  const rows = rules.map((rule) => {
    const docs =
      rule.source === 'remark-lint' ? `https://github.com/remarkjs/remark-lint/tree/main/packages/remark-lint-${rule.id}` : `#${rule.id}`
    return `| [\`${rule.id}\`](${docs}) | ${rule.kind} | ${rule.summary} |`
  })
  return ['| Rule | Kind | Finds |', '| --- | --- | --- |', ...rows].join('\n')
}
