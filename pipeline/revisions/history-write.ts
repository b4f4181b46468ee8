// `galley history` from the CLI: compute, print, and write output/history.html atomically.
import path from 'node:path'
import {loadConfig} from '../config/load.ts'
import {writeAtomic} from '../fs/write.ts'
import {history, type HistoryOptions} from './history.ts'
import {historyHtml, historyJson, historyTable} from './history-report.ts'

export async function writeHistory(
  options: HistoryOptions & {format: 'table' | 'json'; out?: string}
): Promise<{text: string; page: string}> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = await loadConfig(cwd, options.configFile)
  const entries = await history(options)
  const out = path.resolve(cwd, options.out ?? path.resolve(config.base, config.output))
  const page = path.join(out, 'history.html')
  await writeAtomic(page, historyHtml(entries, path.basename(path.resolve(config.base, config.manuscript))))
  return {text: options.format === 'json' ? historyJson(entries) : historyTable(entries), page: path.relative(cwd, page)}
}
