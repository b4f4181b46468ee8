// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
import type {VFile} from 'vfile'
import {findings, type Finding} from './findings.ts'
import type {ReporterOptions} from './index.ts'
import {printable} from './printable.ts'

const commands = {error: 'error', warning: 'warning', info: 'notice'} as const

export function github(files: VFile[], options: ReporterOptions): string {
  return findings(files, options.cwd)
    .flatMap((entry) => entry.findings.map((finding) => annotation(entry.path, finding)))
    .join('\n')
}

function annotation(path: string | null, finding: Finding): string {
  const {message} = finding
  const properties: Array<[string, string | number | null]> = [
    ['file', path],
    ['line', finding.line],
    ['col', finding.column],
    ['endLine', finding.endLine],
    ['endColumn', finding.endColumn],
    ['title', message.ruleId ? `${message.source ?? 'galley'}(${message.ruleId})` : (message.source ?? null)]
  ]
  const listed = properties
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',')
  return `::${commands[finding.severity]}${listed ? ` ${listed}` : ''}::${escapeData(message.reason)}`
}

// The escaping of `@actions/core`'s command.ts, which the runner decodes, after every other
// control character is shown escaped: an annotation is one line, and nothing in it reaches the
// log as a terminal escape or a second workflow command.
function escapeData(value: string): string {
  return printable(value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'))
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
