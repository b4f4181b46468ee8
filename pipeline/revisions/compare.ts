// `galley diff <old> [<new>]`: read two revisions (git revisions, or two folders or files),
// align them, check both, and write the redline as an HTML and a PDF edition.
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {slugOf} from '../build.ts'
import {runChecks} from '../check.ts'
import {loadConfig} from '../config/load.ts'
import type {Config} from '../config/schema.ts'
import {GalleyError} from '../errors.ts'
import {metadataOf, readManuscript} from '../manuscript/read.ts'
import type {Manuscript} from '../manuscript/types.ts'
import {openBrowser} from '../render/browser.ts'
import {fontFaceCss} from '../render/fonts.ts'
import {printTree} from '../render/print.ts'
import {sweepTemporary, writeAtomic} from '../fs/write.ts'
import type {Op} from './align.ts'
import {deltaOf, type DeltaEntry} from './delta.ts'
import {diffManuscripts} from './diff.ts'
import {redlineCss, redlineTree} from './redline.ts'
import {manuscriptAt} from './revision.ts'
import type {Summary} from './summary.ts'

export interface CompareOptions {
  cwd?: string
  configFile?: string
  /** A git revision, or a folder or file when `new` is one too (or is left out and `old` is a path). */
  old: string
  /** A git revision, a folder or file; by default the working tree. */
  new?: string
  out?: string
  editions?: Array<'html' | 'pdf'>
}

export interface CompareResult {
  summary: Summary
  ops: Op[]
  delta: DeltaEntry[]
  oldLabel: string
  newLabel: string
  written: string[]
}

export async function compare(options: CompareOptions): Promise<CompareResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = await loadConfig(cwd, options.configFile)
  const [before, after, oldLabel, newLabel] = await readBoth(cwd, config, options)
  for (const manuscript of [before, after]) {
    const broken = manuscript.chapters.find((chapter) => chapter.file.data.unreadable)
    if (broken) throw new GalleyError(broken.file.path, broken.file.messages[0]?.reason ?? 'cannot be read')
  }

  const {ops, summary} = diffManuscripts(before, after)
  await runChecks(before, config)
  await runChecks(after, config)
  const delta = deltaOf(
    before.chapters.map((c) => c.file),
    after.chapters.map((c) => c.file)
  )

  const title = metadataOf(after).title ?? metadataOf(before).title ?? path.basename(after.root)
  const heading = `Comparison of ${oldLabel} and ${newLabel}`
  const document = (medium: 'screen' | 'print') =>
    redlineDocument(ops, summary, delta, {title, heading, oldLabel, newLabel, lang: metadataOf(after).lang, medium, cwd})
  const editions = options.editions ?? ['html', 'pdf']
  const outputs: Array<[string, string | Uint8Array]> = []
  const slug = slugOf(title)
  if (editions.includes('html')) outputs.push([`${slug}.diff.html`, toHtml(document('screen'))])
  if (editions.includes('pdf')) {
    const browser = await openBrowser(config.browser)
    try {
      const metadata = {...metadataOf(after), title: heading, subject: `Changes to ${title}`}
      const printed = await printTree(
        document('print'),
        {metadata, edition: {...config.edition, hyphenate: false}, timeout: config.browser.timeout},
        {browser, name: `${slug}.diff.pdf`}
      )
      outputs.push([`${slug}.diff.pdf`, printed.pdf])
    } finally {
      await browser.close()
    }
  }

  const outDir = path.resolve(cwd, options.out ?? path.resolve(config.base, config.output))
  await sweepTemporary(outDir)
  const written: string[] = []
  for (const [name, data] of outputs) {
    await writeAtomic(path.join(outDir, name), data)
    written.push(path.relative(cwd, path.join(outDir, name)))
  }
  return {summary, ops, delta, oldLabel, newLabel, written}
}

