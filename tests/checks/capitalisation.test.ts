// inconsistent-capitalisation: one term capitalised in some places and not in others, mid-sentence.
import {readdirSync} from 'node:fs'
import type {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {check} from '../../pipeline/check.ts'
import {rule} from '../../pipeline/checks/inconsistent-capitalisation.ts'
import {stylesheet} from '../../pipeline/stylesheet.ts'
import {fixture, runRule, type Doc} from '../run-rule.ts'

const chapters = (folder: string): Doc[] =>
  readdirSync(new URL(`../fixtures/inconsistent-capitalisation/${folder}`, import.meta.url))
    .sort()
    .map((name) => fixture(`inconsistent-capitalisation/${folder}/${name}`))

async function messagesOf(docs: Doc[], settings: object = {}): Promise<string[]> {
  return (await runRule(rule, rule.options.parse(settings), docs)).flatMap((file) => file.messages.map(String))
}

describe('inconsistent-capitalisation', () => {
  it('reports the form the book uses less, across chapters, with the first use of the other as the cause', async () => {
    expect(await messagesOf(chapters('not-ok'))).toEqual([
      'inconsistent-capitalisation/not-ok/01-war.md:6:43-6:57: Unexpected `Prime Minister`, expected `prime minister` (used 2 times)',
      'inconsistent-capitalisation/not-ok/02-after.md:3:13-3:21: Unexpected `cold war`, expected `Cold War` (used 3 times)',
      'inconsistent-capitalisation/not-ok/02-after.md:3:75-4:6: Unexpected `secretary of state`, expected `Secretary of State` (used 2 times)'
    ])
    const [, after] = await runRule(rule, {}, chapters('not-ok'))
    const [war, secretary] = after!.messages
    expect([war!.actual, war!.expected]).toEqual(['cold war', ['Cold War']])
    expect(String(war!.cause as VFileMessage)).toBe('3:16-3:24: `Cold War` first used here')
    expect((war!.cause as VFileMessage).file).toBe('inconsistent-capitalisation/not-ok/01-war.md')
    expect((war as VFileMessage & {data: unknown}).data).toEqual({kind: 'term', counts: {'Cold War': 3, 'cold war': 1}})
    // A fix changes the case and keeps the line break.
    expect([secretary!.actual, secretary!.expected]).toEqual(['secretary of\nstate', ['Secretary of\nState']])
  })

  it('leaves alone sentence starts, headings, generic uses, names, ordinary words, italics, quotes, code and other languages', async () => {
    // Read as the check reads a manuscript, for the frontmatter's `lang`.
    const {files} = await check({cwd: process.cwd(), path: 'tests/fixtures/inconsistent-capitalisation/ok'})
    expect(files.flatMap((file) => file.messages.filter((message) => message.ruleId === rule.id).map(String))).toEqual([])
  })

  it('compares one word alone, and holds the book to a form, only when the config names it', async () => {
    const docs = [{path: 'a.md', value: 'We met the Government. Then the government fell, and the government rose.\n'}]
    expect(await messagesOf(docs)).toEqual([])
    expect(await messagesOf(docs, {forms: ['Government']})).toEqual([
      'a.md:1:33-1:43: Unexpected `government`, expected `Government` (the config’s house form)',
      'a.md:1:58-1:68: Unexpected `government`, expected `Government` (the config’s house form)'
    ])
  })

  it('offers both forms, for the editor, without a clear majority', async () => {
    const docs = [
      {
        path: 'a.md',
        value: 'So the Home Office wrote, and the Home Office called; the home office and the home office, and the Home Office.\n'
      }
    ]
    const [file] = await runRule(rule, {}, docs)
    expect(file!.messages.map((message) => [String(message), message.expected])).toEqual([
      [
        'a.md:1:59-1:70: Unexpected `home office` (used 2 times) beside `Home Office` (used 3 times), expected one capitalisation',
        ['Home Office', 'home office']
      ],
      [
        'a.md:1:79-1:90: Unexpected `home office` (used 2 times) beside `Home Office` (used 3 times), expected one capitalisation',
        ['Home Office', 'home office']
      ]
    ])
  })

  it('needs `minimum` uses of a term before its majority decides', async () => {
    const docs = [{path: 'a.md', value: 'So the Supreme Court ruled, and the supreme court sat.\n'}]
    expect(await messagesOf(docs)).toEqual([])
    expect(await messagesOf(docs, {minimum: 2})).toHaveLength(1)
  })

  it('gives the style sheet each term in its house form, its other forms and where the book departs from it', async () => {
    const sheet = await stylesheet({cwd: process.cwd(), path: 'tests/fixtures/inconsistent-capitalisation/not-ok'})
    const section = sheet.sections.find((one) => one.title === 'Capitalised terms')!
    expect(section.entries[0]).toEqual({
      term: 'Cold War',
      count: 3,
      note: 'cold war 1',
      exceptions: ['tests/fixtures/inconsistent-capitalisation/not-ok/02-after.md:3:13 cold war']
    })
  })

  it('names the option a bad form breaks', () => {
    expect(() => rule.options.parse({forms: ['Cold War!']})).toThrow(/one to three words/)
  })
})
