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

/**
 * Each chapter's result, in `jobs` threads: this one and workers. `keepMainThread` leaves this
 * thread out when there are workers, for a caller with work of its own on it (the build).
 */
export async function checkChapters(
  inputs: ChapterInput[],
  settings: RuleSettings,
  jobs: Jobs,
  keepMainThread = false,
  done: () => void = () => {}
): Promise<ChapterResult[]> {
  const threads = jobsFor(jobs, inputs)
  const results: ChapterResult[] = new Array(inputs.length)
  let next = 0
  // This thread is one of the lanes: its modules are loaded and compiled already, and its
  // results need no copying, so n jobs start n − 1 workers.
  const here = async () => {
    while (next < inputs.length) {
      const index = next++
      results[index] = await checkChapter(inputs[index]!, settings)
      done()
      // A chapter's check settles in microtasks: without a turn of the event loop, the workers'
      // results would wait here, and so would the workers, until this thread ran out of chapters.
      await new Promise(setImmediate)
    }
  }
  if (threads <= 1) {
    await here()
    return results
  }
  const workers = keepMainThread ? threads : threads - 1
  // Two chapters in flight per worker: the next one waits in the worker, not here. Parsing
  // makes short-lived objects by the million; a young generation twice V8's default cut a
  // tenth off a book's check here.
  const pool = new Tinypool({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 2,
    resourceLimits: {maxYoungGenerationSizeMb: 96}
  })
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++
      results[index] = (await pool.run({input: inputs[index], settings})) as ChapterResult
      done()
    }
  }
  try {
    await Promise.all([...(keepMainThread ? [] : [here()]), ...Array.from({length: 2 * workers}, worker)])
    return results
  } finally {
    await pool.destroy()
  }
}
