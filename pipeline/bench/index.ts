// `npm run bench`: Galley on a book-sized manuscript (the Brown corpus, 500 chapters, about
// a million words) against floors measured in the same run, as medians of several runs.
// Options: --runs N, --quick, --pdf, --no-pdf, --pdf-chapters N, --whole-pdf, --chapters N,
// --peers, --profile, --results <file>. pipeline/bench/RESULTS.md says what each row means.
import {appendFile, cp, mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {countWords, writeBrownManuscript} from './corpus.ts'
import type {CrossFileResult} from './cross-file.ts'
import type {Phase} from './phases.ts'
import {describeMachine, machineLine} from './machine.ts'
import {measureNode, type Measured} from './measure.ts'
import {measurePeer, peer, preparePeer} from './peers.ts'
import {profileMarkdown, summariseProfile} from './profile.ts'
import {writeResults} from './results.ts'
import {median, megabytes, percent, seconds, tableMarkdown, times, type Row} from './table.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const bin = path.join(repo, 'pipeline/bin.js')
const script = (name: string) => path.join(here, name)

const {values} = parseArgs({
  options: {
    runs: {type: 'string'},
    quick: {type: 'boolean', default: false},
    pdf: {type: 'boolean'},
    'pdf-chapters': {type: 'string', default: '100'},
    'whole-pdf': {type: 'boolean', default: false},
    chapters: {type: 'string'},
    peers: {type: 'boolean', default: false},
    profile: {type: 'boolean', default: false},
    results: {type: 'string'}
  },
  allowNegative: true
})
const quick = values.quick
const runs = Number(values.runs ?? (quick ? 1 : 5))
const chapterCount = Number(values.chapters ?? (quick ? 20 : 500))
const withPdf = values.pdf ?? !quick
// The quick mode is for CI and tests: it prints, but leaves the committed results alone.
const resultsFile = values.results ?? (quick ? undefined : path.join(here, 'RESULTS.md'))
if (!(runs >= 1) || !(chapterCount >= 1)) throw new Error('--runs and --chapters take a whole number of at least 1')

const log = (line: string) => process.stderr.write(`bench: ${line}\n`)
const rows: Row[] = []
const notes: string[] = []

const machine = await describeMachine()
log(machineLine(machine))
const book = await writeBrownManuscript(chapterCount)
const chapterNames = (await readdir(book)).filter((name) => name.endsWith('.md')).sort()
let words = 0
for (const name of chapterNames) words += countWords(await readFile(path.join(book, name), 'utf8'))
const bookLabel = `${chapterNames.length} chapters, ${words.toLocaleString('en')} words`
log(`manuscript: ${book} (${bookLabel})`)
const work = await mkdtemp(path.join(os.tmpdir(), 'galley-bench-'))

/** A failed child is a broken bench, not a slow one: stop with its stderr. */
function ok(measured: Measured, what: string, worstCode = 0): Measured {
  if (measured.code > worstCode) throw new Error(`${what} exited with ${measured.code}:\n${measured.stderr.slice(-2000)}`)
  return measured
}

// Exit code 1 is a finding the config calls an error, which is still a complete check.
const galleyCheck = async (folder: string, flags: string[]) =>
  ok(await measureNode([bin, 'check', folder, '--reporter', 'json', ...flags], {cwd: work}), 'galley check', 1)
const floorCheck = async (folder: string) =>
  ok(await measureNode(['--import', 'tsx', script('floor.ts'), folder], {cwd: repo, captureStdout: true}), 'the floor')

// --- check, cold: Galley and the floor take turns, so noise from other work hits both alike.
const help = (await measureNode([bin, '--help'], {captureStdout: true})).stdout
const cacheOption = /--(no-)?cache\b/.test(help)
const coldFlags = cacheOption ? ['--no-cache'] : []
const cold: Measured[] = []
const floor: Measured[] = []
for (let run = 0; run < runs; run++) {
  log(`check, cold, run ${run + 1}/${runs}`)
  cold.push(await galleyCheck(book, coldFlags))
  floor.push(await floorCheck(book))
}
const coldMs = median(cold.map((m) => m.wallMs))
const floorMs = median(floor.map((m) => m.wallMs))
rows.push({
  measure: `check, cold (${bookLabel})`,
  galley: seconds(coldMs),
  baseline: `floor ${seconds(floorMs)}`,
  ratio: times(coldMs / floorMs),
  target: '≤ 1.5×',
  met: coldMs / floorMs <= 1.5
})
const coldCpu = median(cold.map((m) => m.cpuMs))
const floorCpu = median(floor.map((m) => m.cpuMs))
rows.push({
  measure: 'check, cold, CPU time (user + system)',
  galley: seconds(coldCpu),
  baseline: `floor ${seconds(floorCpu)}`,
  ratio: times(coldCpu / floorCpu),
  target: ''
})

// --- check, warm: one chapter edited between runs, on a copy of the manuscript.
if (cacheOption) {
  const copy = path.join(work, 'warm')
  await cp(book, copy, {recursive: true})
  const cacheFlags = ['--cache', '--cache-location', path.join(work, 'check-cache')]
  await galleyCheck(copy, cacheFlags)
  const warm: number[] = []
  for (let run = 0; run < runs; run++) {
    log(`check, warm, run ${run + 1}/${runs}`)
    // A different chapter each run, edited as an editor would: one new paragraph.
    await appendFile(
      path.join(copy, chapterNames[(run * 97) % chapterNames.length]!),
      `\nAn editor changed this chapter before run ${run + 1}.\n`
    )
    warm.push((await galleyCheck(copy, cacheFlags)).wallMs)
  }
  const warmMs = median(warm)
  rows.push({
    measure: 'check, warm (1 chapter edited, content-hash cache)',
    galley: seconds(warmMs),
    baseline: `cold ${seconds(coldMs)}`,
    ratio: percent(warmMs / coldMs),
    target: '≤ 15%',
    met: warmMs / coldMs <= 0.15
  })
} else {
  rows.push({
    measure: 'check, warm (1 chapter edited)',
    galley: 'n/a (no cache yet)',
    baseline: `cold ${seconds(coldMs)}`,
    ratio: 'n/a',
    target: ''
  })
}

// --- the cross-file rules at 1×, 2× and 4× the manuscript, in-process in a child of their own.
log(`cross-file rules at 1×, 2×, 4× (${runs} run${runs === 1 ? '' : 's'})`)
const crossFile = ok(
  await measureNode(['--import', 'tsx', '--max-old-space-size=16384', script('cross-file.ts'), book, String(runs), '1', '2', '4'], {
    cwd: repo,
    captureStdout: true
  }),
  'the cross-file rules'
)
const scaling = JSON.parse(crossFile.stdout) as CrossFileResult
const ruleMs = (scale: number, rules: string) => median(scaling.times[scale]![rules]!)
for (const rule of ['repeated-paragraph', 'inconsistent-name']) {
  for (const scale of [2, 4]) {
    const ratio = ruleMs(scale, rule) / ruleMs(1, rule)
    rows.push({
      measure: `${rule} ${scale}× (${scaling.findings[scale]![rule]} findings) / 1× (${scaling.findings[1]![rule]})`,
      galley: `${seconds(ruleMs(scale, rule))} / ${seconds(ruleMs(1, rule))}`,
      baseline: `input ${scale}.00×`,
      ratio: times(ratio),
      target: scale === 2 ? '≤ 2.3×' : '',
      met: scale === 2 ? ratio <= 2.3 : undefined
    })
  }
}
const bothShare = ruleMs(1, 'both') / coldMs
rows.push({
  measure: 'both cross-file rules, share of cold check',
  galley: seconds(ruleMs(1, 'both')),
  baseline: `cold ${seconds(coldMs)}`,
  ratio: percent(bothShare),
  target: '≤ 25%',
  met: bothShare <= 0.25
})

// --- PDF: `galley build --pdf` against plain HTML printed once by the same Chromium. The whole
// book takes Galley minutes, so by default the rows print the first chapters; --whole-pdf adds
// one run of the whole book.
const pdfChapters = Math.min(Number(values['pdf-chapters']), chapterNames.length)
const part = pdfChapters === chapterNames.length && chapterCount >= 500 ? 'whole book' : `first ${pdfChapters} chapters`
if (withPdf) {
  const pdfBook = await writeBrownManuscript(pdfChapters)
  const bareMs = await pdfRows(pdfBook, part, runs)
  if (values.peers) rows.push(await peerRow(pdfBook, part, bareMs))
  if (values['whole-pdf'] && part !== 'whole book')
    await pdfRows(book, `${chapterCount >= 500 ? 'whole book' : 'all'}, ${chapterNames.length} chapters, 1 run`, 1)
} else {
  rows.push({measure: 'PDF', galley: `skipped (${quick ? '--quick; add --pdf' : '--no-pdf'})`, baseline: '', ratio: '', target: '≤ 2×'})
}

// --- memory of the check: the largest peak of the cold runs.
const checkRss = Math.max(...cold.map((m) => m.maxRssBytes))
rows.push({
  measure: 'check, peak RSS',
  galley: megabytes(checkRss),
  baseline: `floor ${megabytes(Math.max(...floor.map((m) => m.maxRssBytes)))}`,
  ratio: '',
  target: '≤ 1024 MB',
  met: checkRss <= 2 ** 30
})

if (!cacheOption) notes.push('`galley check` has no `--cache` option yet, so the warm check is not measured.')

let profiles = ''
if (values.profile) profiles = await profileChildren()

const endLoad = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(' ')
const report = [
  `Galley bench, ${new Date().toISOString().slice(0, 10)}: medians of ${runs} run${runs === 1 ? '' : 's'}${quick ? ' (--quick)' : ''}.`,
  '',
  `Machine: ${machineLine(machine)}, ${endLoad} at the end.`,
  '',
  tableMarkdown(rows),
  ...(notes.length > 0 ? ['', ...notes.map((note) => `- ${note}`)] : [])
].join('\n')
process.stdout.write(`${report}\n`)
if (resultsFile) {
  await writeResults(resultsFile, report, profiles)
  log(`wrote ${path.relative(process.cwd(), resultsFile)}`)
}
await rm(work, {recursive: true, force: true})

/** Galley's and the bare print's rows for one folder; returns the bare median for the peers. */
async function pdfRows(folder: string, part: string, count: number): Promise<number> {
  const galleyRuns: Measured[] = []
  const bareRuns: Measured[] = []
  for (let run = 0; run < count; run++) {
    log(`PDF, ${part}, run ${run + 1}/${count}`)
    const out = path.join(work, 'pdf')
    galleyRuns.push(
      ok(
        await measureNode([bin, 'build', folder, '--pdf', '-o', out, '--reporter', 'json', ...coldFlags], {
          cwd: work,
          captureStdout: true,
          sampleTree: true
        }),
        'galley build'
      )
    )
    bareRuns.push(
      ok(
        await measureNode(['--import', 'tsx', script('bare-pdf.ts'), folder, path.join(work, 'bare.pdf')], {
          cwd: repo,
          captureStdout: true,
          sampleTree: true
        }),
        'the bare print'
      )
    )
  }
  const galleyPages = Number(/\((\d+) pages\)/.exec(galleyRuns[0]!.stdout)?.[1])
  const barePages = await pagesOf(path.join(work, 'bare.pdf'))
  const galleyMs = median(galleyRuns.map((m) => m.wallMs))
  const bareMs = median(bareRuns.map((m) => m.wallMs))
  const peak = (list: Measured[], key: 'nodeBytes' | 'browserBytes') => Math.max(...list.map((m) => m.tree?.[key] ?? 0))
  rows.push(
    {
      measure: `PDF, ${part}: galley build --pdf vs bare page.pdf`,
      galley: seconds(galleyMs),
      baseline: `Chromium ${seconds(bareMs)}`,
      ratio: times(galleyMs / bareMs),
      target: '≤ 2×',
      met: galleyMs / bareMs <= 2
    },
    {
      measure: `PDF, ${part}: pages per second (pages)`,
      galley: `${(galleyPages / (galleyMs / 1000)).toFixed(1)} (${galleyPages})`,
      baseline: `${(barePages / (bareMs / 1000)).toFixed(1)} (${barePages})`,
      ratio: '',
      target: ''
    },
    {
      measure: `PDF, ${part}: peak memory, Node (VmHWM)`,
      galley: megabytes(peak(galleyRuns, 'nodeBytes')),
      baseline: megabytes(peak(bareRuns, 'nodeBytes')),
      ratio: '',
      target: ''
    },
    {
      measure: `PDF, ${part}: peak memory, browser (summed PSS, sampled)`,
      galley: megabytes(peak(galleyRuns, 'browserBytes')),
      baseline: megabytes(peak(bareRuns, 'browserBytes')),
      ratio: '',
      target: ''
    }
  )
  return bareMs
}

async function pagesOf(file: string): Promise<number> {
  // Chromium writes one `/Type /Page` dictionary per page, outside object streams.
  return (await readFile(file)).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? NaN
}

async function peerRow(pdfBook: string, part: string, bareMs: number): Promise<Row> {
  const unusable = await preparePeer()
  if (unusable) return {measure: `peer: ${peer}, ${part}`, galley: `not measured: ${unusable}`, baseline: '', ratio: '', target: ''}
  const peerRuns: number[] = []
  let pages = NaN
  for (let run = 0; run < runs; run++) {
    log(`peer ${peer}, run ${run + 1}/${runs}`)
    const measured = await measurePeer(pdfBook, work)
    if (measured.code !== 0)
      return {
        measure: `peer: ${peer}, ${part}`,
        galley: `failed: ${measured.stderr.trim().split('\n').slice(-1)[0]}`,
        baseline: '',
        ratio: '',
        target: ''
      }
    peerRuns.push(measured.wallMs)
    pages = await pagesOf(measured.pdf)
  }
  const peerMs = median(peerRuns)
  return {
    measure: `peer: ${peer}, ${part} (${pages} pages)`,
    galley: seconds(peerMs),
    baseline: `Chromium ${seconds(bareMs)}`,
    ratio: times(peerMs / bareMs),
    target: ''
  }
}

/** The check phase by phase, then one check and one build under `node --cpu-prof`, by self time. */
async function profileChildren(): Promise<string> {
  const sections = ['## Where the time goes', '']
  log('phases of galley check')
  const phases = JSON.parse(
    ok(await measureNode(['--import', 'tsx', '--expose-gc', script('phases.ts'), book], {cwd: repo, captureStdout: true}), 'the phases')
      .stdout
  ) as Phase[]
  const total = phases.reduce((sum, phase) => sum + phase.cpuMs, 0)
  sections.push(
    `### Phases of galley check, in process (CPU time; ${bookLabel})`,
    '',
    '| phase | CPU | share | heap after |',
    '| --- | ---: | ---: | ---: |',
    ...phases.map(
      (phase) => `| ${phase.phase} | ${seconds(phase.cpuMs)} | ${percent(phase.cpuMs / total)} | ${megabytes(phase.heapBytes)} |`
    ),
    `| all | ${seconds(total)} | | |`,
    ''
  )
  const cases: Array<[string, string[]]> = [
    // In one thread, so the profile sees all the work; with workers it would see only the main thread.
    [`galley check --jobs 1, ${bookLabel}`, ['check', book, '--reporter', 'json', '--jobs', '1', ...coldFlags]],
    ...(withPdf
      ? [
          [
            `galley build --pdf --jobs 1, ${part}`,
            [
              'build',
              await writeBrownManuscript(pdfChapters),
              '--pdf',
              '-o',
              path.join(work, 'profile-pdf'),
              '--reporter',
              'json',
              '--jobs',
              '1',
              ...coldFlags
            ]
          ] as [string, string[]]
        ]
      : [])
  ]
  for (const [title, args] of cases) {
    log(`profiling ${title}`)
    const folder = path.join(work, `profile-${sections.length}`)
    const measured = ok(await measureNode(['--cpu-prof', `--cpu-prof-dir=${folder}`, bin, ...args], {cwd: work}), title, 1)
    // The largest profile is the main thread's; tsx's loader thread writes a small one too.
    const files = await Promise.all((await readdir(folder)).map(async (name) => readFile(path.join(folder, name), 'utf8')))
    const main = files.sort((a, b) => b.length - a.length)[0]!
    sections.push(profileMarkdown(`${title}: ${seconds(measured.wallMs)} wall`, summariseProfile(JSON.parse(main))))
  }
  return sections.join('\n')
}
