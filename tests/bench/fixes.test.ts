// The accuracy run's score of `--fix`: a fault is repaired when its original text is back in place.
import {describe, expect, it} from 'vitest'
import {scoreFixes} from '../../pipeline/bench/accuracy/fixes.ts'
import type {Injection} from '../../pipeline/bench/accuracy/inject.ts'

const injection = (kind: string, line: number, column: number, original: string, injected: string): Injection => ({
  kind,
  rule: 'inconsistent-spelling',
  control: false,
  file: 'a.md',
  line,
  column,
  endColumn: column + injected.length,
  original,
  injected
})

describe('scoreFixes', () => {
  const original = new Map([['a.md', 'The color of the sea.\nA quiet line.\nThe receipt and the color.\n']])
  const truth = [
    injection('other-side', 1, 5, 'color', 'colour'),
    // Two faults on one line: the second's column counts the first's added letter.
    injection('doubled', 3, 5, 'receipt', 'receeipt'),
    injection('other-side', 3, 22, 'color', 'colour')
  ]

  it('counts a fixable fault repaired when its text is back, and ignores the kinds no fix is safe for', () => {
    const fixed = new Map([['a.md', 'The color of the sea.\nA quiet line.\nThe receeipt and the color.\n']])
    expect(scoreFixes(truth, original, fixed)).toEqual({fixable: 2, repaired: 2, missed: [], elsewhere: []})
  })

  it('reports a fault left as injected, and a line changed where nothing was injected', () => {
    const fixed = new Map([['a.md', 'The colour of the sea.\nA quite line.\nThe receeipt and the color.\n']])
    const score = scoreFixes(truth, original, fixed)
    expect([score.fixable, score.repaired, score.missed.map((one) => one.line), score.elsewhere]).toEqual([2, 1, [1], ['a.md:2']])
  })
})
