// `unclosed-html`: raw HTML that would hide the rest of the chapter. An element the editions
// remove with its content (`<template>`, `<textarea>`, `<script>`…) or a comment, opened and
// never closed, takes in every word after it. The editions keep the text (they drop the tag);
// this rule says so, because the author meant something else.
import {lintRule} from 'unified-lint-rule'
import type {Html, Root} from 'mdast'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {z} from 'zod'
import {unclosedHtml} from '../manuscript/raw-html.ts'
import type {MarkdownRule} from './rule.ts'
import {ruleUrl} from './url.ts'

export const rule: MarkdownRule = {
  id: 'unclosed-html',
  kind: 'markdown',
  source: 'galley',
  summary: 'Raw HTML opened and never closed that would hide the text after it (`<template>`, `<textarea>`, `<!--`…).',
  options: z.strictObject({}),
  defaults: undefined,
  plugin: lintRule<Root>({origin: 'galley:unclosed-html', url: ruleUrl('unclosed-html')}, function (tree, file) {
    for (const {node, name, start, end} of unclosedHtml(tree)) {
      const shown = node.value.slice(start, end).replace(/\s+/g, ' ')
      const what = name === '!--' ? 'HTML comment `<!--`' : `\`${shown.length > 40 ? `<${name} …>` : shown}\``
      const closing = name === '!--' ? '-->' : `</${name}>`
      const message = file.message(`Unexpected unclosed ${what}, which would hide the text after it; close it with \`${closing}\``, {
        place: placeOf(node, start, end, file)
      })
      message.actual = node.value.slice(start, end)
      message.expected = [closing]
    }
  })
}

/** The tag's own place when the node's value is its source as written (not inside a quote), else the node's. */
function placeOf(node: Html, start: number, end: number, file: VFile) {
  const from = node.position?.start.offset
  const to = node.position?.end.offset
  if (from === undefined || to === undefined || String(file.value).slice(from, to) !== node.value) return node.position
  const points = location(file)
  return {start: points.toPoint(from + start)!, end: points.toPoint(from + end)!}
}
