// `npm run accuracy`: how well the rules find what they exist to find, on real books (the Brown
// corpus, Moby-Dick, the King James Bible, and twelve books from Project Gutenberg):
// inconsistent-name and acronym-expansion (`--suite names`, the default), or the word rules
// (`--suite words`): spelling, inconsistent-spelling, inconsistent-hyphenation,
// inconsistent-capitalisation, punctuation-style and number-style. Faults of every kind are injected
// with a fixed seed and written to a truth file; `galley check` runs on the untouched book and
// on the injected one. Prints recall per kind, flags on controls, and every finding on the
// untouched text (each one a false flag or a real variant of the source, to be read by hand).
// Options: --suite names|words, --seed N (default 12), --per-kind N (default 20; names only),
// --corpus brown|moby-dick|kjv|gutenberg, --results <file> (default pipeline/bench/ACCURACY.md, or
// ACCURACY-WORDS.md for the word rules; --no-results to only print).
import {spawn} from 'node:child_process'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {ruleIds} from '../checks/index.ts'
import {brown, gutenberg, kjv, moby, type Corpus} from './accuracy/corpora.ts'
import {acronymControls, acronymKinds, inject, nameKinds, type Injection, type RuleId} from './accuracy/inject.ts'
import {scoreFixes, type FixScore} from './accuracy/fixes.ts'
import {findingsOf, score, type Finding, type Scored} from './accuracy/score.ts'
import {styleKinds} from './accuracy/style.ts'
import {capitalKinds, compoundKinds, dialectKinds, injectWords, slipKinds} from './accuracy/words.ts'
import {cacheFolder, countWords} from './corpus.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const bin = path.resolve(here, '../bin.js')
const kindOrder: string[] = [
  ...nameKinds.map((kind) => kind.id),
  ...acronymKinds,
  ...acronymControls,
  ...slipKinds,
  ...dialectKinds,
  ...compoundKinds,
  ...capitalKinds,
  ...styleKinds
]

const {values} = parseArgs({
  options: {
    suite: {type: 'string', default: 'names'},
    seed: {type: 'string', default: '12'},
    'per-kind': {type: 'string', default: '20'},
    corpus: {type: 'string', multiple: true},
    results: {type: 'string'},
    'no-results': {type: 'boolean', default: false}
  }
})
const seed = Number(values.seed)
const perKind = Number(values['per-kind'])
if (!Number.isInteger(seed) || !(perKind >= 1)) throw new Error('--seed and --per-kind take whole numbers')
if (values.suite !== 'names' && values.suite !== 'words') throw new Error('--suite takes names or words')
const words = values.suite === 'words'
const measured: RuleId[] = words
  ? ['spelling', 'inconsistent-spelling', 'inconsistent-hyphenation', 'inconsistent-capitalisation', 'punctuation-style', 'number-style']
  : ['inconsistent-name', 'acronym-expansion']
const resultsFile = values['no-results'] ? undefined : (values.results ?? path.join(here, words ? 'ACCURACY-WORDS.md' : 'ACCURACY.md'))
const log = (line: string) => process.stderr.write(`accuracy: ${line}\n`)

