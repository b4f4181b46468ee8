// The three faces of `galley history`: a terminal table, JSON, and an HTML page with a chart.
// Pure functions of the entries, like the reporters.
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import type {HistoryEntry} from './history.ts'
import {textTable} from './text-table.ts'

export function historyTable(entries: HistoryEntry[]): string {
  const rules = rulesOf(entries)
  const header = ['commit', 'date', 'author', 'words', '+lines', '-lines', 'findings', ...rules]
  const rows = entries.map((e) => [
    e.commit.slice(0, 10),
    e.date.slice(0, 10),
    e.author,
    String(e.words),
    String(e.change.added),
    String(e.change.removed),
    String(total(e)),
    ...rules.map((rule) => String(e.findings[rule] ?? 0))
  ])
  return textTable(header, rows, 3)
}

export function historyJson(entries: HistoryEntry[]): string {
  return JSON.stringify(entries, null, 2)
}

/** A static page: the chart is inline SVG, so it needs no script and opens offline. */
export function historyHtml(entries: HistoryEntry[], title: string): string {
  const width = 720
  const height = 240
  const pad = 40
  const x = (index: number) => pad + (entries.length <= 1 ? 0 : (index * (width - 2 * pad)) / (entries.length - 1))
  const maxWords = Math.max(1, ...entries.map((e) => e.words))
  const maxFindings = Math.max(1, ...entries.map(total))
  const y = (value: number, max: number) => height - pad - (value * (height - 2 * pad)) / max
  const points = (value: (e: HistoryEntry) => number, max: number) => entries.map((e, i) => `${x(i)},${y(value(e), max)}`).join(' ')
  const rules = rulesOf(entries)
  const tree = h(null, [
    {type: 'doctype'},
    h('html', {lang: 'en'}, [
      h('head', [
        h('meta', {charset: 'utf-8'}),
        h('title', `History of ${title}`),
        h(
          'style',
          'body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ccc;text-align:right}td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}.words{stroke:#1f5fa8}.findings{stroke:#b3261e;stroke-dasharray:6 4}polyline{fill:none;stroke-width:2}'
        )
      ]),
      h('body', [
        h('h1', `History of ${title}`),
        h('figure', [
          h('svg', {viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Words and findings over revisions'}, [
            h('polyline.words', {points: points((e) => e.words, maxWords)}),
            h('polyline.findings', {points: points(total, maxFindings)}),
            h('text', {x: pad, y: 16}, `words (max ${maxWords}) — solid; findings (max ${maxFindings}) — dashed`)
          ]),
          h('figcaption', `${entries.length} revisions`)
        ]),
        h('table', [
          h(
            'thead',
            h(
              'tr',
              ['commit', 'date', 'author', 'words', '+lines', '−lines', 'findings', ...rules].map((title) => h('th', title))
            )
          ),
          h(
            'tbody',
            entries.map((e) =>
              h('tr', [
                h('td', h('code', e.commit.slice(0, 10))),
                h('td', e.date.slice(0, 10)),
                h('td', e.author),
                h('td', String(e.words)),
                h('td', String(e.change.added)),
                h('td', String(e.change.removed)),
                h('td', String(total(e))),
                ...rules.map((rule) => h('td', String(e.findings[rule] ?? 0)))
              ])
            )
          )
        ])
      ])
    ])
  ])
  return toHtml(tree)
}

function total(entry: HistoryEntry): number {
  return Object.values(entry.findings).reduce((sum, n) => sum + n, 0)
}

function rulesOf(entries: HistoryEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => Object.keys(e.findings)))].sort()
}
