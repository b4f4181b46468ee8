// Run one Galley rule over in-memory chapters, the way the preset does, for rule tests.
import {readFileSync} from 'node:fs'
import type {Root} from 'mdast'
import {unified, type Plugin} from 'unified'
import {VFile} from 'vfile'
import {parse} from '../pipeline/manuscript/parse.ts'
import type {Manuscript} from '../pipeline/manuscript/types.ts'

export interface Doc {
  path: string
  value: string
}

export async function runRule(rule: Plugin<any[], Root>, options: object, docs: Doc[]): Promise<VFile[]> {
  const chapters = docs.map((doc) => {
    const file = new VFile({path: doc.path, value: doc.value})
    return {file, tree: parse(file)}
  })
  const manuscript: Manuscript = {root: '.', chapters}
  const processor = unified().use(rule, [1, {...options, manuscript}])
  for (const {file, tree} of chapters) await processor.run(tree, file)
  return chapters.map((c) => c.file)
}

export function fixture(path: string): Doc {
  return {path, value: readFileSync(new URL(`fixtures/${path}`, import.meta.url), 'utf8')}
}
