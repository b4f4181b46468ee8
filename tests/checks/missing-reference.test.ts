// `missing-reference`: a `:ref` that names nothing in the manuscript, with the nearest id as the
// fix, and a figure or table id given twice, with the first as its cause.
import {describe, expect, it} from 'vitest'
import {check} from '../../pipeline/check.ts'

async function messagesOf(fixture: string) {
  const {files} = await check({cwd: process.cwd(), path: `tests/fixtures/missing-reference/${fixture}`})
  return files.flatMap((file) => file.messages)
}

describe('missing-reference', () => {
  it('flags references to ids nothing has, without an id, and an id given twice', async () => {
    const messages = await messagesOf('not-ok')
    expect(messages.map((message) => `${message}  [${message.source}:${message.ruleId}]`)).toEqual([
      'tests/fixtures/missing-reference/not-ok/01-harbour.md:3:12-3:25: Unexpected reference to missing id `harbor`, expected `harbour`  [galley:missing-reference]',
      'tests/fixtures/missing-reference/not-ok/01-harbour.md:3:41-3:59: Unexpected reference to missing id `tidal-chart`, expected the id of a figure, table, heading or note  [galley:missing-reference]',
      'tests/fixtures/missing-reference/not-ok/01-harbour.md:9:22-9:38: Unexpected reference to missing id `the-strom`, expected `the-storm`  [galley:missing-reference]',
      'tests/fixtures/missing-reference/not-ok/01-harbour.md:9:58-9:71: Unexpected reference to missing id `fn-log`, expected the id of a figure, table, heading or note  [galley:missing-reference]',
      'tests/fixtures/missing-reference/not-ok/02-storm.md:3:13-3:29: Unexpected reference without an id, expected `:ref{#id}`  [galley:missing-reference]',
      'tests/fixtures/missing-reference/not-ok/02-storm.md:5:1-7:4: Unexpected second figure or table with id `harbour`, expected an id of its own  [galley:missing-reference]'
    ])
    expect(messages.map((message) => [message.actual, message.expected])).toEqual([
      ['harbor', ['harbour']],
      ['tidal-chart', undefined],
      ['the-strom', ['the-storm']],
      ['fn-log', undefined],
      [undefined, undefined],
      ['harbour', undefined]
    ])
    for (const message of messages) expect(message.url).toBe('https://github.com/galley-editions/galley#missing-reference')
  })

  it('points a second id at the first, as its cause and related place', async () => {
    const duplicate = (await messagesOf('not-ok')).at(-1)!
    expect(String(duplicate.cause)).toBe('5:1-7:4: `harbour` first given here')
    expect((duplicate.cause as {file?: string}).file).toBe('tests/fixtures/missing-reference/not-ok/01-harbour.md')
    expect((duplicate as {data?: unknown}).data).toEqual({
      related: [{path: 'tests/fixtures/missing-reference/not-ok/01-harbour.md', line: 5, column: 1, reason: '`harbour` first given here'}]
    })
  })

  it('is quiet on figures, tables, headings and called notes of any chapter, and leaves prose with colons alone', async () => {
    expect((await messagesOf('ok')).map(String)).toEqual([])
  })
})
