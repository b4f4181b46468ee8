// argv → options → one call into the core. Exit codes live here and nowhere else:
// 0 clean, 1 failing findings, 2 usage, config or input error. commander parses the command
// line: each command has its own options and --help, and an unknown command or option gets a
// "did you mean" before anything runs.
import path from 'node:path'
import {Command, CommanderError, Option} from 'commander'
import pkg from '../package.json' with {type: 'json'}
import type {Edition} from './build.ts'
import {check} from './check.ts'
import type {Jobs} from './checks/pool.ts'
import {GalleyError} from './errors.ts'
import {fixesOf, patchOf, targetOf} from './fix.ts'
import {writeAllAtomic, writeAtomic} from './fs/write.ts'
import {sheetMarkdown, sheetYaml, stylesheet} from './stylesheet.ts'
import {reporters, type ReporterName, type ReporterOptions} from './reporters/index.ts'
import {printable} from './reporters/printable.ts'
import type {VFile} from 'vfile'

interface Shared {
  config?: string
  verbose: boolean
  color: boolean
}

interface Reporting extends Shared {
  reporter: ReporterName
  frail: boolean
  quiet: boolean
  cache: boolean
  cacheLocation?: string
  jobs: string
}

const reporterOption = () =>
  new Option('-r, --reporter <name>', 'how findings are reported').choices(Object.keys(reporters)).default('pretty')

/** The options every command takes. */
function shared(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default: galley.config.* or "galley" in package.json)')
    .option('--verbose', 'show the stages of a build, cache use, and stack traces of unexpected failures', false)
    .option('--color', 'colour the report (default: on a terminal, unless NO_COLOR is set)')
    .option('--no-color', 'no colour')
}

/** The options of the commands that check: check and build. */
function checking(command: Command): Command {
  return shared(command)
    .addOption(reporterOption())
    .option('--frail', 'warnings fail the run too (exit 1)', false)
    .option('-q, --quiet', 'leave files without findings out of the report', false)
    .option('--no-cache', 'check every chapter afresh instead of reusing cached results')
    .option('--cache-location <file>', 'where the cache lives (default: node_modules/.cache/galley/check, or ~/.cache/galley/)')
    .option('-j, --jobs <n|auto>', 'threads for the chapters (default: one per core for books)', 'auto')
}

