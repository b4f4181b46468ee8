// The three faces of `galley history`: a terminal table, JSON, and an HTML page with a chart.
// Pure functions of the entries, like the reporters.
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {historyChart} from './history-chart.ts'
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

/**
 * A static page: the chart is inline SVG (Vega-Lite, rendered without a browser), so it needs
 * no script and opens offline; the table gives every revision with its subject.
 */
export async function historyHtml(entries: HistoryEntry[], title: string): Promise<string> {
  const rules = rulesOf(entries)
  const count = `${entries.length} revision${entries.length === 1 ? '' : 's'}`
  const tree = h(null, [
    {type: 'doctype'},
    h('html', {lang: 'en'}, [
      h('head', [h('meta', {charset: 'utf-8'}), h('title', `History of ${title}`), h('style', css)]),
      h('body', [
        h('h1', `History of ${title}`),
        h('p.lede', `${count} that touched the manuscript, oldest first.`),
        entries.length > 0
          ? h('figure', [
              await historyChart(entries),
              h('figcaption', `Words, and findings by rule, over ${count}. Hover a point or a bar for its commit.`)
            ])
          : undefined,
        h('table', [
          h(
            'thead',
            h(
              'tr',
              ['commit', 'date', 'author', 'subject', 'words', '+lines', '−lines', 'findings', ...rules].map((name) => h('th', name))
            )
          ),
          h(
            'tbody',
            entries.map((e) =>
              h('tr', [
                h('td', h('code', e.commit.slice(0, 10))),
                h('td', e.date.slice(0, 10)),
                h('td', e.author),
                h('td.subject', e.subject),
                h('td', e.words.toLocaleString('en')),
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

const css = `
body { font: 15px/1.45 system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1d; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } .lede { color: #555; margin-top: 0; }
figure { margin: 1.5rem 0; } figcaption { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
td, th { padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right; vertical-align: top; }
td:nth-child(-n+4), th:nth-child(-n+4) { text-align: left; } th { font-weight: 600; border-bottom: 2px solid #999; }
.subject { min-width: 14rem; } td:nth-child(-n+3) { white-space: nowrap; }
`

function total(entry: HistoryEntry): number {
  return Object.values(entry.findings).reduce((sum, n) => sum + n, 0)
}

function rulesOf(entries: HistoryEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => Object.keys(e.findings)))].sort()
}
