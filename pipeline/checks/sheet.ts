// What the rules' style-sheet sections share: a finding as the sheet lists an exception.
import type {VFileMessage} from 'vfile-message'

/** `chapter.md:12:5 color`: where the book departs from a choice, and how. */
export function exceptionOf(message: VFileMessage): string {
  return `${message.file}:${message.line}:${message.column} ${message.actual ?? ''}`.trimEnd()
}

/** The findings whose `expected` is one form, as exceptions to it. */
export function exceptionsTo(findings: VFileMessage[], form: string): string[] | undefined {
  const found = findings.filter((message) => message.expected?.[0]?.toLowerCase() === form.toLowerCase()).map(exceptionOf)
  return found.length > 0 ? found : undefined
}
