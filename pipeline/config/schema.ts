// The one config schema. It is validated once at load; types come from it so they never drift.
import {z} from 'zod'
import {ruleOptionSchemas} from '../checks/index.ts'
import {browserSchema, editionSchema} from './edition.ts'
import {severity} from './severity.ts'

/** A rule is set to a severity, or to `[severity, options]` like remark-lint and ESLint. */
function ruleSetting(options: z.ZodType) {
  return z.union([severity, z.tuple([severity]), z.tuple([severity, options])])
}

const galleyRules = Object.fromEntries(Object.entries(ruleOptionSchemas).map(([id, schema]) => [id, ruleSetting(schema).optional()]))

export const configSchema = z.strictObject({
  /** Folder (or single file) of the manuscript, relative to the config file. */
  manuscript: z.string().min(1).default('manuscript'),
  /** Chapter order, as paths relative to `manuscript`; by default files sort by name. */
  chapters: z.array(z.string().min(1)).optional(),
  /** Where editions go, relative to the config file. */
  output: z.string().min(1).default('output'),
  /** Severities and options per rule id; remark-lint rules take their own options. */
  rules: z.strictObject(galleyRules).catchall(ruleSetting(z.unknown())).default({}),
  /** How the HTML and PDF editions look. */
  edition: editionSchema.default(editionSchema.parse({})),
  /** Which browser prints the PDF. */
  browser: browserSchema.default(browserSchema.parse({}))
})

export type ConfigInput = z.input<typeof configSchema>
export type Config = z.output<typeof configSchema> & {
  /** Absolute folder that relative paths in the config resolve against. */
  base: string
  /** The file the config came from, if any. */
  path?: string
}

/** Typed helper for `galley.config.ts` / `.js`, in the manner of Vite and Vivliostyle. */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config
}
