// `galley check --fix` on the injected book, held against the untouched one, line by line (the
// injections add no lines): which injected faults of the safely fixable kinds it repaired (the
// original text is back at the fault's place, with a few letters of context either side), and
// which lines without an injection it changed (the book's own inconsistencies, each to be read).
import type {Injection} from './inject.ts'

/** The injection kinds whose rule's fix is safe and whose finding has one expected. */
export const fixableKinds = new Set([
  'other-side',
  'closed-up',
  'hyphenated',
  'lower-cased',
  'straight-quote',
  'curly-quote',
  'dash',
  'figures',
  'range',
  'thousands'
])

export interface FixScore {
  fixable: number
  repaired: number
  missed: Injection[]
  /** Lines with no injection that the fixes changed: `file:line`, original → fixed. */
  elsewhere: string[]
}

export function scoreFixes(truth: Injection[], original: Map<string, string>, fixed: Map<string, string>): FixScore {
  const injected = new Map<string, Injection[]>()
  for (const injection of truth) {
    const key = `${injection.file}:${injection.line}`
    injected.set(key, [...(injected.get(key) ?? []), injection])
  }
  const score: FixScore = {fixable: 0, repaired: 0, missed: [], elsewhere: []}
  for (const [file, text] of original) {
    const before = text.split('\n')
    const after = (fixed.get(file) ?? '').split('\n')
    before.forEach((line, index) => {
      const here = (injected.get(`${file}:${index + 1}`) ?? []).sort((one, other) => one.column - other.column)
      if (here.length === 0) {
        if (after[index] !== line) score.elsewhere.push(`${file}:${index + 1}`)
        return
      }
      // Each fault's place in the original line: its column, less what the faults before it added.
      let shift = 0
      for (const injection of here) {
        const at = injection.column - 1 - shift
        shift += injection.injected.length - injection.original.length
        if (!fixableKinds.has(injection.kind)) continue
        score.fixable++
        // Repaired when the original text is back, with a few letters of its own context either side.
        const context = line.slice(Math.max(0, at - 6), at + injection.original.length + 6)
        if (after[index]?.includes(context)) score.repaired++
        else score.missed.push(injection)
      }
    })
  }
  return score
}