export async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose')
  let code = 0
  const program = new Command('galley')
    .description('Check a Markdown manuscript as a copy editor would, and typeset its HTML and PDF editions.')
    .version(pkg.version, '-v, --version', 'the version')
    .helpOption('-h, --help', 'this help')
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .exitOverride()
    // commander's own messages (errors, help) come back through `fail` and `print`, so that
    // every error is one `galley:` line with exit code 2.
    .configureOutput({writeOut: (text) => process.stdout.write(text), writeErr: () => {}})

  checking(program.command('check').argument('[path]', 'the manuscript folder or file (default: the configured one)'))
    .description('check the manuscript and report the findings')
    .option('--since <rev>', 'report only the findings introduced since this git revision')
    .option('--fix', 'apply the findings whose rule marks its fix as safe, then report what is left', false)
    .option('--fix-dry-run', 'print the fixes as a diff instead of applying them', false)
    .action(async (target: string | undefined, options: Reporting & {since?: string; fix: boolean; fixDryRun: boolean}) => {
      const cwd = process.cwd()
      const status = statusLine(options)
      const run = () =>
        check({
          cwd,
          path: target,
          configFile: options.config,
          since: options.since,
          cache: cacheOf(options),
          jobs: jobsOf(options.jobs),
          counted: status?.counted
        })
      let {files, cache: used, delta} = await run()
      if (options.fix || options.fixDryRun) {
        const fixes = fixesOf(files)
        const count = fixes.reduce((sum, fixed) => sum + fixed.edits.length, 0)
        if (options.fixDryRun) {
          status?.clear()
          process.stdout.write(patchOf(fixes))
          process.stderr.write(
            `galley: ${count} ${count === 1 ? 'fix' : 'fixes'} in ${fixes.length} ${fixes.length === 1 ? 'file' : 'files'} (dry run: nothing written)\n`
          )
          return
        }
        await writeAllAtomic(fixes.map((fixed) => [targetOf(fixed, cwd), fixed.after]))
        process.stderr.write(
          `galley: fixed ${count} ${count === 1 ? 'finding' : 'findings'} in ${fixes.length} ${fixes.length === 1 ? 'file' : 'files'}\n`
        )
        // What is left is reported from the fixed text, so every place in the report is right.
        if (count > 0) ({files, cache: used, delta} = await run())
      }
      status?.clear()
      if (options.verbose && used) process.stderr.write(`galley: ${used.hits} of ${used.hits + used.misses} chapters from the cache\n`)
      if (options.verbose && used?.error) process.stderr.write(`galley: cache not written: ${used.error}\n`)
      const fixed = delta
        ?.filter((entry) => entry.state === 'fixed')
        .map(({file, message}) => ({
          path: file.path,
          line: message.line ?? null,
          ruleId: message.ruleId ?? null,
          reason: message.reason
        }))
      report(files, options, fixed)
      // The report shows only what the change introduced; say what else there was, so that a
      // quiet report of nothing still says something.
      if (delta && options.since) {
        const count = (state: string) => delta.filter((entry) => entry.state === state).length
        process.stderr.write(
          `galley: since ${printable(options.since)}: ${count('introduced')} introduced, ${count('fixed')} fixed, ${count('persisting')} persisting (not shown)\n`
        )
      }
      code = exitCode(files, options.frail)
    })

  shared(program.command('stylesheet').argument('[path]', 'the manuscript folder or file (default: the configured one)'))
    .description('write the editor’s style sheet: every spelling, compound, name, acronym, punctuation and number choice the book makes')
    .addOption(
      new Option('--format <name>', 'Markdown to read and commit, JSON for tools, or YAML: the house decisions for style.yaml')
        .choices(['markdown', 'json', 'yaml'])
        .default('markdown')
    )
    .option('-o, --out <file>', 'write the sheet to this file instead of stdout')
    .action(async (target: string | undefined, options: Shared & {format: 'markdown' | 'json' | 'yaml'; out?: string}) => {
      const sheet = await stylesheet({path: target, configFile: options.config})
      const text =
        options.format === 'json'
          ? `${JSON.stringify(sheet, null, 2)}\n`
          : options.format === 'yaml'
            ? sheetYaml(sheet)
            : sheetMarkdown(sheet)
      if (!options.out) process.stdout.write(text)
      else {
        await writeAtomic(path.resolve(options.out), text)
        process.stderr.write(`galley: wrote ${options.out}\n`)
      }
    })

  checking(program.command('build').argument('[paths...]', 'manuscript folders or files (default: the configured one)'))
    .description('check, then write the editions into the output folder; several manuscripts are built side by side')
    .option('-o, --out <folder>', 'where the editions go (default: the configured output/)')
    .option('--html', 'only the configured HTML editions')
    .option('--pdf', 'only the configured PDF editions')
    .option('--force', 'build even when the checks found errors', false)
    .option('--concurrency <n>', 'manuscripts built at once when given several', '2')
    .action(
      async (
        targets: string[],
        options: Reporting & {out?: string; html?: boolean; pdf?: boolean; force: boolean; concurrency: string}
      ) => {
        code = await buildCommand(targets, options)
      }
    )

  shared(
    program.command('diff').argument('<old>', 'a git revision, folder or file').argument('[new]', 'the same (default: the working tree)')
  )
    .description('redline of two revisions into the output folder, with a summary')
    .option('-o, --out <folder>', 'where the redline goes (default: the configured output/)')
    .option('--html', 'only the configured HTML editions')
    .option('--pdf', 'only the configured PDF editions')
    .addOption(new Option('--format <name>', 'the summary on stdout').choices(['table', 'json']).default('table'))
    .action(
      async (
        old: string,
        revision: string | undefined,
        options: Shared & {out?: string; html?: boolean; pdf?: boolean; format: string}
      ) => {
        const [{diff}, {summaryText}] = await Promise.all([import('./diff.ts'), import('./revisions/summary.ts')])
        const result = await diff({
          cwd: process.cwd(),
          configFile: options.config,
          old,
          new: revision,
          out: options.out,
          editions: formatsOf(options)
        })
        if (options.format === 'json')
          process.stdout.write(`${JSON.stringify({summary: result.summary, findings: deltaJson(result.delta)}, null, 2)}\n`)
        else process.stdout.write(`${summaryText(result.summary, result.delta, result.heading)}\n`)
        for (const written of result.written) process.stderr.write(`galley: wrote ${written}\n`)
      }
    )

  shared(program.command('history').argument('[range]', 'a git revision range (default: every commit)'))
    .description('words, findings and change size per commit that touched the manuscript; writes output/history.html')
    .option('-o, --out <folder>', 'where history.html goes (default: the configured output/)')
    .addOption(new Option('--format <name>', 'the table on stdout').choices(['table', 'json']).default('table'))
    .action(async (range: string | undefined, options: Shared & {out?: string; format: string}) => {
      const [{history}, {historyJson, historyTable}] = await Promise.all([import('./history.ts'), import('./revisions/history-report.ts')])
      const {entries, written} = await history({cwd: process.cwd(), configFile: options.config, range, out: options.out})
      process.stdout.write(`${options.format === 'json' ? historyJson(entries) : historyTable(entries)}\n`)
      for (const file of written) process.stderr.write(`galley: wrote ${file}\n`)
    })

  shared(program.command('preview').argument('[path]', 'the manuscript folder or file (default: the configured one)'))
    .description('serve the HTML edition and its findings on 127.0.0.1, rebuilt on every save; stop with Ctrl-C')
    .option('-p, --port <n>', 'the port (default: any free one)', '0')
    .option('--pdf', 'print the PDF edition too, after the HTML one on each save, at /edition.pdf')
    .action(async (target: string | undefined, options: Shared & {port: string; pdf?: boolean}) => {
      const port = Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new GalleyError(undefined, `invalid --port "${options.port}", expected 0 to 65535`)
      const {preview} = await import('./preview.ts')
      const {url} = await preview({
        cwd: process.cwd(),
        path: target,
        configFile: options.config,
        port,
        pdf: options.pdf,
        rebuilt: (state, made) => {
          const findings = `${state.findings} finding${state.findings === 1 ? '' : 's'}`
          const line = state.error ?? (made === 'pdf' ? `printed the PDF, ${state.pages} pages` : `rebuilt, ${findings}`)
          process.stderr.write(`galley: ${printable(line)}\n`)
        }
      })
      process.stdout.write(`galley: preview at ${url}\n`)
      // Serves until the process is interrupted (SIGINT, SIGTERM), which main.ts turns into an exit.
      await new Promise(() => {})
    })

  program
    .command('init')
    .argument('[folder]', 'where to scaffold (default: the current folder)')
    .description('scaffold a manuscript, galley.config.yaml, .gitignore and a CI workflow; never overwrites a file')
    .action(async (folder: string | undefined) => {
      const {init} = await import('./init.ts')
      const {written, kept} = await init({cwd: process.cwd(), folder})
      for (const file of written) process.stdout.write(`wrote ${printable(file)}\n`)
      for (const file of kept) process.stdout.write(`kept ${printable(file)} (it exists)\n`)
    })

  // A command given no command is a usage error: the help, on stderr, and exit 2.
  if (argv.length === 0) {
    process.stderr.write(program.helpInformation())
    return 2
  }
  try {
    await program.parseAsync(argv, {from: 'user'})
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
      return fail(new GalleyError(undefined, commanderMessage(error)), verbose)
    }
    return fail(error, verbose)
  }
}

