// Running the rules over a manuscript: the chapter phase on every readable chapter (from the
// cache where it can, in worker threads for books), then the manuscript rules over what each
// chapter gave, then comment control and severities. Messages end up on each chapter's vfile.
import type {Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import {unified, type PluggableList, type Processor} from 'unified'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {parseChapter} from '../manuscript/read.ts'
import type {Manuscript} from '../manuscript/types.ts'
import type {ResultCache} from './cache.ts'
import {applyResult, type ChapterResult} from './chapter.ts'
import {defaultSeverity, enabledRules, ruleIds, ruleSetting, ruleSources, type RuleSettings} from './index.ts'
import {checkChapters, type Jobs} from './pool.ts'
import type {Collected} from './rule.ts'
import {toFatal, type Severity} from './severity.ts'

export interface RunOptions {
  cache?: ResultCache
  jobs?: Jobs
  /** With several jobs, check in worker threads only, leaving this thread to the caller's own work (the build's editions). */
  keepMainThread?: boolean
  /** Told how many chapters are checked, from the cache or afresh, each time one is. */
  progress?: (checked: number, total: number) => void
}

/** Runs every rule; returns what each manuscript rule collected from the chapters, by rule id (`galley stylesheet` reads it). */
export async function runChecks(
  manuscript: Manuscript,
  settings: RuleSettings,
  options: RunOptions = {}
): Promise<Record<string, Collected>> {
  // Unreadable chapters carry their own fatal message and have no text to check.
  const readable = manuscript.chapters.filter((chapter) => !chapter.file.data.unreadable)
  const results = await chapterResults(
    readable.map((chapter) => chapter.file),
    settings,
    options
  )
  readable.forEach((chapter, index) => applyResult(chapter.file, results[index]!))

  const checked = readable.flatMap((chapter, index) =>
    chapter.file.data.unreadable ? [] : [{file: chapter.file, result: results[index]!}]
  )
  const collected: Record<string, Collected> = {}
  for (const id of Object.keys(checked[0]?.result.features ?? {})) {
    collected[id] = {
      root: manuscript.root,
      files: checked.map(({file}) => file),
      features: checked.map(({result}) => result.features[id])
    }
  }
  const manuscriptRules = manuscriptChecker(settings, collected)
  for (const {file} of checked) {
    // Comment control reads the tree's HTML comments; a chapter without any needs no tree.
    const tree: Root = controlComment.test(String(file.value)) ? parseChapter(file) : {type: 'root', children: []}
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
  return collected
}

const controlComment = /<!--\s*(?:galley|lint)\b/

async function chapterResults(
  files: VFile[],
  settings: RuleSettings,
  {cache, jobs = 'auto', keepMainThread, progress}: RunOptions
): Promise<ChapterResult[]> {
  const keys = files.map((file) => cache?.keyOf(file))
  const results = keys.map((key) => (key === undefined ? undefined : cache!.get(key)))
  const missing = results.flatMap((result, index) => (result ? [] : [index]))
  const inputs = missing.map((index) => ({path: files[index]!.path, cwd: files[index]!.cwd, value: String(files[index]!.value)}))
  let checked = files.length - missing.length
  progress?.(checked, files.length)
  const fresh = await checkChapters(inputs, settings, jobs, keepMainThread, () => progress?.(++checked, files.length))
  missing.forEach((index, at) => {
    results[index] = fresh[at]
    if (cache) cache.set(keys[index]!, fresh[at]!)
  })
  return results as ChapterResult[]
}

/**
 * The rules that read the whole manuscript, then comment control and severities over every
 * finding on the chapter, whichever phase made it. Run on each chapter after its chapter phase.
 */
export function manuscriptChecker(settings: RuleSettings, collected: Record<string, Collected>): Processor<Root, Root, Root> {
  const manuscriptLevel: PluggableList = []
  for (const {rule, options} of enabledRules(settings)) {
    if (rule.kind === 'manuscript' && collected[rule.id]) {
      manuscriptLevel.push([rule.plugin, [1, {...(options as object), manuscript: collected[rule.id]}]])
    }
  }
  return unified().use(manuscriptLevel).use(galleyComments).use(lintComments).use(applySeverity, settings) as unknown as Processor<
    Root,
    Root,
    Root
  >
}

/** `<!-- galley disable inconsistent-name -->`, `<!-- galley ignore -->` for every rule. */
export function galleyComments() {
  return remarkMessageControl({name: 'galley', source: ruleSources, known: ruleIds})
}

/** remark-lint's own `<!-- lint disable … -->` comments keep working for its rules. */
function lintComments() {
  return remarkMessageControl({name: 'lint', source: 'remark-lint'})
}

/** Looked up once per message: a book has thousands. */
const known = new Set(ruleIds)

function severityOf(settings: RuleSettings, ruleId: string | undefined): Severity {
  return ruleId && known.has(ruleId) ? ruleSetting(settings, ruleId)[0] : defaultSeverity
}

function applySeverity(settings: RuleSettings) {
  return function (_: Root, file: VFile) {
    for (const message of file.messages) message.fatal = toFatal(severityOf(settings, message.ruleId ?? undefined))
  }
}