async function readBoth(cwd: string, config: Config, options: CompareOptions): Promise<[Manuscript, Manuscript, string, string]> {
  const oldPath = path.resolve(cwd, options.old)
  const newPath = options.new === undefined ? undefined : path.resolve(cwd, options.new)
  // Two paths compare without git; a path and nothing compares against the configured manuscript.
  if (existsSync(oldPath) && (newPath === undefined || existsSync(newPath))) {
    const before = await readManuscript({root: oldPath, cwd: path.dirname(oldPath)})
    const afterRoot = newPath ?? path.resolve(config.base, config.manuscript)
    const after = await readManuscript({root: afterRoot, cwd: path.dirname(afterRoot)})
    return [before, after, path.relative(cwd, oldPath) || '.', path.relative(cwd, afterRoot) || '.']
  }
  const where = {root: path.resolve(config.base, config.manuscript), chapters: config.chapters}
  const before = await manuscriptAt(cwd, where, options.old)
  const after = await manuscriptAt(cwd, where, options.new)
  return [before, after, options.old, options.new ?? 'the working tree']
}

interface DocumentOptions {
  title: string
  heading: string
  oldLabel: string
  newLabel: string
  lang: string
  medium: 'screen' | 'print'
  cwd: string
}

/** The redline as a document the print pipeline knows: each chapter a `section.chapter` with a title. */
function redlineDocument(ops: Op[], summary: Summary, delta: DeltaEntry[], options: DocumentOptions): Root {
  const body = redlineTree(ops, summary, {title: options.heading, oldLabel: options.oldLabel, newLabel: options.newLabel})
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
  article.children.splice(2, 0, findingsSection(delta, options.cwd))
  article.properties.className = ['edition', 'redline']
  const css = readFileSync(new URL(`../../styles/${options.medium}.css`, import.meta.url), 'utf8')
  return {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: options.lang}, [
        h('head', [
          h('meta', {charSet: 'utf-8'}),
          h('meta', {
            httpEquiv: 'Content-Security-Policy',
            content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
          }),
          h('title', options.heading),
          h('meta', {name: 'generator', content: 'Galley'}),
          h('style', `${fontFaceCss()}\n${css}\n${redlineCss}`)
        ]),
        h('body', [article])
      ])
    ]
  }
}

/** The editorial side of the change: findings the new revision introduced, and those it fixed. */
function findingsSection(delta: DeltaEntry[], cwd: string): Element {
  const list = (state: DeltaEntry['state'], title: string): ElementContent[] => {
    const entries = delta.filter((entry) => entry.state === state)
    const items = entries.map((entry) => {
      const where = `${path.relative(cwd, path.resolve(entry.file.cwd, entry.file.path))}:${entry.message.line ?? 1}`
      return h('li', [h('code', where), ' ', entry.message.reason, ' ', h('span.rule', `(${entry.message.ruleId})`)])
    })
    return [h('h3', `${title} (${entries.length})`), items.length > 0 ? h('ul', items) : h('p', 'None.')]
  }
  return h('section.redline-findings', [h('h2', 'Editorial findings'), ...list('introduced', 'Introduced'), ...list('fixed', 'Fixed')])
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')
}

/** The summary for the terminal: one row per chapter, then the total and the finding delta. */
export function summaryText(result: CompareResult): string {
  const header = ['chapter', 'status', '+words', '-words', '+blocks', '-blocks', 'moved', 'edited']
  const row = (name: string, status: string, c: Summary['total']) => [
    name,
    status,
    ...[c.wordsAdded, c.wordsRemoved, c.blocksAdded, c.blocksRemoved, c.blocksMoved, c.blocksEdited].map(String)
  ]
  const rows = [...result.summary.chapters.map((c) => row(c.chapter, c.status, c)), row('total', '', result.summary.total)]
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((r) => r[column]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column >= 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  const count = (state: DeltaEntry['state']) => result.delta.filter((entry) => entry.state === state).length
  return [
    `Comparison of ${result.oldLabel} and ${result.newLabel}`,
    line(header),
    ...rows.map(line),
    `findings: ${count('introduced')} introduced, ${count('fixed')} fixed, ${count('persisting')} persisting`
  ].join('\n')
}
