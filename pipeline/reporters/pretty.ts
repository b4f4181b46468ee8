// The human report, from vfile-reporter, with paths relative to the report's folder.
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporter} from 'vfile-reporter'
import type {ReporterOptions} from './index.ts'
import {reportPath} from './findings.ts'
import {printable} from './printable.ts'

export function pretty(files: VFile[], options: ReporterOptions): string {
  const relocated = files.map((file) => {
    const copy = new VFile(file.path ? {path: printable(reportPath(options.cwd, file.cwd, file.path)), cwd: options.cwd} : {})
    copy.messages = file.messages.map(escaped)
    return copy
  })
  // Colour only on request: a reporter that sniffs the terminal would not be pure.
  return reporter(relocated, {color: options.color ?? false, quiet: options.quiet, verbose: options.verbose})
}

/** A copy of the message whose words print as one line, with nothing the terminal would obey. */
function escaped(message: VFileMessage): VFileMessage {
  const copy: VFileMessage = Object.assign(Object.create(Object.getPrototypeOf(message) as object), message)
  for (const key of ['reason', 'message', 'ruleId', 'source', 'note'] as const) {
    if (typeof message[key] === 'string') copy[key] = printable(message[key])
  }
  return copy
}
