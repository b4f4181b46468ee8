// Input, usage and config problems: one line naming the file and the reason, exit code 2.
// Anything else that is thrown is a bug and keeps its stack trace for `--verbose`.
export class GalleyError extends Error {
  readonly file?: string
  constructor(file: string | undefined, reason: string, options?: {cause?: unknown}) {
    super(file ? `${file}: ${reason}` : reason, options)
    this.name = 'GalleyError'
    this.file = file
  }
}
