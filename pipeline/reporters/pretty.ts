// The human report, from vfile-reporter, with paths relative to the report's folder.
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import type {ReporterOptions} from './index.ts'
import {reportPath} from './findings.ts'

export function pretty(files: VFile[], options: ReporterOptions): string {
  const relocated = files.map((file) => {
    const copy = new VFile(file.path ? {path: reportPath(options.cwd, file.cwd, file.path), cwd: options.cwd} : {})
    copy.messages = file.messages
    return copy
  })
  // Colour only on request: a reporter that sniffs the terminal would not be pure.
  return reporter(relocated, {color: options.color ?? false, quiet: options.quiet, verbose: options.verbose})
}
