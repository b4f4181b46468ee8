// `galley init [folder]`: scaffold a manuscript, a commented config, a .gitignore and the CI
// workflow of the README. Nothing is overwritten: a file that exists is kept and said so.
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {GalleyError} from './errors.ts'

export interface InitResult {
  /** Paths written, relative to `cwd`. */
  written: string[]
  /** Paths that existed and were left as they were. */
  kept: string[]
}

export async function init({cwd = process.cwd(), folder = '.'}: {cwd?: string; folder?: string} = {}): Promise<InitResult> {
  const root = path.resolve(cwd, folder)
  const result: InitResult = {written: [], kept: []}
  for (const [name, text] of Object.entries(scaffold(path.basename(root)))) {
    const file = path.join(root, name)
    await mkdir(path.dirname(file), {recursive: true})
    try {
      // `wx`: fail rather than replace, even if the file appeared since it was looked for.
      await writeFile(file, text, {flag: 'wx'})
      result.written.push(path.relative(cwd, file))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EEXIST') throw new GalleyError(path.relative(cwd, file), `cannot write (${code})`)
      result.kept.push(path.relative(cwd, file))
    }
  }
  return result
}

function scaffold(name: string): Record<string, string> {
  const title = name.replace(/[-_]+/g, ' ').replace(/^\w/, (letter) => letter.toUpperCase()) || 'A Book'
  return {
    'manuscript/01-opening.md': `---
title: ${JSON.stringify(title)}
author: The Author
lang: en
---

# Opening

The first chapter. Each chapter is a Markdown file in \`manuscript/\`; they are read in the
order of their names, numbers as numbers (or as \`chapters\` in the config lists them).
`,
    'manuscript/02-middle.md': `# Middle

The second chapter. Run \`npx galley check\` for the findings, and \`npx galley build\` for the
HTML and PDF editions in \`output/\`.
`,
    'galley.config.yaml': `# Galley's configuration. Every key is optional; the values shown are the defaults.
# The README lists every key and rule.

manuscript: manuscript        # the folder (or single file) of the manuscript
output: output                # where \`galley build\` writes the editions
# chapters:                   # reading order; by default files sort by name
#   - 01-opening.md
#   - 02-middle.md

rules: {}                     # every rule is a warning unless set here:
#   repeated-paragraph: error # off, info, warn or error
#   inconsistent-name: [warn, {aliases: {Wei Fenghe: [Wei Feng]}}]
#   no-literal-urls: off

# edition:                    # how the editions look
#   pageSize: A4              # A4, A5, letter, book (6 × 9 in), or {width, height}
#   toc: true
# editions:                   # what \`galley build\` writes
#   - format: html
#   - format: pdf
`,
    '.gitignore': 'output/\nnode_modules/\n',
    '.github/workflows/manuscript.yml': `name: manuscript
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    permissions: {contents: read, security-events: write}
    steps:
      - uses: actions/checkout@v4
        with: {fetch-depth: 0}          # full history, for --since and history
      - uses: actions/setup-node@v4
        with: {node-version: 20, cache: npm}
      - run: npm ci
      - run: npx galley check --reporter github --frail
      - run: npx galley check --reporter sarif > galley.sarif
        if: always()
      - run: npx galley check --reporter html > findings.html
        if: always()
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with: {sarif_file: galley.sarif}
      - run: npx galley build           # the editions, as build artefacts
      - uses: actions/upload-artifact@v4
        with: {name: editions, path: output/}
      - uses: actions/upload-artifact@v4     # the editor's report
        if: always()
        with: {name: findings, path: findings.html}
`
  }
}
