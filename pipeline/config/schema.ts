// The one config schema. It is validated once at load; types come from it so they never drift.
import {z} from 'zod'
import {rules} from '../checks/index.ts'
import {severity} from '../checks/severity.ts'
import {formatNames} from '../render/formats/index.ts'
import {browserSchema, editionOverrides, editionSchema} from '../render/settings.ts'

/** A rule is set to a severity, or to `[severity, options]` like remark-lint and ESLint. */
function ruleSetting(options: z.ZodType) {
  return z.union([severity, z.tuple([severity]), z.tuple([severity, options])])
}

/** Every rule in the registry, with its own options schema (remark-lint rules check their own options). */
const ruleSettings = Object.fromEntries(rules.map((rule) => [rule.id, ruleSetting(rule.options).optional()]))

/**
 * One output of `galley build`: a format, and whatever of the shared `edition` settings it sets
 * otherwise. A `name` tells two editions of one format apart: `{format: 'pdf', name: 'book'}`
 * writes `<title>.book.pdf`.
 */
const editionEntry = editionOverrides.extend({
  format: z.enum(formatNames),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected lower-case letters, digits and hyphens, such as "book"')
    .optional()
})

const editions = z
  .array(editionEntry)
  .min(1)
  .superRefine((entries, context) => {
    const seen = new Set<string>()
    entries.forEach((entry, index) => {
      const file = `${entry.name ? `${entry.name}.` : ''}${entry.format}`
      if (seen.has(file))
        context.addIssue({code: 'custom', path: [index, 'name'], message: `a second ${entry.format} edition needs a name of its own`})
      seen.add(file)
    })
  })

export const configSchema = z.strictObject({
  /** Folder (or single file) of the manuscript, relative to the config file. */
  manuscript: z.string().min(1).default('manuscript'),
  /** Chapter order, as paths relative to `manuscript`; by default files sort by name. */
  chapters: z.array(z.string().min(1)).optional(),
  /** Where editions go, relative to the config file. */
  output: z.string().min(1).default('output'),
  /** Severities and options per rule id; remark-lint rules take their own options. */
  rules: z.strictObject(ruleSettings).catchall(ruleSetting(z.unknown())).default({}),
  /** How the editions look, unless an edition of `editions` sets otherwise. */
  edition: editionSchema.default(editionSchema.parse({})),
  /** What `galley build` writes, in order: by default the HTML edition and the PDF. */
  editions: editions.default([{format: 'html'}, {format: 'pdf'}]),
  /** Which browser prints the PDF. */
  browser: browserSchema.default(browserSchema.parse({}))
})

/**
 * `style.yaml` beside the config: the house decisions, as Galley's rules' options by rule id
 * (`galley stylesheet --format yaml` writes it). Each rule's options are read with the same
 * schema as in the config; no severities, which stay the config's.
 */
export const houseSchema = z.strictObject(
  Object.fromEntries(rules.filter((rule) => rule.kind !== 'markdown').map((rule) => [rule.id, rule.options.optional()]))
)

export type ConfigInput = z.input<typeof configSchema>
export type Config = z.output<typeof configSchema> & {
  /** Absolute folder that relative paths in the config resolve against. */
  base: string
  /** The file the config came from, if any. */
  path?: string
  /** The `style.yaml` whose house decisions the rules' options hold, if there is one. */
  house?: string
}

/** Typed helper for `galley.config.ts` / `.js`, in the manner of Vite and Vivliostyle. */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config
}
