// `galley check --fix`: the findings that say exactly what the text should be, applied to the
// Markdown. A finding is applied when its rule marks its fix as safe (the registry's `fix`), it
// has one `expected`, and the text at its place is its `actual`; never in a block quote, where
// the words are someone else's. Everything but the findings' places stays byte for byte, and a
// second run changes nothing, as every applied finding is gone. Code, URLs and frontmatter are
// never touched: no rule reports there.
import path from 'node:path'
import {createTwoFilesPatch} from 'diff'
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {rules} from './checks/index.ts'
import {parse} from './manuscript/parse.ts'

export interface Edit {
  start: number
  end: number
  text: string
  ruleId: string
}

export interface Fixed {
  /** The chapter's path as reported, relative to the working folder. */
  path: string
  before: string
  after: string
  edits: Edit[]
}

const safe = new Set(rules.filter((rule) => rule.fix === 'safe').map((rule) => rule.id))

/** The fixes of each chapter that has any, worked out from its messages (nothing is written). */
export function fixesOf(files: VFile[]): Fixed[] {
  return files.flatMap((file) => {
    const before = String(file.value)
    const quoted = blockQuotes(parse(new VFile({path: file.path, value: before})))
    const edits: Edit[] = []
    for (const message of file.messages) {
      const start = message.place && 'start' in message.place ? message.place.start.offset : undefined
      const end = message.place && 'end' in message.place ? message.place.end.offset : undefined
      const [text, ...others] = message.expected ?? []
      if (!safe.has(message.ruleId ?? '') || text === undefined || others.length > 0 || start === undefined || end === undefined) continue
      if (before.slice(start, end) !== message.actual || quoted.some(([from, to]) => from <= start && end <= to)) continue
      edits.push({start, end, text, ruleId: message.ruleId!})
    }
    const kept = withoutOverlaps(edits)
    return kept.length > 0 ? [{path: file.path, before, after: applied(before, kept), edits: kept}] : []
  })
}

/** A unified diff of every fixed chapter, as `--fix-dry-run` prints it. */
export function patchOf(fixed: Fixed[]): string {
  return fixed.map(({path: file, before, after}) => createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, '', '')).join('')
}

/** Where the fixed chapter is written: its path is relative to the folder the check ran in. */
export function targetOf(fixed: Fixed, cwd: string): string {
  return path.resolve(cwd, fixed.path)
}

function applied(text: string, edits: Edit[]): string {
  let out = ''
  let from = 0
  for (const edit of edits) {
    out += text.slice(from, edit.start) + edit.text
    from = edit.end
  }
  return out + text.slice(from)
}

/** In text order; of two findings at one place (two rules on one word), the first is kept. */
function withoutOverlaps(edits: Edit[]): Edit[] {
  const kept: Edit[] = []
  for (const edit of [...edits].sort((one, other) => one.start - other.start)) {
    const last = kept.at(-1)
    if (!last || last.end <= edit.start) kept.push(edit)
  }
  return kept
}

function blockQuotes(tree: Root): Array<[number, number]> {
  const found: Array<[number, number]> = []
  visit(tree, 'blockquote', (node) => {
    if (node.position) found.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
    return 'skip'
  })
  return found
}
