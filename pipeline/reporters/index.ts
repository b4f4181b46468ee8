// The reporter registry: the CLI picks one by name. Each is a pure `(files, options) → string`.
import type {VFile} from 'vfile'
import {github} from './github.ts'
import {html} from './html.ts'
import {json} from './json.ts'
import {pretty} from './pretty.ts'
import {sarif} from './sarif.ts'

export interface ReporterOptions {
  /** Folder that reported paths are relative to. */
  cwd: string
  color?: boolean
  /** Leave out files without messages. */
  quiet?: boolean
  verbose?: boolean
  /** Galley's version, for reports that name their tool. */
  toolVersion?: string
  /** With `check --since`: the findings the change fixed, for reports that list them. */
  fixed?: Array<{path: string; line: number | null; ruleId: string | null; reason: string}>
}

export type Reporter = (files: VFile[], options: ReporterOptions) => string

/** A new reporter is one file beside this one and one entry here; the CLI offers every name. */
export const reporters = {pretty, json, sarif, github, html} satisfies Record<string, Reporter>

export type ReporterName = keyof typeof reporters
