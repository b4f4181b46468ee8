// The Markdown rules: remark-lint's recommended and consistent presets, and the heading rules
// editors get wrong in converted documents, each as a registry entry with the preset's options.
import remarkLintHeadingIncrement from 'remark-lint-heading-increment'
import remarkLintNoDuplicateHeadingsInSection from 'remark-lint-no-duplicate-headings-in-section'
import remarkLintNoEmphasisAsHeading from 'remark-lint-no-emphasis-as-heading'
import remarkLintNoEmptyUrl from 'remark-lint-no-empty-url'
import remarkLintNoHeadingPunctuation from 'remark-lint-no-heading-punctuation'
import remarkPresetLintConsistent from 'remark-preset-lint-consistent'
import remarkPresetLintRecommended from 'remark-preset-lint-recommended'
import type {Plugin} from 'unified'
import {z} from 'zod'
import type {MarkdownRule} from './rule.ts'

type PresetEntry = Plugin | [Plugin, unknown]

/**
 * Manuscripts are books, not READMEs: besides the recommended and consistent presets we
 * check the heading structure editors get wrong in converted documents (bold lines used
 * as headings, skipped levels, a full stop after a heading, two equal headings in a row).
 */
const manuscriptPreset = [
  remarkLintHeadingIncrement,
  remarkLintNoEmphasisAsHeading,
  remarkLintNoHeadingPunctuation,
  remarkLintNoEmptyUrl,
  remarkLintNoDuplicateHeadingsInSection
] as PresetEntry[]

const presets: Array<[name: string, entries: PresetEntry[]]> = [
  ['remark-preset-lint-recommended', remarkPresetLintRecommended.plugins as PresetEntry[]],
  ['remark-preset-lint-consistent', remarkPresetLintConsistent.plugins as PresetEntry[]],
  ['manuscript headings', manuscriptPreset]
]

export const markdownRules: MarkdownRule[] = presets.flatMap(([preset, entries]) =>
  entries.flatMap((entry): MarkdownRule[] => {
    const [plugin, defaults] = Array.isArray(entry) ? entry : [entry, undefined]
    const [source, id] = plugin.name.split(':')
    // The bare `remark-lint` plugin is message control, which the check adds itself.
    if (source !== 'remark-lint' || !id) return []
    // remark-lint rules validate their own options, so the config passes them on unread.
    return [
      {
        id,
        kind: 'markdown',
        source,
        summary: `remark-lint rule (${preset}).`,
        options: z.unknown(),
        plugin: plugin as MarkdownRule['plugin'],
        defaults
      }
    ]
  })
)
