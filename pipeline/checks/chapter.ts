// The per-chapter half of a check: parse, run the Markdown and prose rules, and gather what
// each cross-file rule needs from the chapter. Input and result are plain data, so it runs as
// well in a worker thread as here, and a result can be cached under the chapter's content hash.
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {parseChapter} from '../manuscript/read.ts'
import {chapterChecker, collectors, type RuleSettings} from './index.ts'

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
  // A build may have parsed the chapter here too, meanwhile, and met the same broken frontmatter.
  const said = new Set(file.messages.map((message) => `${message.ruleId}|${message.reason}|${message.line}:${message.column}`))
  for (const record of result.messages) {
    const {reason, place, cause, ...rest} = record
    const start = place && 'start' in place ? place.start : place
    if (said.has(`${record.ruleId}|${reason}|${start?.line}:${start?.column}`)) continue
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
