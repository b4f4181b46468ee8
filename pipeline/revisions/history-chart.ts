// The history page's chart: words, and findings by rule, over the revisions, as static SVG made
// by Vega-Lite without a browser (vega renders to SVG in Node). Static, so the page stays one
// offline file with no script; each point and bar carries its commit's subject as a <title>,
// which browsers show on hover.
import type {Element, ElementContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import type {HistoryEntry} from './history.ts'

/** The chart as hast (an <svg> element), for the page to place. */
export async function historyChart(entries: HistoryEntry[]): Promise<Element> {
  // Loaded here: vega is large, and only the history page draws.
  const [vega, {compile}] = await Promise.all([import('vega'), import('vega-lite')])
  const labels = entries.map((entry, index) => `${index + 1}. ${entry.commit.slice(0, 7)}`)
  const words = entries.map((entry, index) => ({
    revision: labels[index],
    commit: entry.commit.slice(0, 10),
    date: entry.date.slice(0, 10),
    subject: entry.subject,
    words: entry.words
  }))
  const findings = entries.flatMap((entry, index) =>
    Object.entries(entry.findings).map(([rule, count]) => ({revision: labels[index], subject: entry.subject, rule, count}))
  )
  const x = {
    field: 'revision',
    type: 'ordinal',
    sort: null,
    // Every revision has a place, findings or not, in the order of the history.
    scale: {domain: labels},
    axis: {labelAngle: -40, labelOverlap: true, title: null}
  }
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: {font: 'system-ui, sans-serif', view: {stroke: null}},
    vconcat: [
      {
        title: 'Words',
        width: 680,
        height: 150,
        data: {values: words},
        mark: {type: 'line', point: {filled: true, size: 50}, color: '#1f5fa8'},
        encoding: {
          x: {...x, axis: {...x.axis, labels: false, ticks: false}},
          y: {field: 'words', type: 'quantitative', title: null, scale: {zero: false}},
          tooltip: [
            {field: 'commit', title: 'commit'},
            {field: 'date', title: 'date'},
            {field: 'subject', title: 'subject'},
            {field: 'words', title: 'words', format: ','}
          ]
        }
      },
      {
        title: 'Findings by rule',
        width: 680,
        height: 150,
        data: {values: findings},
        mark: 'bar',
        encoding: {
          x,
          y: {aggregate: 'sum', field: 'count', type: 'quantitative', title: null},
          color: {field: 'rule', type: 'nominal', title: 'rule', scale: {scheme: 'tableau10'}},
          tooltip: [
            {field: 'revision', title: 'revision'},
            {field: 'subject', title: 'subject'},
            {field: 'rule', title: 'rule'},
            {field: 'count', aggregate: 'sum', title: 'findings'}
          ]
        }
      }
    ]
  }
  const view = new vega.View(vega.parse(compile(spec as never).spec), {renderer: 'none'})
  const svg = await view.toSVG()
  view.finalize()
  const tree = fromHtml(svg, {fragment: true})
  const chart = tree.children.find((child): child is Element => child.type === 'element' && child.tagName === 'svg')!
  addTitles(chart)
  chart.properties.role = 'img'
  chart.properties.ariaLabel = `Words and findings by rule over ${entries.length} revision${entries.length === 1 ? '' : 's'}`
  return chart
}

/** vega describes each mark in `aria-label`; a <title> child makes that the hover text too. */
function addTitles(node: Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const label = child.properties.ariaLabel
    // hast keeps a space-separated attribute as a list: `line mark` is ['line', 'mark'].
    const role = [child.properties.ariaRoleDescription ?? []].flat().join(' ')
    if (role !== '' && role !== 'line mark' && typeof label === 'string') {
      const title: ElementContent = {type: 'element', tagName: 'title', properties: {}, children: [{type: 'text', value: label}]}
      child.children = [title, ...child.children]
    }
    addTitles(child)
  }
}
