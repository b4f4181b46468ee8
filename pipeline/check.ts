// `check`: configure → read → parse → run the rules. Messages end up on each chapter's vfile.
import path from 'node:path'
import type {VFile} from 'vfile'
import {checker} from './checks/index.ts'
import {loadConfig} from './config/load.ts'
import type {Config} from './config/schema.ts'
import {readManuscript} from './manuscript/read.ts'
import type {Manuscript} from './manuscript/types.ts'

export interface CheckOptions {
  /** Folder that config, manuscript and reported paths are relative to. */
  cwd?: string
  /** A manuscript folder or file to check instead of the configured one. */
  path?: string
  /** A config file to use instead of the one found in `cwd`. */
  configFile?: string
  /** An already loaded config (the build passes its own). */
  config?: Config
}

export interface CheckResult {
  config: Config
  manuscript: Manuscript
  files: VFile[]
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = options.config ?? (await loadConfig(cwd, options.configFile))
  const root = options.path ? path.resolve(cwd, options.path) : path.resolve(config.base, config.manuscript)
  const manuscript = await readManuscript({root, cwd, chapters: options.path ? undefined : config.chapters})
  await runChecks(manuscript, config)
  return {config, manuscript, files: manuscript.chapters.map((chapter) => chapter.file)}
}

export async function runChecks(manuscript: Manuscript, config: Config): Promise<void> {
  // Unreadable chapters carry their own fatal message and have no text to check.
  const readable = manuscript.chapters.filter((chapter) => !chapter.file.data.unreadable)
  const processor = checker(config.rules, {...manuscript, chapters: readable})
  for (const {tree, file} of readable) await processor.run(tree, file)
}
