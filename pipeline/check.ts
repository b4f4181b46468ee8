// `check`: configure → read → parse → run the rules. Messages end up on each chapter's vfile.
import path from 'node:path'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {chapterChecker, manuscriptChecker} from './checks/index.ts'
import {loadConfig} from './config/load.ts'
import type {Config} from './config/schema.ts'
import {readManuscript} from './manuscript/read.ts'
import type {Manuscript} from './manuscript/types.ts'
import {deltaOf, type DeltaEntry} from './revisions/delta.ts'
import {manuscriptAt} from './revisions/revision.ts'

export interface CheckOptions {
  /** Folder that config, manuscript and reported paths are relative to. */
  cwd?: string
  /** A manuscript folder or file to check instead of the configured one. */
  path?: string
  /** A config file to use instead of the one found in `cwd`. */
  configFile?: string
  /** An already loaded config (the build passes its own). */
  config?: Config
  /** A git revision: keep only the findings the change since then introduced (for pull requests). */
  since?: string
}

export interface CheckResult {
  config: Config
  manuscript: Manuscript
  files: VFile[]
  /** With `since`: every finding of both revisions, labelled introduced, fixed or persisting. */
  delta?: DeltaEntry[]
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = options.config ?? (await loadConfig(cwd, options.configFile))
  const root = options.path ? path.resolve(cwd, options.path) : path.resolve(config.base, config.manuscript)
  const manuscript = await readManuscript({root, cwd, chapters: options.path ? undefined : config.chapters})
  await runChecks(manuscript, config)
  const files = manuscript.chapters.map((chapter) => chapter.file)
  if (!options.since) return {config, manuscript, files}

  const where = options.path ? {...config, base: cwd, manuscript: options.path, chapters: undefined} : config
  const before = await manuscriptAt(cwd, where, options.since)
  await runChecks(before, config)
  const delta = deltaOf(before.chapters.map((chapter) => chapter.file), files)
  const introduced = new Set(delta.filter((entry) => entry.state === 'introduced').map((entry) => entry.message))
  for (const file of files) file.messages = file.messages.filter((message) => introduced.has(message) || file.data.unreadable)
  return {config, manuscript, files, delta}
}

export async function runChecks(manuscript: Manuscript, config: Config): Promise<void> {
  // Unreadable chapters carry their own fatal message and have no text to check.
  const readable = manuscript.chapters.filter((chapter) => !chapter.file.data.unreadable)
  const chapterRules = chapterChecker(config.rules)
  const checked: typeof readable = []
  for (const chapter of readable) {
    try {
      await chapterRules.run(chapter.tree, chapter.file)
      checked.push(chapter)
    } catch (error) {
      // mdast-util-to-nlcst spreads a whole block's words into one call: past about 120,000
      // (V8's limit on arguments) the prose checks overflow the stack. One such file must not
      // stop the others being checked.
      if (!(error instanceof RangeError)) throw error
      const reason = `cannot check: a paragraph, list or quote is too long for the prose checks (${error.message}); split it`
      const message = chapter.file.message(reason, {ruleId: 'unreadable', source: 'galley'})
      message.fatal = true
      chapter.file.data.unreadable = true
    }
  }
  const manuscriptRules = manuscriptChecker(config.rules, {...manuscript, chapters: checked})
  for (const {tree, file} of checked) {
    try {
      await manuscriptRules.run(tree, file)
    } catch (error) {
      // remark-message-control fails the whole run on a comment it cannot read, such as
      // `<!-- galley disabel repeated-words -->`: like broken frontmatter, it stops this file only.
      if (!(error instanceof VFileMessage) || !file.messages.includes(error)) throw error
      Object.assign(error, {ruleId: 'control-comment', source: 'galley', fatal: true})
      file.data.unreadable = true
    }
  }
}
