// Threads change where the chapters are checked, never what is found.
import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {brownChapters} from '../../pipeline/bench/corpus.ts'
import {checkManuscript} from '../../pipeline/check.ts'
import {loadConfig, manuscriptLocation} from '../../pipeline/config/load.ts'
import {readManuscript} from '../../pipeline/manuscript/read.ts'
import {reporters} from '../../pipeline/reporters/index.ts'

let folder: string

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'galley-parallel-'))
  const manuscript = path.join(folder, 'manuscript')
  await mkdir(manuscript)
  const chapters = (await brownChapters()).slice(0, 16)
  for (const {name, markdown} of chapters) await writeFile(path.join(manuscript, name), markdown)
  // Findings of every kind, so each travels from a worker: a duplicate across chapters, a
  // name spelt two ways, a bad expansion, a repeated word, a Markdown slip, broken frontmatter
  // and a chapter that silences itself.
  const paragraph = chapters[3]!.markdown.split('\n\n').sort((a, b) => b.length - a.length)[0]!
  await writeFile(
    path.join(manuscript, 'z1-faults.md'),
    `# Faults\n\n${paragraph}\n\nMinister Wei Fenghe met the envoy. Later Wei Fenghe spoke, and Wei Feng left.\n\n` +
      'The Joint Comprehensive Plan (JCPOA) held for the the moment.\n\n* a star list\n'
  )
  await writeFile(path.join(manuscript, 'z2-broken.md'), '---\ntitle: [unclosed\n---\n\nText.\n')
  await writeFile(path.join(manuscript, 'z3-quiet.md'), `<!-- galley disable repeated-paragraph -->\n\n${paragraph}\n`)
})
afterAll(() => rm(folder, {recursive: true, force: true}))

async function report(jobs: number, keepMainThread = false) {
  const config = await loadConfig(folder)
  const manuscript = await readManuscript({...manuscriptLocation(config, folder), cwd: folder})
  const {files} = await checkManuscript(config, manuscript, {jobs, keepMainThread})
  return JSON.parse(reporters.json(files, {cwd: folder})) as Array<{path: string; messages: Array<{ruleId: string}>}>
}

describe('a parallel check', () => {
  it('finds exactly what a serial check finds', async () => {
    const serial = await report(1)
    // This thread and a worker, then (as the build does) two workers.
    expect(await report(2)).toEqual(serial)
    expect(await report(2, true)).toEqual(serial)

    const rules = new Set(serial.flatMap((file) => file.messages.map((message) => message.ruleId)))
    for (const rule of ['repeated-paragraph', 'inconsistent-name', 'acronym-expansion', 'repeated-words', 'frontmatter'])
      expect(rules).toContain(rule)
    const quiet = serial.find((file) => file.path.endsWith('z3-quiet.md'))!
    expect(quiet.messages.map((message) => message.ruleId)).not.toContain('repeated-paragraph')
  })
})
