// `galley stylesheet` on the seed: the choices the article makes, and the places it departs from them.
import {execFile} from 'node:child_process'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {sheetMarkdown, stylesheet, type StyleSheet} from '../pipeline/stylesheet.ts'

const bin = path.resolve('pipeline/bin.js')
const seed = 'manuscript/china-iran-military-relations.md'

const sectionOf = (sheet: StyleSheet, title: string) => sheet.sections.find((section) => section.title === title)!

describe('galley stylesheet', () => {
  it('lists the seed’s names with the variant found, its acronyms, its dialect and its quotes', async () => {
    const sheet = await stylesheet({cwd: process.cwd()})
    expect(sheet.title).toBe('China-Iran Military Relations')
    expect(sectionOf(sheet, 'Names').entries).toContainEqual({term: 'Wei Fenghe', count: 2, exceptions: [`${seed}:26:271 Wei Feng`]})
    expect(sectionOf(sheet, 'Acronyms').entries).toContainEqual({
      term: 'JCPOA: Joint Comprehensive Plan',
      count: 0,
      note: `first defined at ${seed}:12`,
      exceptions: [`${seed}:12:468 Joint Comprehensive Plan`]
    })
    expect(sectionOf(sheet, 'Spelling').about).toBe('en-US (the majority: 6 American, 0 British)')
    expect(sectionOf(sheet, 'Punctuation').entries[0]).toEqual({term: 'quotes: curly', count: 20})
  })

  it('writes Markdown a reader can commit, and JSON for tools', async () => {
    const run = promisify(execFile)
    const markdown = (await run(process.execPath, [bin, 'stylesheet'])).stdout
    const sheet = await stylesheet({cwd: process.cwd()})
    expect(markdown).toBe(sheetMarkdown(sheet))
    expect(markdown).toContain(`| Wei Fenghe | 2 |  | \`${seed}:26:271 Wei Feng\` |\n`)
    const json = JSON.parse((await run(process.execPath, [bin, 'stylesheet', '--format', 'json'])).stdout) as StyleSheet
    expect(json.sections.map((section) => section.title)).toEqual([
      'Spelling',
      'Terms no dictionary has',
      'Compounds',
      'Capitalised terms',
      'Names',
      'Acronyms',
      'Punctuation',
      'Numbers'
    ])
  })
})
