// `npm run bench -- --quick` end to end, as CI runs it so the bench cannot rot: it measures
// every row on 20 chapters and prints the table. Only the table's shape is checked here;
// how fast anything is belongs to the bench itself.
import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'

const results = path.resolve('pipeline/bench/RESULTS.md')

describe('bench --quick', () => {
  it('prints the table with every row, and leaves RESULTS.md alone', {timeout: 600_000}, async () => {
    const before = await readFile(results, 'utf8').catch(() => undefined)
    const {stdout} = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'pipeline/bench/index.ts', '--quick'], {
      maxBuffer: 2 ** 24
    })

    expect(stdout).toMatch(/^Machine: \d+ × .+, \d+ GB, Node v\d+/m)
    expect(stdout).toContain('| measure | Galley | baseline (same run) | ratio | target | |')
    const rows = stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| measure') && !line.startsWith('| ---'))
    const labels = rows.map((row) => row.split(' | ')[0]!.slice(2))
    expect(labels).toEqual([
      expect.stringMatching(/^check, cold \(20 chapters, [\d,]+ words\)$/),
      'check, cold, CPU time (user + system)',
      expect.stringMatching(/^check, warm \(1 chapter edited/),
      expect.stringMatching(/^repeated-paragraph 2× \(\d+ findings\) \/ 1× \(\d+\)$/),
      expect.stringMatching(/^repeated-paragraph 4× /),
      expect.stringMatching(/^inconsistent-name 2× /),
      expect.stringMatching(/^inconsistent-name 4× /),
      'both cross-file rules, share of cold check',
      'PDF',
      'check, peak RSS'
    ])
    // Every measured row has a number, a ratio where it compares, and a verdict where it has a target.
    const cell = (label: string, column: number) => rows[labels.indexOf(label)]!.split(' | ')[column]!
    expect(cell(labels[0]!, 1)).toMatch(/^\d+\.\d+ s$/)
    expect(cell(labels[0]!, 3)).toMatch(/^\d+\.\d+×$/)
    expect(cell(labels[0]!, 5)).toMatch(/^(met|\*\*missed\*\*) \|$/)
    expect(cell('both cross-file rules, share of cold check', 3)).toMatch(/^\d+%$/)
    expect(cell('check, peak RSS', 1)).toMatch(/^\d+ MB$/)
    expect(cell('PDF', 1)).toBe('skipped (--quick; add --pdf)')
    expect(await readFile(results, 'utf8').catch(() => undefined)).toBe(before)
  })
})
