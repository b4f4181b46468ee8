// Run one manuscript rule over in-memory chapters the way runChecks does (collect from each
// chapter, then the rule over all of them), for rule tests.
import {readFileSync} from 'node:fs'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {ManuscriptRule} from '../pipeline/checks/rule.ts'
import {parse} from '../pipeline/manuscript/parse.ts'

export interface Doc {
  path: string
  value: string
}

export async function runRule(rule: ManuscriptRule, options: object, docs: Doc[]): Promise<VFile[]> {
  const chapters = docs.map((doc) => {
    const file = new VFile({path: doc.path, value: doc.value})
    return {file, tree: parse(file)}
  })
  const settings = rule.options.parse(options)
  const manuscript = {
    root: process.cwd(),
    files: chapters.map((chapter) => chapter.file),
    features: chapters.map(({tree, file}) => rule.collect(tree, file, settings))
  }
  const processor = unified().use(rule.plugin, [1, {...options, manuscript}] as never)
  for (const {file, tree} of chapters) await processor.run(tree, file)
  return chapters.map((c) => c.file)
}

export function fixture(path: string): Doc {
  return {path, value: readFileSync(new URL(`fixtures/${path}`, import.meta.url), 'utf8')}
}
