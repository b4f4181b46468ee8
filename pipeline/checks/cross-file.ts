// What the manuscript rules share: collect from each chapter, analyse every chapter's
// collection once per manuscript, report each chapter's findings on its own file. The result is
// a registry entry whose plugin is a unified lint rule; used alone on one file, that file is the
// manuscript.
import path from 'node:path'
import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import type {VFileMessage} from 'vfile-message'
import type {Collected, ManuscriptRule, SheetSection} from './rule.ts'
import {ruleUrl} from './url.ts'

export interface CrossFileSpec<Settings, Features, Finding> {
  id: string
  summary: string
  options: z.ZodType<Settings>
  /** From one chapter, after the prose pass (its tree is on `file.data.prose`): plain data. */
  collect(tree: Root, file: VFile, settings: Settings): Features
  /** Every chapter's collection, in reading order → each chapter's findings. */
  analyse(features: Features[], settings: Settings, manuscript: Collected<Features>): Finding[][]
  /** One finding as a message on `file`; `files` are the manuscript's, for related places. */
  report(file: VFile, finding: Finding, files: VFile[]): void
  fix?: 'safe'
  /** The choices the manuscript makes, for `galley stylesheet`; `findings` are the rule's messages on every chapter. */
  sheet?(features: Features[], settings: Settings, manuscript: Collected<Features>, findings: VFileMessage[]): SheetSection
}

export function crossFileRule<Settings, Features, Finding>(
  spec: CrossFileSpec<Settings, Features, Finding>
): ManuscriptRule<Settings, Features> {
  // Analysed once per manuscript (and settings), not once for each chapter that asks.
  const memo = new WeakMap<Collected<Features>, {key: string; findings: Finding[][]}>()
  const plugin = lintRule<Root, Partial<Settings> & {manuscript?: Collected<Features>}>(
    {origin: `galley:${spec.id}`, url: ruleUrl(spec.id)},
    function (tree, file, given) {
      // The check passes parsed options; a direct `.use(rule.plugin)` may pass none, and parsing is idempotent.
      const {manuscript, ...rest} = given ?? {}
      const settings = spec.options.parse(rest)
      const collected = manuscript ?? {
        root: path.resolve(file.cwd, file.path),
        files: [file],
        features: [spec.collect(tree, file, settings)]
      }
      const key = JSON.stringify(settings)
      let analysis = memo.get(collected)
      if (analysis?.key !== key) memo.set(collected, (analysis = {key, findings: spec.analyse(collected.features, settings, collected)}))
      // vfile-message overwrites the stack V8 captures for each message (and for its cause);
      // not capturing one halves what a finding costs, which tells when a book repeats itself.
      const limit = Error.stackTraceLimit
      Error.stackTraceLimit = 0
      try {
        for (const finding of analysis.findings[collected.files.indexOf(file)] ?? []) spec.report(file, finding, collected.files)
      } finally {
        Error.stackTraceLimit = limit
      }
    }
  )
  const {id, summary, options, collect, fix, sheet} = spec
  return {
    id,
    kind: 'manuscript',
    source: 'galley',
    summary,
    options,
    collect,
    plugin,
    ...(fix && {fix}),
    ...(sheet && {
      sheet: (manuscript: Collected<Features>, settings: Settings, findings: VFileMessage[]) =>
        sheet(manuscript.features, settings, manuscript, findings)
    })
  }
}
