// remark-lint and retext-repeated-words as Galley runs them: ids, sources and comment control.
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {check} from '../../pipeline/check.ts'

async function messagesOf(fixture: string): Promise<string[]> {
  const {files} = await check({cwd: process.cwd(), path: path.join('tests/fixtures', fixture)})
  return files[0]!.messages.map((m) => `${m}  [${m.source}:${m.ruleId}]`)
}

describe('repeated-words', () => {
  it('flags a doubled word in prose, not in code, not where silenced, not "that that"', async () => {
    expect(await messagesOf('repeated-words/not-ok.md')).toEqual([
      'tests/fixtures/repeated-words/not-ok.md:9:14-9:21: Unexpected repeated `the`, remove one occurrence  [retext-repeated-words:repeated-words]'
    ])
  })

  it('is quiet on ordinary prose', async () => {
    expect(await messagesOf('repeated-words/ok.md')).toEqual([])
  })
})

describe('markdown rules (remark-lint)', () => {
  it('flags emphasis as a heading, a skipped level, heading punctuation and an empty URL', async () => {
    expect(await messagesOf('markdown/not-ok.md')).toEqual([
      'tests/fixtures/markdown/not-ok.md:7:1-7:21: Unexpected heading rank `3`, exected rank `2`  [remark-lint:heading-increment]',
      'tests/fixtures/markdown/not-ok.md:3:1-3:34: Unexpected strong introducing a section, expected a heading instead  [remark-lint:no-emphasis-as-heading]',
      'tests/fixtures/markdown/not-ok.md:7:1-7:21: Unexpected character `.` at end of heading, remove it  [remark-lint:no-heading-punctuation]',
      'tests/fixtures/markdown/not-ok.md:9:40-9:51: Unexpected empty link URL referencing the current document, expected URL  [remark-lint:no-empty-url]'
    ])
  })

  it('is quiet on a tidy file', async () => {
    expect(await messagesOf('markdown/ok.md')).toEqual([])
  })
})
