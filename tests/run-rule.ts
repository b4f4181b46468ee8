// Run one Galley rule over in-memory chapters the way runChecks does (collect from each chapter,
// then the rule over all of them), for rule tests.
import {readFileSync} from 'node:fs'
import type {Root} from 'mdast'
import {unified, type Plugin} from 'unified'
import {VFile} from 'vfile'
import {parse} from '../pipeline/manuscript/parse.ts'

export interface Doc {
  path: string
  value: string
}

/** A cross-file rule's module: its options, its per-chapter collector and its plugin. */
export interface CrossFileRule {
  options: {parse(value: unknown): object}
  collect(tree: Root, file: VFile, settings: never): unknown
  default: Plugin<any[], Root>
}

export async function runRule(rule: CrossFileRule, options: object, docs: Doc[]): Promise<VFile[]> {
  const chapters = docs.map((doc) => {
    const file = new VFile({path: doc.path, value: doc.value})
    return {file, tree: parse(file)}
  })
  const settings = rule.options.parse(options)
  const manuscript = {
    files: chapters.map((chapter) => chapter.file),
    features: chapters.map(({tree, file}) => rule.collect(tree, file, settings as never))
  }
  const processor = unified().use(rule.default, [1, {...options, manuscript}])
  for (const {file, tree} of chapters) await processor.run(tree, file)
  return chapters.map((c) => c.file)
}

export function fixture(path: string): Doc {
  return {path, value: readFileSync(new URL(`fixtures/${path}`, import.meta.url), 'utf8')}
}
