// `npm run bench:hostile`: how long Galley takes to refuse each input whose parsing would grow
// with the square of its size, and how much memory it holds meanwhile. The tests assert that
// each is refused; the time is measured here, as the whole CLI from start to exit, median of
// several runs. Each used to take minutes or gigabytes (see the README's Limits).
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {describeMachine, machineLine} from './machine.ts'
import {measureNode, type Measured} from './measure.ts'
import {median, megabytes, seconds} from './table.ts'

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin.js')
const {values} = parseArgs({options: {runs: {type: 'string', default: '3'}}})
const runs = Number(values.runs)

const inputs: Record<string, string> = {
  '100 KB line: 50,000 `*`, `z`, 50,000 `*`': '*'.repeat(50_000) + 'z' + '*'.repeat(50_000) + '\n',
  '60 KB of `[`, never closed': '['.repeat(60_000) + '\n',
  '60 KB of nested brackets: 30,000 `[`, `a`, 30,000 `]`': '['.repeat(30_000) + 'a' + ']'.repeat(30_000) + '\n',
  '100,000 footnote references in one paragraph': Array.from({length: 100_000}, (_, n) => `[^${n}]`).join(' ') + '\n',
  'frontmatter of 80,000 keys (789 KB)': '---\n' + Array.from({length: 80_000}, (_, n) => `k${n}: v`).join('\n') + '\n---\n\nText.\n',
  '10,000 nested lists on one line': '- '.repeat(10_000) + 'x\n',
  '1,000 levels of emphasis (parsed, then refused by depth)': '*a '.repeat(1000) + 'x' + ' b*'.repeat(1000) + '\n'
}

process.stderr.write(`bench: ${machineLine(await describeMachine())}\n`)
const work = await mkdtemp(path.join(os.tmpdir(), 'galley-bench-hostile-'))
const lines = ['| input | refused by `galley check` in (median) | peak memory | exit code |', '| --- | --- | --- | --- |']
try {
  for (const [name, markdown] of Object.entries(inputs)) {
    const folder = path.join(work, String(lines.length))
    await mkdir(path.join(folder, 'manuscript'), {recursive: true})
    await writeFile(path.join(folder, 'manuscript/a.md'), markdown)
    const measured: Measured[] = []
    for (let run = 0; run < runs; run++) measured.push(await measureNode([bin, 'check', '--no-cache', '--reporter', 'json'], {cwd: folder}))
    const code = measured[0]!.code
    lines.push(
      `| ${name} | ${seconds(median(measured.map((m) => m.wallMs)))} | ${megabytes(Math.max(...measured.map((m) => m.maxRssBytes)))} | ${code} |`
    )
    process.stderr.write(`bench: ${name}: done\n`)
  }
} finally {
  await rm(work, {recursive: true, force: true})
}
process.stdout.write(`${lines.join('\n')}\n`)
