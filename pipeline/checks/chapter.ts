// The per-chapter half of a check: parse, run the Markdown and prose rules, and gather what
// each cross-file rule needs from the chapter. Input and result are plain data, so it runs as
// well in a worker thread as here, and a result can be cached under the chapter's content hash.
import type {Root} from 'mdast'
import type {Root as NlcstRoot} from 'nlcst'
import remarkRetext from 'remark-retext'
import retextEnglish from 'retext-english'
import {unified, type PluggableList, type Processor} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {parseChapter} from '../manuscript/read.ts'
import {keepLineSpaces, proseOptions} from '../manuscript/prose.ts'
import {enabledRules, type RuleSettings} from './index.ts'

export interface ChapterInput {
  path: string
  cwd: string
  value: string
}

/** A vfile message as data: what reporters read, without the tree nodes (`ancestors`) it points into. */
export interface MessageRecord {
  reason: string
  place?: VFileMessage['place']
  ruleId?: string
  source?: string
  url?: string
  actual?: string
  expected?: string[]
  note?: string
  fatal?: boolean | null
  data?: unknown
  cause?: {reason: string; place?: VFileMessage['place']; file?: string}
}

export interface ChapterResult {
  messages: MessageRecord[]
  frontmatter?: Record<string, unknown>
  unreadable: boolean
  /** Rule id → what that cross-file rule collected from this chapter. */
  features: Record<string, unknown>
}

/**
 * The rules that look at one chapter at a time: Markdown form and prose. Their findings depend
 * on the chapter's text alone, so callers may cache them by content hash.
 */
export function chapterChecker(settings: RuleSettings): Processor<Root, Root, Root> {
  const enabled = enabledRules(settings)
  const markdown: PluggableList = []
  const prose = unified().use(retextEnglish)
  for (const {rule, options} of enabled) {
    if (rule.kind === 'markdown') markdown.push([rule.plugin, [1, options]])
    if (rule.kind === 'prose') prose.use(rule.plugin, [1, options] as never)
  }
  prose.use(keepProse)
  return unified()
    .use(markdown)
    .use(() => keepLineSpaces)
    .use(remarkRetext, prose as any, proseOptions) as unknown as Processor<Root, Root, Root>
}

/**
 * The prose tree is built once per chapter, here, and kept for the manuscript rules' collectors
 * instead of each building its own: it is the costliest step after parsing.
 */
function keepProse() {
  return function (tree: NlcstRoot, file: VFile) {
    file.data.prose = tree
  }
}

/**
 * What each enabled manuscript rule takes from one chapter (after `chapterChecker` ran on it):
 * plain data, which a worker can send back and the cache can keep.
 */
export function collectors(settings: RuleSettings): Record<string, (tree: Root, file: VFile) => unknown> {
  const result: Record<string, (tree: Root, file: VFile) => unknown> = {}
  for (const {rule, options} of enabledRules(settings)) {
    if (rule.kind === 'manuscript') result[rule.id] = (tree, file) => rule.collect(tree, file, options)
  }
  return result
}

/** Built once per settings, not per chapter: a worker checks many chapters with the same rules. */
const prepared = new Map<string, {checker: ReturnType<typeof chapterChecker>; collect: ReturnType<typeof collectors>}>()

export async function checkChapter(input: ChapterInput, settings: RuleSettings): Promise<ChapterResult> {
  const key = JSON.stringify(settings)
  let rules = prepared.get(key)
  if (!rules) prepared.set(key, (rules = {checker: chapterChecker(settings), collect: collectors(settings)}))

  const file = new VFile({path: input.path, cwd: input.cwd, value: input.value})
  const tree = parseChapter(file)
  const features: Record<string, unknown> = {}
  const tokens = file.data.unreadable ? 0 : longestText(tree)
  if (tokens > maxTokens)
    refuse(
      file,
      `${tokens.toLocaleString('en')} words, spaces and marks in one stretch of text, over the limit of ${maxTokens.toLocaleString('en')}`
    )
  if (!file.data.unreadable) {
    try {
      await rules.checker.run(tree, file)
      for (const [id, collect] of Object.entries(rules.collect)) features[id] = collect(tree, file)
    } catch (error) {
      // Should the limit above not be low enough for some text, the file is still refused alone.
      if (!(error instanceof RangeError)) throw error
      refuse(file, error.message)
    }
  }
  delete file.data.prose
  return {
    messages: file.messages.map(toRecord),
    frontmatter: file.data.frontmatter,
    unreadable: file.data.unreadable === true,
    features
  }
}

/**
 * mdast-util-to-nlcst spreads the words of one text node into a single call, and past about
 * 120,000 arguments (V8's stack, which differs between the main thread and a worker) the prose
 * checks overflow. A fixed limit below that refuses the same files wherever they are checked.
 */
const maxTokens = 100_000

/** Tokens of the longest text node, counted as parse-english splits them; short ones are skipped unread. */
function longestText(tree: Root): number {
  let longest = 0
  visit(tree, 'text', (node) => {
    if (node.value.length > maxTokens) longest = Math.max(longest, node.value.match(/[\p{L}\p{M}\p{N}]+|\s+|./gsu)?.length ?? 0)
  })
  return longest
}

function refuse(file: VFile, detail: string): void {
  const reason = `cannot check: a paragraph, list or quote is too long for the prose checks (${detail}); split it`
  const message = file.message(reason, {ruleId: 'unreadable', source: 'galley'})
  message.fatal = true
  file.data.unreadable = true
}

/** Puts a result's messages and frontmatter on the main thread's vfile of the chapter. */
export function applyResult(file: VFile, result: ChapterResult): void {
  if (result.frontmatter) file.data.frontmatter = result.frontmatter
  if (result.unreadable) file.data.unreadable = true
  for (const record of result.messages) {
    const {reason, place, cause, ...rest} = record
    const message = file.message(reason, {
      place,
      cause: cause && Object.assign(new VFileMessage(cause.reason, {place: cause.place}), {file: cause.file})
    })
    for (const [name, value] of Object.entries(rest)) if (value !== undefined) Object.assign(message, {[name]: value})
  }
}

function toRecord(message: VFileMessage): MessageRecord {
  const cause =
    message.cause instanceof VFileMessage ? {reason: message.cause.reason, place: message.cause.place, file: message.cause.file} : undefined
  return {
    reason: message.reason,
    place: message.place,
    ruleId: message.ruleId,
    source: message.source,
    url: message.url,
    actual: message.actual,
    expected: message.expected,
    note: message.note,
    fatal: message.fatal,
    data: (message as {data?: unknown}).data,
    cause
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The chapter's natural-language tree, kept by the prose pass for the cross-file rules' collectors. */
    prose: import('nlcst').Root
  }
}
