// What the rules' style-sheet sections share: a finding as the sheet lists an exception.
import type {VFileMessage} from 'vfile-message'
import type {SheetEntry} from './rule.ts'

/** `chapter.md:12:5 color`: where the book departs from a choice, and how. */
export function exceptionOf(message: VFileMessage): string {
  return `${message.file}:${message.line}:${message.column} ${message.actual ?? ''}`.trimEnd()
}

/** The findings whose `expected` is one form, as exceptions to it. */
export function exceptionsTo(findings: VFileMessage[], form: string): string[] | undefined {
  const found = findings.filter((message) => message.expected?.[0]?.toLowerCase() === form.toLowerCase()).map(exceptionOf)
  return found.length > 0 ? found : undefined
}

/** Each form's uses among `used`, and the form used most (a tie goes to the form used first). */
export function formCounts(
  forms: readonly string[],
  used: Array<{form: string}>
): {counts: Record<string, number>; majority: string | undefined} {
  const counts: Record<string, number> = Object.fromEntries(forms.map((form) => [form, 0]))
  for (const use of used) counts[use.form]!++
  const majority = forms.reduce(
    (best: string | undefined, form) => (best === undefined || counts[form]! > counts[best]! ? form : best),
    used[0]?.form
  )
  return {counts, majority: used.length > 0 ? majority : undefined}
}

/** One house choice as a style-sheet entry: `quotes: curly`, its uses, the other forms' uses, and the findings against it. */
export function choiceEntry(
  choice: string,
  {house, counts, setBy}: {house: string; counts: Record<string, number>; setBy: string | undefined},
  findings: VFileMessage[]
): SheetEntry {
  const others = Object.entries(counts).filter(([form, count]) => form !== house && count > 0)
  const exceptions = findings.filter((message) => (message as {data?: {kind?: string}}).data?.kind === choice).map(exceptionOf)
  const note = [setBy ? `set by ${setBy}` : '', ...others.map(([form, count]) => `${form} ${count}`)].filter(Boolean).join(', ')
  return {
    term: `${choice}: ${house}`,
    count: counts[house],
    note: note || undefined,
    exceptions: exceptions.length > 0 ? exceptions : undefined
  }
}
