// inconsistent-hyphenation: one compound hyphenated in one place and closed up or open in another.
import type {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {rule} from '../../pipeline/checks/inconsistent-hyphenation.ts'
import {fixture, runRule, type Doc} from '../run-rule.ts'

async function messagesOf(docs: Doc[], settings: object = {}): Promise<string[]> {
  return (await runRule(rule, rule.options.parse(settings), docs)).flatMap((file) => file.messages.map(String))
}

describe('inconsistent-hyphenation', () => {
  it('reports the form the book uses less, with the first use of the other as the cause', async () => {
    expect(await messagesOf([fixture('inconsistent-hyphenation/not-ok.md')])).toEqual([
      'inconsistent-hyphenation/not-ok.md:4:34-4:40: Unexpected `e-mail`, expected `email` (used 3 times)',
      'inconsistent-hyphenation/not-ok.md:6:6-6:16: Unexpected `co-operate`, expected `cooperate` (used 2 times)'
    ])
    const [file] = await runRule(rule, {}, [fixture('inconsistent-hyphenation/not-ok.md')])
    const message = file!.messages[0]!
    expect([message.actual, message.expected]).toEqual(['e-mail', ['email']])
    expect(String(message.cause as VFileMessage)).toBe('3:21-3:26: `email` first used here')
    expect((message as VFileMessage & {data: unknown}).data).toEqual({kind: 'hyphenated', counts: {email: 3, 'e-mail': 1}})
  })

  it('compares open forms only when asked, since most are grammar', async () => {
    const found = await messagesOf([fixture('inconsistent-hyphenation/not-ok.md')], {open: true})
    expect(found.at(-1)).toBe(
      'inconsistent-hyphenation/not-ok.md:7:67-7:82: Unexpected `decision making`, expected `decision-making` (used 1 time)'
    )
  })

  it('holds the book to the config’s house form', async () => {
    const found = await messagesOf([fixture('inconsistent-hyphenation/not-ok.md')], {forms: ['e-mail']})
    expect(found.slice(0, 3)).toEqual([
      'inconsistent-hyphenation/not-ok.md:3:21-3:26: Unexpected `email`, expected `e-mail` (the config’s house form)',
      'inconsistent-hyphenation/not-ok.md:3:53-3:58: Unexpected `email`, expected `e-mail` (the config’s house form)',
      'inconsistent-hyphenation/not-ok.md:4:7-4:12: Unexpected `email`, expected `e-mail` (the config’s house form)'
    ])
  })

  it('holds a book that no longer hyphenates a compound to a hyphenated house form', async () => {
    const docs = [{path: 'a.md', value: 'The longterm plan and the longterm view.\n'}]
    expect(await messagesOf(docs)).toEqual([])
    expect(await messagesOf(docs, {forms: ['long-term']})).toEqual([
      'a.md:1:5-1:13: Unexpected `longterm`, expected `long-term` (the config’s house form)',
      'a.md:1:27-1:35: Unexpected `longterm`, expected `long-term` (the config’s house form)'
    ])
  })

  it('leaves alone names, stammers, and re- before a word that closed up is another word', async () => {
    expect(await messagesOf([fixture('inconsistent-hyphenation/ok.md')])).toEqual([])
  })

  it('finds the two forms in different chapters, and keeps a sentence’s capital in expected', async () => {
    const docs = [
      {path: 'a.md', value: 'The week-end was long. Every week-end was.\n'},
      {path: 'b.md', value: 'Weekend plans were made.\n'}
    ]
    const [, second] = await runRule(rule, {}, docs)
    expect(second!.messages.map((message) => [String(message), message.expected])).toEqual([
      ['b.md:1:1-1:8: Unexpected `Weekend`, expected `week-end` (used 2 times)', ['Week-end']]
    ])
  })
})
