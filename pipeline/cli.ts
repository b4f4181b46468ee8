// argv → options → one call into the core. Exit codes live here and nowhere else:
// 0 clean, 1 failing findings, 2 usage, config or input error.
import {parseArgs} from 'node:util'
import pkg from '../package.json' with {type: 'json'}
import type {Edition} from './build.ts'
import {check} from './check.ts'
import type {Jobs} from './checks/pool.ts'
import {GalleyError} from './errors.ts'
import {reporters, type ReporterName} from './reporters/index.ts'
import {printable} from './reporters/printable.ts'
import type {VFile} from 'vfile'

const usage = `Usage: galley <command> [options] [path]

Commands:
  check [path]     check the manuscript (default: the configured folder, "manuscript/")
  build [path…]    check, then write the HTML and PDF editions into output/; several
                   manuscripts are built side by side, printing in one browser
  diff <old> [new] redline of two revisions (git revisions, or two folders or files) into output/
  history [range]  words and findings per revision that touched the manuscript (git)
  init [folder]    scaffold a manuscript, galley.config.yaml, .gitignore and a CI workflow;
                   never overwrites a file

Options:
  -r, --reporter <name>  ${Object.keys(reporters).join(', ')} (default: pretty)
      --frail            warnings fail the run too (exit 1)
      --since <rev>      (check) report only findings introduced since this git revision
      --no-cache         (check, build) check every chapter afresh instead of reusing cached results
      --cache-location <file>  (check, build) where the cache lives (default: node_modules/.cache/galley/check,
                         or ~/.cache/galley/ outside an npm project)
  -j, --jobs <n|auto>    (check, build) threads for the chapters (default: auto, one per core for books)
  -c, --config <file>    config file (default: galley.config.* or "galley" in package.json)
  -o, --out <folder>     (build) where the editions go (default: the configured output/)
      --html, --pdf      (build, diff) only the configured editions of these formats (default: all)
      --format <name>    (diff, history) table (default) or json; history also writes output/history.html
      --force            (build) build even when the checks found errors
      --concurrency <n>  (build) manuscripts built at once when given several (default 2)
  -q, --quiet            leave files without findings out of the report
      --verbose          show the stages of a build, cache use, and stack traces of unexpected failures
      --color, --no-color
  -h, --help             this help
  -v, --version          the version`