const corpora: Array<() => Corpus | Promise<Corpus>> = [brown, moby, kjv, gutenberg]
const wanted = values.corpus
const sections: string[] = []
for (const load of corpora) {
  const corpus = await load()
  if (wanted && !wanted.includes(corpus.id)) continue
  const count = corpus.chapters.reduce((sum, chapter) => sum + countWords(chapter.markdown), 0)
  log(`${corpus.title}: ${corpus.chapters.length} chapters, ${count.toLocaleString('en')} words, ${corpus.names.size} names`)
  const folder = path.join(cacheFolder, `accuracy-${values.suite}-${corpus.id}-seed${seed}-${perKind}`)
  const {chapters, truth} = words ? injectWords(corpus, seed) : inject(corpus, seed, perKind)
  const untouched = await check(path.join(folder, 'untouched'), corpus.chapters)
  const injected = await check(path.join(folder, 'injected'), chapters)
  await writeFile(path.join(folder, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`)
  log(`truth file: ${path.join(folder, 'truth.json')} (${truth.length} injections)`)
  const scored = score(truth, injected, untouched)
  const fixes = words ? await fixScore(folder, corpus, chapters, truth) : undefined
  const section = report(corpus, count, truth, scored, untouched) + (fixes ? fixReport(fixes) : '')
  process.stdout.write(`${section}\n`)
  sections.push(section)
}

if (resultsFile) {
  const header = [
    words ? '# Accuracy of the spelling rules' : '# Accuracy of the name and acronym rules',
    '',
    'Written by `npm run accuracy` (pipeline/bench/accuracy.ts); the commands at the end of each',
    'section reproduce it. Injected faults have a fixed seed; every finding on the untouched text is',
    'listed, to be read by hand.',
    ''
  ]
  await writeFile(resultsFile, `${[...header, ...sections].join('\n')}\n`)
  log(`wrote ${resultsFile}`)
}

/** The injected book copied and fixed with `galley check --fix`, then held against the untouched book. */
async function fixScore(folder: string, corpus: Corpus, chapters: Corpus['chapters'], truth: Injection[]): Promise<FixScore> {
  const fixed = path.join(folder, 'fixed')
  await check(fixed, chapters)
  await run([bin, 'check', '--no-cache', '--fix', '--reporter', 'json'], fixed)
  const read = async (name: string) => [name, await readFile(path.join(fixed, 'manuscript', name), 'utf8')] as const
  const after = new Map(await Promise.all(chapters.map((chapter) => read(chapter.name))))
  return scoreFixes(truth, new Map(corpus.chapters.map((chapter) => [chapter.name, chapter.markdown])), after)
}

function fixReport({fixable, repaired, missed, elsewhere}: FixScore): string {
  const lines = [
    '### galley check --fix',
    '',
    `Injected faults of the safely fixable kinds repaired to the original text: ${repaired} of ${fixable} (${percent(repaired, fixable)}). ` +
      `Lines without an injection that the fixes changed: ${elsewhere.length} (the book's own inconsistencies, fixed to its house forms).`,
    ''
  ]
  if (elsewhere.length > 0)
    lines.push(
      '<details><summary>Lines changed without an injection</summary>',
      '',
      ...elsewhere.map((place) => `- ${place}`),
      '',
      '</details>',
      ''
    )
  if (missed.length > 0) {
    lines.push('<details><summary>Not repaired</summary>', '')
    for (const injection of missed)
      lines.push(`- ${injection.kind}: \`${injection.original}\` → \`${injection.injected}\` (${injection.file}:${injection.line})`)
    lines.push('', '</details>', '')
  }
  return `${lines.join('\n')}\n`
}

/** A folder with the book and a config that runs only the measured rules; its findings. */
async function check(folder: string, chapters: Corpus['chapters']): Promise<Finding[]> {
  await rm(folder, {recursive: true, force: true})
  await mkdir(path.join(folder, 'manuscript'), {recursive: true})
  for (const chapter of chapters) await writeFile(path.join(folder, 'manuscript', chapter.name), chapter.markdown)
  const rules = Object.fromEntries(ruleIds.map((id) => [id, measured.includes(id as RuleId) ? 'warn' : 'off']))
  await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({rules}, null, 2))
  const output = await run([bin, 'check', '--no-cache', '--reporter', 'json'], folder)
  return findingsOf(output, measured)
}

function run(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {cwd, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0 || code === 1) resolve(stdout)
      else reject(new Error(`galley check exited with ${code}: ${stderr.slice(-2000)}`))
    })
  })
}

function report(corpus: Corpus, words: number, truth: Injection[], {scores: unordered, collateral}: Scored, untouched: Finding[]): string {
  const scores = unordered.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind))
  const lines = [`## ${corpus.title}`, '', `${corpus.chapters.length} chapters, ${words.toLocaleString('en')} words; seed ${seed}.`, '']
  for (const rule of measured) {
    const faults = scores.filter((entry) => entry.rule === rule && !entry.control)
    const controls = scores.filter((entry) => entry.rule === rule && entry.control)
    const injected = faults.reduce((sum, entry) => sum + entry.injected, 0)
    const found = faults.reduce((sum, entry) => sum + entry.flagged, 0)
    lines.push(`### ${rule}`, '', '| kind | injected | found | recall |', '| --- | ---: | ---: | ---: |')
    for (const entry of faults)
      lines.push(`| ${entry.kind} | ${entry.injected} | ${entry.flagged} | ${percent(entry.flagged, entry.injected)} |`)
    lines.push(`| **all kinds** | ${injected} | ${found} | ${percent(found, injected)} |`)
    for (const entry of controls)
      lines.push(`| control: ${entry.kind} (must not be flagged) | ${entry.injected} | ${entry.flagged} flagged | |`)
    const own = untouched.filter((finding) => finding.ruleId === rule)
    const extra = collateral.filter((finding) => finding.ruleId === rule)
    lines.push(
      '',
      `Findings on the untouched text: ${own.length} (${((own.length / words) * 10_000).toFixed(2)} per 10,000 words). ` +
        `New findings on the injected text at no injection: ${extra.length}.`,
      ''
    )
    const missed = faults.flatMap((entry) => entry.missed)
    if (missed.length > 0) {
      lines.push('<details><summary>Missed injections</summary>', '')
      for (const injection of missed)
        lines.push(`- ${injection.kind}: \`${injection.original}\` → \`${injection.injected}\` (${injection.file}:${injection.line})`)
      lines.push('', '</details>', '')
    }
    if (own.length > 0) {
      lines.push('<details><summary>Every finding on the untouched text</summary>', '')
      for (const finding of own) lines.push(`- ${finding.file}:${finding.line}:${finding.column}: ${finding.reason}`)
      lines.push('', '</details>', '')
    }
    if (extra.length > 0) {
      lines.push('<details><summary>New findings at no injection</summary>', '')
      for (const finding of extra) lines.push(`- ${finding.file}:${finding.line}:${finding.column}: ${finding.reason}`)
      lines.push('', '</details>', '')
    }
  }
  lines.push(
    `Reproduce: \`npm run accuracy -- --suite ${values.suite} --corpus ${corpus.id} --seed ${seed}${words ? '' : ` --per-kind ${perKind}`}\` (${truth.length} injections).`,
    ''
  )
  return lines.join('\n')
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`
}