/** commander's message on one line, without its `error:` prefix: `unknown option '--frial' (Did you mean --frail?)`. */
function commanderMessage(error: CommanderError): string {
  return error.message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\(Did you mean/, '(did you mean')
    .concat(error.code === 'commander.unknownCommand' ? '; the commands are check, build, diff, history, preview and init' : '')
}

/** The report of `files` on stdout, as every command that checks writes it. */
function report(files: VFile[], options: Reporting, fixed?: ReporterOptions['fixed']): void {
  const reporter = reporters[options.reporter]
  const output = reporter(files, {
    fixed,
    cwd: process.cwd(),
    color: options.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR),
    quiet: options.quiet,
    verbose: options.verbose,
    toolVersion: pkg.version
  })
  if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`)
}

async function buildCommand(
  targets: string[],
  options: Reporting & {out?: string; html?: boolean; pdf?: boolean; force: boolean; concurrency: string}
): Promise<number> {
  const tty = Boolean(process.stderr.isTTY)
  const status = statusLine(options)
  // Loaded here so that `check` never pays for loading Puppeteer.
  const {build, buildAll, BuildRefused} = await import('./build.ts')
  const shared = {
    cwd: process.cwd(),
    configFile: options.config,
    out: options.out,
    editions: formatsOf(options),
    force: options.force,
    cache: cacheOf(options),
    jobs: jobsOf(options.jobs),
    // --verbose shows the stages off a terminal too, for logs and for tests that interrupt a stage.
    progress:
      tty || options.verbose
        ? (stage: string) => {
            status?.clear()
            process.stderr.write(`galley: ${stage}…\n`)
          }
        : undefined,
    counted: status?.counted,
    warn: (line: string) => process.stderr.write(`galley: ${printable(line)}\n`)
  }
  const written = (result: {files: VFile[]; written: string[]; pages?: number; cache?: {hits: number; misses: number}}) => {
    status?.clear()
    report(result.files, options)
    if (options.verbose && result.cache)
      process.stderr.write(`galley: ${result.cache.hits} of ${result.cache.hits + result.cache.misses} chapters from the cache\n`)
    for (const file of result.written)
      process.stderr.write(`galley: wrote ${file}${file.endsWith('.pdf') && result.pages ? ` (${result.pages} pages)` : ''}\n`)
    return exitCode(result.files, options.frail)
  }
  const refused = (error: unknown): number => {
    // The findings that refused the build are shown, then the one line that says so.
    if (!(error instanceof BuildRefused)) throw error
    report(error.files, options)
    return fail(error, false, 1)
  }
  if (targets.length <= 1) return build({...shared, path: targets[0]}).then(written, refused)
  const concurrency = Number(options.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new GalleyError(undefined, `invalid --concurrency "${options.concurrency}", expected a whole number from 1`)
  let code = 0
  for (const outcome of await buildAll(targets, {...shared, concurrency})) {
    const result =
      'result' in outcome
        ? written(outcome.result)
        : outcome.error instanceof BuildRefused
          ? refused(outcome.error)
          : fail(outcome.error, options.verbose)
    code = Math.max(code, result)
  }
  return code
}

/**
 * On a terminal, and without --quiet, one line on stderr that counts the chapters as they are
 * checked, rewritten in place and cleared before anything else is written. Off a terminal
 * nothing: logs get the report alone. A carriage return and "erase line" are all it takes,
 * so no progress-bar package is used.
 */
function statusLine(options: {quiet: boolean}): {counted: (checked: number, total: number) => void; clear: () => void} | undefined {
  if (!process.stderr.isTTY || options.quiet) return undefined
  let shown = false
  return {
    counted(checked, total) {
      process.stderr.write(`\r\u001b[2Kgalley: checked ${checked} of ${total} chapter${total === 1 ? '' : 's'}`)
      shown = true
    },
    clear() {
      if (shown) process.stderr.write('\r\u001b[2K')
      shown = false
    }
  }
}

function cacheOf(options: {cache: boolean; cacheLocation?: string}): string | boolean {
  return options.cache && (options.cacheLocation ?? true)
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

function fail(error: unknown, verbose: boolean, code = 2): number {
  const known = error instanceof GalleyError || (error as NodeJS.ErrnoException)?.code?.startsWith?.('ERR_PARSE_ARGS')
  const reason = error instanceof Error ? error.message : String(error)
  // The reason may quote a file name from the manuscript: one line, nothing the terminal obeys.
  process.stderr.write(`galley: ${printable(reason.split('\n')[0]!)}\n`)
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`)
  else if (!known) process.stderr.write('galley: this is a bug in Galley; run again with --verbose for the stack trace\n')
  return code
}
