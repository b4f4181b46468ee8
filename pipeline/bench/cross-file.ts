// How the cross-file rules scale: repeated-paragraph and inconsistent-name, alone and together,
// on the manuscript repeated 1, 2 and 4 times, each copy with one word swapped per paragraph.
// Each rule's two halves are timed: collecting from every chapter (over the chapter's trees,
// which the check builds anyway, so they are built untimed) and the manuscript-wide pass through
// the preset's manuscriptChecker. As in a check, a chapter's trees live only while it is
// collected from: what stays is what the rules collected. A child process of the bench:
//   node --import tsx pipeline/bench/cross-file.ts <folder> <runs> <scale>…   → JSON on stdout
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {VFile} from 'vfile'
import {collectors} from '../checks/chapter.ts'
import {rules as registry} from '../checks/index.ts'
import {manuscriptChecker} from '../checks/run.ts'
import {prose} from '../manuscript/prose.ts'
import {chapterFromBytes, parseChapter, readManuscript} from '../manuscript/read.ts'
import type {Chapter, Manuscript} from '../manuscript/types.ts'

export const measuredRules = ['repeated-paragraph', 'inconsistent-name'] as const
export const ruleSets: Record<string, string[]> = {
  'repeated-paragraph': ['repeated-paragraph'],
  'inconsistent-name': ['inconsistent-name'],
  both: [...measuredRules]
}

export interface CrossFileResult {
  /** scale → rule set → milliseconds of each run */
  times: Record<string, Record<string, number[]>>
  /** scale → rule set → findings of the last run, to show the rules did their work */
  findings: Record<string, Record<string, number>>
  words: Record<string, number>
}

/** Copy `copy` (1, 2, …) of a chapter: in every paragraph two neighbouring words trade places. */
export function varyChapter(markdown: string, copy: number): string {
  const blocks = markdown.split('\n\n')
  return blocks
    .map((block, index) => {
      if (/^(#|---)/.test(block)) return block
      const words = block.split(' ')
      if (words.length < 2) return block
      const at = (copy * 7 + index * 3) % (words.length - 1)
      ;[words[at], words[at + 1]] = [words[at + 1]!, words[at]!]
      return words.join(' ')
    })
    .join('\n\n')
}

function scaled(manuscript: Manuscript, scale: number): Chapter[] {
  const chapters = [...manuscript.chapters]
  for (let copy = 1; copy < scale; copy++) {
    for (const {file} of manuscript.chapters) {
      const text = varyChapter(String(file.value), copy)
      chapters.push(chapterFromBytes(path.join(`copy-${copy}`, file.path), Buffer.from(text), manuscript.root))
    }
  }
  return chapters
}

async function timeRules(chapters: Chapter[], rules: string[]): Promise<{ms: number; findings: number}> {
  const settings = Object.fromEntries(registry.filter((rule) => rule.kind === 'manuscript').map((rule) => [rule.id, 'off']))
  for (const rule of rules) settings[rule] = 'warn'
  const collect = collectors(settings)
  const features: Record<string, unknown[]> = {}
  // Fresh files for each run: the rules leave their messages on them.
  const files = chapters.map(({file}) => new VFile({path: file.path, cwd: file.cwd, value: file.value}))
  let ms = 0
  for (const file of files) {
    const tree = parseChapter(file)
    file.data.prose = prose(tree, file)
    const start = performance.now()
    for (const [id, take] of Object.entries(collect)) (features[id] ??= []).push(take(tree, file) as unknown)
    ms += performance.now() - start
    delete file.data.prose
  }
  const start = performance.now()
  const collected = Object.fromEntries(Object.entries(features).map(([id, list]) => [id, {root: process.cwd(), files, features: list}]))
  const checker = manuscriptChecker(settings, collected)
  // A chapter without comment control is given no tree in a check, as here.
  for (const file of files) await checker.run({type: 'root', children: []}, file)
  ms += performance.now() - start
  return {ms, findings: files.reduce((sum, file) => sum + file.messages.length, 0)}
}

async function main(): Promise<void> {
  const [folder, runsArg, ...scaleArgs] = process.argv.slice(2)
  if (!folder || !runsArg || scaleArgs.length === 0) throw new Error('usage: cross-file.ts <folder> <runs> <scale>…')
  const root = path.resolve(folder)
  const manuscript = await readManuscript({root, cwd: root})
  const result: CrossFileResult = {times: {}, findings: {}, words: {}}
  for (const scale of scaleArgs.map(Number)) {
    const chapters = scaled(manuscript, scale)
    result.words[scale] = chapters.reduce((sum, {file}) => sum + String(file.value).split(/\s+/).length, 0)
    result.times[scale] = {}
    result.findings[scale] = {}
    // One untimed pass first, so the first timed run does not pay for compiling the rules.
    if (scale === Number(scaleArgs[0])) for (const rules of Object.values(ruleSets)) await timeRules(chapters, rules)
    for (let run = 0; run < Number(runsArg); run++) {
      // Rule sets take turns within a run, so noise from other processes spreads over all of them.
      for (const [name, rules] of Object.entries(ruleSets)) {
        const {ms, findings} = await timeRules(chapters, rules)
        ;(result.times[scale]![name] ??= []).push(ms)
        result.findings[scale]![name] = findings
      }
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