export async function main(argv: string[]): Promise<number> {
  let verbose = argv.includes('--verbose')
  try {
    const {values, positionals} = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        reporter: {type: 'string', short: 'r', default: 'pretty'},
        frail: {type: 'boolean', default: false},
        config: {type: 'string', short: 'c'},
        out: {type: 'string', short: 'o'},
        html: {type: 'boolean'},
        pdf: {type: 'boolean'},
        force: {type: 'boolean', default: false},
        concurrency: {type: 'string', default: '2'},
        since: {type: 'string'},
        cache: {type: 'boolean', default: true},
        'cache-location': {type: 'string'},
        jobs: {type: 'string', short: 'j', default: 'auto'},
        format: {type: 'string', default: 'table'},
        quiet: {type: 'boolean', short: 'q', default: false},
        verbose: {type: 'boolean', default: false},
        color: {type: 'boolean', default: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'}
      }
    })
    verbose = values.verbose
    if (values.version) return print(pkg.version)
    const [command, target, ...rest] = positionals
    if (values.help || !command) return print(usage)
    if (rest.length > (command === 'diff' ? 1 : command === 'build' ? Infinity : 0))
      throw new GalleyError(undefined, `unexpected argument "${rest[0]}"; give one manuscript folder or file`)
    if (!(values.reporter in reporters)) {
      throw new GalleyError(undefined, `unknown reporter "${values.reporter}", expected one of ${Object.keys(reporters).join(', ')}`)
    }
    const reporter = reporters[values.reporter as ReporterName]
    const cwd = process.cwd()
    const cache = values.cache && (values['cache-location'] ?? true)
    const jobs = jobsOf(values.jobs)
    const report = (files: VFile[]) =>
      reporter(files, {cwd, color: values.color, quiet: values.quiet, verbose: values.verbose, toolVersion: pkg.version})

    if (command === 'init') {
      const {init} = await import('./init.ts')
      const {written, kept} = await init({cwd, folder: target})
      for (const file of written) process.stdout.write(`wrote ${printable(file)}\n`)
      for (const file of kept) process.stdout.write(`kept ${printable(file)} (it exists)\n`)
      return 0
    }

    if (command === 'check') {
      const {files, cache: used} = await check({cwd, path: target, configFile: values.config, since: values.since, cache, jobs})
      if (values.verbose && used) process.stderr.write(`galley: ${used.hits} of ${used.hits + used.misses} chapters from the cache\n`)
      if (values.verbose && used?.error) process.stderr.write(`galley: cache not written: ${used.error}\n`)
      const output = report(files)
      if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`)
      return exitCode(files, values.frail)
    }

    if (command === 'build') {
      const tty = Boolean(process.stderr.isTTY)
      // Loaded here so that `check` never pays for loading Puppeteer.
      const {build, buildAll} = await import('./build.ts')
      const shared = {
        cwd,
        configFile: values.config,
        out: values.out,
        editions: formatsOf(values),
        force: values.force,
        cache,
        jobs,
        // --verbose shows the stages off a terminal too, for logs and for tests that interrupt a stage.
        progress: tty || values.verbose ? (stage: string) => process.stderr.write(`galley: ${stage}…\n`) : undefined
      }
      const written = (result: {files: VFile[]; written: string[]; pages?: number}) => {
        const output = report(result.files)
        if (output) process.stderr.write(output.endsWith('\n') ? output : `${output}\n`)
        for (const file of result.written)
          process.stdout.write(`${file}${file.endsWith('.pdf') && result.pages ? ` (${result.pages} pages)` : ''}\n`)
      }
      if (rest.length === 0) {
        written(await build({...shared, path: target}))
        return 0
      }
      const concurrency = Number(values.concurrency)
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new GalleyError(undefined, `invalid --concurrency "${values.concurrency}", expected a whole number from 1`)
      let code = 0
      for (const outcome of await buildAll([target!, ...rest], {...shared, concurrency})) {
        if ('result' in outcome) written(outcome.result)
        else code = fail(outcome.error, verbose)
      }
      return code
    }

    if (command === 'diff') {
      if (!target) throw new GalleyError(undefined, 'diff needs the old revision: galley diff <old> [<new>]')
      const [{diff}, {summaryText}] = await Promise.all([import('./diff.ts'), import('./revisions/summary.ts')])
      const result = await diff({cwd, configFile: values.config, old: target, new: rest[0], out: values.out, editions: formatsOf(values)})
      if (values.format === 'json')
        process.stdout.write(`${JSON.stringify({summary: result.summary, findings: deltaJson(result.delta)}, null, 2)}\n`)
      else process.stdout.write(`${summaryText(result.summary, result.delta, result.heading)}\n`)
      for (const written of result.written) process.stderr.write(`galley: wrote ${written}\n`)
      return 0
    }

    if (command === 'history') {
      if (values.format !== 'table' && values.format !== 'json')
        throw new GalleyError(undefined, `unknown format "${values.format}", expected table or json`)
      const [{history}, {historyJson, historyTable}] = await Promise.all([import('./history.ts'), import('./revisions/history-report.ts')])
      const {entries, written} = await history({cwd, configFile: values.config, range: target, out: values.out})
      process.stdout.write(`${values.format === 'json' ? historyJson(entries) : historyTable(entries)}\n`)
      for (const file of written) process.stderr.write(`galley: wrote ${file}\n`)
      return 0
    }

    throw new GalleyError(undefined, `unknown command "${command}", expected check, build, diff, history or init (see galley --help)`)
  } catch (error) {
    return fail(error, verbose)
  }
}

function deltaJson(delta: import('./revisions/delta.ts').DeltaEntry[]) {
  return delta.map(({state, fingerprint, file, message}) => ({
    state,
    fingerprint,
    path: file.path,
    line: message.line ?? null,
    ruleId: message.ruleId ?? null,
    reason: message.reason
  }))
}

/** `--html` and `--pdf` keep the configured editions of those formats; neither keeps them all. */
function formatsOf(values: {html?: boolean; pdf?: boolean}): Edition[] | undefined {
  const chosen = (['html', 'pdf'] as const).filter((format) => values[format])
  return chosen.length > 0 ? chosen : undefined
}

function jobsOf(value: string): Jobs {
  if (value === 'auto') return value
  const jobs = Number(value)
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new GalleyError(undefined, `invalid --jobs "${value}", expected a whole number from 1 or auto`)
  return jobs
}

/** Errors fail the run; with `--frail` warnings do too; an unreadable file is an input error. */
export function exitCode(files: VFile[], frail: boolean): number {
  if (files.some((file) => file.data.unreadable)) return 2
  const failing = files.some((file) => file.messages.some((m) => m.fatal === true || (frail && m.fatal === false)))
  return failing ? 1 : 0
}

function print(text: string): number {
  process.stdout.write(`${text}\n`)
  return 0
}

function fail(error: unknown, verbose: boolean): number {
  const known = error instanceof GalleyError || (error as NodeJS.ErrnoException)?.code?.startsWith?.('ERR_PARSE_ARGS')
  const reason = error instanceof Error ? error.message : String(error)
  // The reason may quote a file name from the manuscript: one line, nothing the terminal obeys.
  process.stderr.write(`galley: ${printable(reason.split('\n')[0]!)}\n`)
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`)
  else if (!known) process.stderr.write('galley: this is a bug in Galley; run again with --verbose for the stack trace\n')
  return 2
}
