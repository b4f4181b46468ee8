// The bench's one table: every row a measurement of Galley, the baseline measured in the same
// run, their ratio and the target it is held to. Printed, and written to RESULTS.md.

export interface Row {
  measure: string
  galley: string
  baseline: string
  ratio: string
  target: string
  /** true met, false missed, undefined when there is no target or no number. */
  met?: boolean
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : 'n/a')
export const megabytes = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? `${Math.round(bytes / 2 ** 20)} MB` : 'n/a')
export const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a')
export const percent = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : 'n/a')

export function tableMarkdown(rows: Row[]): string {
  const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : '**missed**')
  return [
    '| measure | Galley | baseline (same run) | ratio | target | |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((row) => `| ${row.measure} | ${row.galley} | ${row.baseline} | ${row.ratio} | ${row.target} | ${mark(row.met)} |`)
  ].join('\n')
}
