// punctuation-style: one house form for each mark, learned from the book or set by the config.
import {describe, expect, it} from 'vitest'
import {rule} from '../../pipeline/checks/punctuation-style.ts'
import {fixture, runRule, type Doc} from '../run-rule.ts'

async function messagesOf(docs: Doc[], settings: object = {}): Promise<string[]> {
  return (await runRule(rule, rule.options.parse(settings), docs)).flatMap((file) => file.messages.map(String))
}

describe('punctuation-style', () => {
  it('reports the marks written the way the book writes less', async () => {
    expect(await messagesOf([fixture('punctuation-style/not-ok.md')])).toEqual([
      'punctuation-style/not-ok.md:3:28-3:29: Unexpected straight quote `"`, expected `“` (the manuscript has 2 curly quotes and 2 of these)',
      'punctuation-style/not-ok.md:3:31-3:32: Unexpected straight quote `"`, expected `”` (the manuscript has 2 curly quotes and 2 of these)',
      "punctuation-style/not-ok.md:3:74-3:75: Unexpected straight apostrophe `'`, expected `’` (the manuscript has 1 curly apostrophe and 1 of these)",
      'punctuation-style/not-ok.md:4:37-4:40: Unexpected spaced dash ` — `, expected `—` (the manuscript has 2 closed dashes and 2 of these)',
      'punctuation-style/not-ok.md:4:44-4:47: Unexpected spaced dash ` — `, expected `—` (the manuscript has 2 closed dashes and 2 of these)',
      'punctuation-style/not-ok.md:4:62-4:64: Unexpected dash typed as hyphens `--`, expected `—` (the manuscript has 4 dashes and 2 of these)',
      'punctuation-style/not-ok.md:4:70-4:72: Unexpected dash typed as hyphens `--`, expected `—` (the manuscript has 4 dashes and 2 of these)',
      'punctuation-style/not-ok.md:5:5-5:8: Unexpected ellipsis of three dots `...`, expected `…` (the manuscript has 2 ellipsis characters and 1 of these)',
      'punctuation-style/not-ok.md:7:39-7:61: Unexpected list without a serial comma, expected a serial comma (the manuscript has 2 serial commas and 1 of these)'
    ])
  })

  it('leaves a consistent book, a parenthesis between commas, and code alone', async () => {
    expect(await messagesOf([fixture('punctuation-style/ok.md')])).toEqual([])
  })

  it('follows the config’s house forms, and offers no fix for a list', async () => {
    const [file] = await runRule(rule, rule.options.parse({quotes: 'straight', serialComma: 'omitted'}), [
      fixture('punctuation-style/not-ok.md')
    ])
    const messages = file!.messages
    expect(String(messages[0])).toBe(
      'punctuation-style/not-ok.md:3:10-3:11: Unexpected curly quote `“`, expected `"` (the config sets `quotes: straight`)'
    )
    const list = messages.find((message) => (message as {data?: {kind?: string}}).data?.kind === 'serial-comma')!
    expect([String(list), list.expected]).toEqual([
      'punctuation-style/not-ok.md:7:6-7:27: Unexpected serial comma, expected a list without a serial comma (the config sets `serialComma: omitted`)',
      []
    ])
  })

  it('decides each mark across chapters, and a tie goes to the form used first', async () => {
    const docs = [
      {path: 'a.md', value: 'He said "yes".\n'},
      {path: 'b.md', value: 'She said “no”.\n'}
    ]
    expect(await messagesOf(docs)).toEqual([
      'b.md:1:10-1:11: Unexpected curly quote `“`, expected `"` (the manuscript has 2 straight quotes and 2 of these)',
      'b.md:1:13-1:14: Unexpected curly quote `”`, expected `"` (the manuscript has 2 straight quotes and 2 of these)'
    ])
  })
})
