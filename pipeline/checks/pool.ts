// The chapter phase over many chapters: here, one after another, or in worker threads. Chapters
// are independent until the cross-file rules, so they split across cores with nothing shared.
import os from 'node:os'
import Tinypool from 'tinypool'
import {checkChapter, type ChapterInput, type ChapterResult} from './chapter.ts'
import type {RuleSettings} from './index.ts'

/**
 * Below this much text the workers' start (each loads the parser and every rule, about half a
 * second) costs more than they save, so `auto` checks here: a few chapters of an article.
 */
const parallelAbove = 256 * 1024

export type Jobs = number | 'auto'

function jobsFor(jobs: Jobs, inputs: ChapterInput[]): number {
  if (jobs !== 'auto') return Math.max(1, Math.min(jobs, inputs.length))
  const size = inputs.reduce((sum, input) => sum + input.value.length, 0)
  return size < parallelAbove ? 1 : Math.max(1, Math.min(os.availableParallelism(), inputs.length))
}

export async function checkChapters(inputs: ChapterInput[], settings: RuleSettings, jobs: Jobs): Promise<ChapterResult[]> {
  const threads = jobsFor(jobs, inputs)
  if (threads <= 1) {
    const results: ChapterResult[] = []
    for (const input of inputs) results.push(await checkChapter(input, settings))
    return results
  }
  const pool = new Tinypool({filename: new URL('./worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads})
  try {
    return await Promise.all(inputs.map((input) => pool.run({input, settings}) as Promise<ChapterResult>))
  } finally {
    await pool.destroy()
  }
}
