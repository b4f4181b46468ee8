// Every finding as JSON, for scripts and editors: one entry per file, null where a field is absent.
import type {VFile} from 'vfile'
import {findings, type Finding} from './findings.ts'
import type {ReporterOptions} from './index.ts'

export function json(files: VFile[], options: ReporterOptions): string {
  const entries = findings(files, options.cwd)
    .filter((entry) => !options.quiet || entry.findings.length > 0)
    .map((entry) => ({path: entry.path, messages: entry.findings.map(toJson)}))
  return JSON.stringify(entries, null, 2)
}

function toJson(finding: Finding) {
  const {message} = finding
  return {
    reason: message.reason,
    ruleId: message.ruleId ?? null,
    source: message.source ?? null,
    severity: finding.severity,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    actual: message.actual ?? null,
    expected: message.expected ?? null,
    url: message.url ?? null,
    related: finding.related,
    data: finding.data
  }
}
