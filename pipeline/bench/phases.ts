// Where `galley check` spends its CPU, phase by phase, in the order runChecks runs them, with
// the heap each leaves behind. The rule sets are built as the preset builds them; the prose tree
// is built once per chapter, by the prose pass, and the cross-file rules collect from it.
//   node --import tsx --expose-gc pipeline/bench/phases.ts <folder>   → JSON on stdout
import path from 'node:path'
import {unified, type PluggableList} from 'unified'
import {chapterChecker, collectors} from '../checks/chapter.ts'
import {rules} from '../checks/index.ts'
import {markdownRules} from '../checks/markdown.ts'
import {manuscriptChecker} from '../checks/run.ts'
import {parseManuscript, readManuscript} from '../manuscript/read.ts'
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

let manuscript = parseManuscript(await readManuscript({root, cwd: root}))
await phase('read and parse (remark-parse, gfm, frontmatter)', async () => {
  manuscript = parseManuscript(await readManuscript({root, cwd: root}))
})
const {chapters} = manuscript

const markdown: PluggableList = markdownRules.map(({plugin, defaults}) => [plugin, [1, defaults]])
const lint = unified().use(markdown)
const allMarkdownOff = Object.fromEntries(markdownRules.map(({id}) => [id, 'off']))
const retext = chapterChecker(allMarkdownOff)
const manuscriptRuleIds = rules.filter((rule) => rule.kind === 'manuscript').map((rule) => rule.id)
const collect = collectors({})

// The chapter phase goes chapter by chapter, as in runChecks, so the prose tree of only one
// chapter is alive at a time; each step's CPU time is summed over the chapters.
const cpu = new Map<string, number>()
const timed = async (name: string, work: () => Promise<unknown> | unknown) => {
  const start = process.cpuUsage()
  const result = await work()
  const used = process.cpuUsage(start)
  cpu.set(name, (cpu.get(name) ?? 0) + (used.user + used.system) / 1000)
  return result
}
const features: Record<string, unknown[]> = {}
for (const {tree, file} of chapters) {
  await timed(`remark-lint rules (${markdown.length})`, () => lint.run(tree, file))
  await timed('remark-retext: prose tree + repeated-words', () => retext.run(tree, file))
  for (const id of manuscriptRuleIds) {
    await timed(`${id}: collect from each chapter`, () => (features[id] ??= []).push(collect[id]!(tree, file)))
  }
  delete file.data.prose
}
globalThis.gc?.()
for (const [name, cpuMs] of cpu) phases.push({phase: name, cpuMs, heapBytes: process.memoryUsage().heapUsed})

const files = chapters.map((chapter) => chapter.file)
for (const rule of [...manuscriptRuleIds, 'none']) {
  const settings = Object.fromEntries(manuscriptRuleIds.map((id) => [id, id === rule ? 'warn' : 'off']))
  const checker = manuscriptChecker(settings, rule === 'none' ? {} : {[rule]: {root, files, features: features[rule]!}})
  await phase(rule === 'none' ? 'comment control and severities' : `${rule}: across the manuscript`, async () => {
    for (const {tree, file} of chapters) await checker.run(tree, file)
  })
}

await phase('JSON report', () =>
  reporters.json(
    chapters.map((chapter) => chapter.file),
    {cwd: root}
  )
)
process.stdout.write(`${JSON.stringify(phases)}\n`)
