// The human report, from vfile-reporter, with paths relative to the report's folder.
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporter} from 'vfile-reporter'
import type {ReporterOptions} from './index.ts'
import {reportPath} from './findings.ts'
import {printable} from './printable.ts'

export function pretty(files: VFile[], options: ReporterOptions): string {
  const relocated = files.map((file) => {
    const shown = file.path ? printable(reportPath(options.cwd, file.cwd, file.path)) : undefined
    const copy = new VFile(shown ? {path: shown, cwd: options.cwd} : {})
    copy.messages = file.messages.map((message) => escaped(message, file, shown, options.cwd))
    return copy
  })
  // Colour only on request: a reporter that sniffs the terminal would not be pure.
  return reporter(relocated, {color: options.color ?? false, quiet: options.quiet, verbose: options.verbose})
}

/**
 * A copy of the message whose words print as one line, with nothing the terminal would obey.
 * vfile-reporter prints a cause's place as if it were in the message's file: a cause in
 * another chapter (the earlier of two repeated paragraphs) names its own file instead.
 */
function escaped(message: VFileMessage, file: VFile, shown: string | undefined, cwd: string): VFileMessage {
  const copy: VFileMessage = Object.assign(Object.create(Object.getPrototypeOf(message) as object), message)
  for (const key of ['reason', 'message', 'ruleId', 'source', 'note'] as const) {
    if (typeof message[key] === 'string') copy[key] = printable(message[key])
  }
  const cause = message.cause
  if (isMessage(cause) && cause.file && file.path) {
    const elsewhere = printable(reportPath(cwd, file.cwd, cause.file))
    if (elsewhere !== shown) {
      const moved = escaped(cause, file, shown, cwd)
      const where = cause.line ? `${elsewhere}:${cause.line}:${cause.column}` : elsewhere
      Object.assign(moved, {
        reason: `${where}: ${moved.reason}`,
        message: `${where}: ${moved.reason}`,
        line: undefined,
        column: undefined,
        place: undefined
      })
      copy.cause = moved
    }
  }
  return copy
}

function isMessage(value: unknown): value is VFileMessage {
  return typeof value === 'object' && value !== null && 'reason' in value && 'fatal' in value
}
