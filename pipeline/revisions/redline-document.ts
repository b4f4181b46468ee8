// The redline laid out like an edition (each chapter a `section.chapter` with its title, as
// the print layout expects), with the editorial side of the change: the findings the new
// revision introduced and those it fixed. Pure hast; render/ gives it a page.
import path from 'node:path'
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Op} from './align.ts'
import type {DeltaEntry} from './delta.ts'
import {redlineTree} from './redline.ts'
import type {Summary} from './summary.ts'

export interface RedlineLabels {
  /** The heading: "Comparison of HEAD~1 and HEAD". */
  heading: string
  oldLabel: string
  newLabel: string
}

export function redlineArticle(ops: Op[], summary: Summary, delta: DeltaEntry[], labels: RedlineLabels, cwd: string): Element {
  const body = redlineTree(ops, summary, {title: labels.heading, oldLabel: labels.oldLabel, newLabel: labels.newLabel})
  const article = body.children[0] as Element
  let number = 0
  for (const child of article.children) {
    if (child.type !== 'element' || child.tagName !== 'section') continue
    number++
    const title = child.children.find((node): node is Element => node.type === 'element' && node.tagName === 'h2')
    const classes = (child.properties.className as string[] | undefined) ?? []
    child.properties = {
      ...child.properties,
      className: [...classes, 'chapter'],
      id: `chapter-${number}`,
      dataTitle: title ? textOf(title) : undefined
    }
  }
  article.children.splice(2, 0, findingsSection(delta, cwd))
  article.properties.className = ['edition', 'redline']
  return article
}

/** The editorial side of the change: findings the new revision introduced, and those it fixed. */
function findingsSection(delta: DeltaEntry[], cwd: string): Element {
  const list = (state: DeltaEntry['state'], title: string): ElementContent[] => {
    const entries = delta.filter((entry) => entry.state === state)
    const items = entries.map((entry) => {
      const where = `${path.relative(cwd, path.resolve(entry.file.cwd, entry.file.path))}:${entry.message.line ?? 1}`
      return h('li', [h('code', where), ' ', ...withCode(entry.message.reason), ' ', h('span.rule', `(${entry.message.ruleId})`)])
    })
    return [h('h3', `${title} (${entries.length})`), items.length > 0 ? h('ul', items) : h('p', 'None.')]
  }
  return h('section.redline-findings', [h('h2', 'Editorial findings'), ...list('introduced', 'Introduced'), ...list('fixed', 'Fixed')])
}

/** A message's reason with its `quoted` words as code, as the README and the terminal show them. */
export function withCode(reason: string): ElementContent[] {
  return reason.split(/(`[^`]+`)/).flatMap((part): ElementContent[] => {
    if (part === '') return []
    return part.startsWith('`') && part.endsWith('`') && part.length > 1 ? [h('code', part.slice(1, -1))] : [{type: 'text', value: part}]
  })
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')
}
