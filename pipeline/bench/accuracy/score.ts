// Findings against the truth file: which injections were found, which controls were flagged,
// and which findings are neither (on the untouched book, every finding is one to read by hand).
import type {Injection, RuleId} from './inject.ts'

export interface Finding {
  file: string
  ruleId: string
  reason: string
  line: number
  column: number
  endLine: number
  endColumn: number
}

interface JsonFile {
  path: string
  messages: Array<Omit<Finding, 'file'>>
}

/** The JSON reporter's output, flattened to the two rules measured. */
export function findingsOf(json: string, rules: readonly RuleId[]): Finding[] {
  const files = JSON.parse(json) as JsonFile[]
  return files.flatMap((file) =>
    file.messages
      .filter((message) => (rules as readonly string[]).includes(message.ruleId))
      .map((message) => ({...message, file: file.path.split('/').at(-1)!}))
  )
}

/** Whether a finding points into the injected text. */
export function hits(finding: Finding, injection: Injection): boolean {
  if (finding.file !== injection.file || finding.ruleId !== injection.rule) return false
  if (finding.line > injection.line || finding.endLine < injection.line) return false
  const start = finding.line === injection.line ? finding.column : 1
  const end = finding.endLine === injection.line ? finding.endColumn : Number.POSITIVE_INFINITY
  return start < injection.endColumn && end > injection.column
}

export interface Score {
  kind: string
  rule: RuleId
  control: boolean
  injected: number
  /** Found (for a fault) or flagged (for a control). */
  flagged: number
  missed: Injection[]
}

export interface Scored {
  scores: Score[]
  /** Findings on the injected book that are at no injection and were not on the untouched book. */
  collateral: Finding[]
}

/**
 * A finding as it is on either text: a fault injected before it moves its column, and one that
 * changes a count moves the counts its reason gives (`used 3 times`, `has 4478 American`).
 */
function keyOf(finding: Finding): string {
  return `${finding.file}\u0000${finding.ruleId}\u0000${finding.reason.replace(/\d+/g, '#')}`
}

export function score(truth: Injection[], findings: Finding[], untouched: Finding[]): Scored {
  const byKind = new Map<string, Score>()
  const matched = new Set<Finding>()
  for (const injection of truth) {
    const entry = byKind.get(injection.kind) ?? {
      kind: injection.kind,
      rule: injection.rule,
      control: injection.control,
      injected: 0,
      flagged: 0,
      missed: []
    }
    byKind.set(injection.kind, entry)
    entry.injected++
    const found = findings.filter((finding) => hits(finding, injection))
    for (const finding of found) matched.add(finding)
    if (found.length > 0) entry.flagged++
    else if (!injection.control) entry.missed.push(injection)
  }
  const before = new Set(untouched.map(keyOf))
  const collateral = findings.filter((finding) => !matched.has(finding) && !before.has(keyOf(finding)))
  return {scores: [...byKind.values()], collateral}
}
