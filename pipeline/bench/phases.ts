// Where `galley check` spends its CPU, phase by phase, in the order runChecks runs them, with
// the heap each leaves behind. The rule sets are built as the preset builds them; each
// manuscript rule pays for the prose trees it builds (prose.ts does not keep them).
//   node --import tsx --expose-gc pipeline/bench/phases.ts <folder>   → JSON on stdout
import path from 'node:path'
import {unified, type PluggableList} from 'unified'
import {chapterChecker, manuscriptChecker, markdownRules} from '../checks/index.ts'
import {readManuscript} from '../manuscript/read.ts'
import {reporters} from '../reporters/index.ts'

export interface Phase {
  phase: string
  cpuMs: number
  /** Heap in use after the phase and a full collection: what the phase leaves alive. */
  heapBytes: number
}

const folder = process.argv[2]
if (!folder) throw new Error('usage: phases.ts <folder>')
const root = path.resolve(folder)
const phases: Phase[] = []

async function phase(name: string, work: () => Promise<unknown> | unknown): Promise<void> {
  const start = process.cpuUsage()
  await work()
  const used = process.cpuUsage(start)
  globalThis.gc?.()
  phases.push({phase: name, cpuMs: (used.user + used.system) / 1000, heapBytes: process.memoryUsage().heapUsed})
}

let manuscript = await readManuscript({root, cwd: root})
await phase('read and parse (remark-parse, gfm, frontmatter)', async () => {
  manuscript = await readManuscript({root, cwd: root})
})
const {chapters} = manuscript

const markdown: PluggableList = Object.values(markdownRules).map(({plugin, option}) => [plugin, [1, option]])
const lint = unified().use(markdown)
await phase(`remark-lint rules (${markdown.length})`, async () => {
  for (const {tree, file} of chapters) await lint.run(tree, file)
})

const allMarkdownOff = Object.fromEntries(Object.keys(markdownRules).map((id) => [id, 'off']))
const retext = chapterChecker(allMarkdownOff)
await phase('remark-retext: prose tree + repeated-words', async () => {
  for (const {tree, file} of chapters) await retext.run(tree, file)
})

const manuscriptRuleIds = ['repeated-paragraph', 'inconsistent-name', 'acronym-expansion']
for (const rule of [...manuscriptRuleIds, 'none']) {
  const settings = Object.fromEntries(manuscriptRuleIds.map((id) => [id, id === rule ? 'warn' : 'off']))
  const checker = manuscriptChecker(settings, manuscript)
  await phase(rule === 'none' ? 'comment control and severities' : rule, async () => {
    for (const {tree, file} of chapters) await checker.run(tree, file)
  })
}

await phase('JSON report', () => reporters.json(chapters.map((chapter) => chapter.file), {cwd: root}))
process.stdout.write(`${JSON.stringify(phases)}\n`)
