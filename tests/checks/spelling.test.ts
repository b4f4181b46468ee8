// spelling and inconsistent-spelling: what a copy editor flags, and what they leave alone.
import {describe, expect, it} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import {check} from '../../pipeline/check.ts'
import {runChecks} from '../../pipeline/checks/run.ts'
import {configSchema} from '../../pipeline/config/schema.ts'
import {chapterFromBytes} from '../../pipeline/manuscript/read.ts'
import {rule as dialect} from '../../pipeline/checks/inconsistent-spelling.ts'
import {rule as spelling} from '../../pipeline/checks/spelling.ts'
import type {ManuscriptRule} from '../../pipeline/checks/rule.ts'
import {fixture, runRule, type Doc} from '../run-rule.ts'

async function messagesOf(rule: ManuscriptRule, docs: Doc[], settings: object = {}): Promise<string[]> {
  return (await runRule(rule, rule.options.parse(settings), docs)).flatMap((file) => file.messages.map(String))
}

const doc = (value: string, path = 'a.md'): Doc => ({path, value})

/** A full check of one chapter, frontmatter and all: the rule's messages. */
async function checked(id: string, text: string): Promise<string[]> {
  const chapter = chapterFromBytes('a.md', Buffer.from(text), process.cwd())
  await runChecks({root: process.cwd(), chapters: [chapter]}, configSchema.parse({}).rules)
  return chapter.file.messages.filter((message) => message.ruleId === id).map(String)
}

describe('spelling', () => {
  it('reports slips of known words and of the book’s own terms, with suggestions as expected', async () => {
    expect(await messagesOf(spelling, [fixture('spelling/not-ok.md')])).toEqual([
      'spelling/not-ok.md:3:9-3:16: Unexpected unknown word `recieve`, expected for example `receive`',
      'spelling/not-ok.md:4:22-4:35: Unexpected unknown word `adminstration`, expected for example `administration`',
      'spelling/not-ok.md:7:9-7:20: Unexpected `glimerglass`, expected `glimmerglass` (used 2 times)',
      'spelling/not-ok.md:12:25-12:31: Unexpected unknown word `freind`, expected for example `friend`'
    ])
  })

  it('leaves derived words, speech, foreign phrases, names, code and addresses alone', async () => {
    expect(await messagesOf(spelling, [fixture('spelling/ok.md')])).toEqual([])
  })

  it('gives the message model’s fields: actual, expected, and the term’s first use as the cause', async () => {
    const [file] = await runRule(spelling, {}, [fixture('spelling/not-ok.md')])
    const slip = file!.messages.find((message) => message.actual === 'glimerglass')!
    expect(slip.expected).toEqual(['glimmerglass'])
    expect(slip.ruleId).toBe('spelling')
    expect(slip.url).toMatch(/#spelling$/)
    const cause = slip.cause as VFileMessage
    expect([cause.file, String(cause)]).toEqual(['spelling/not-ok.md', '6:30-6:42: `glimmerglass` first used here'])
  })

  it('learns a term across chapters, and reports a slip of it in another chapter', async () => {
    const docs = [doc('The nspell module reads Hunspell files.\n', 'a.md'), doc('Call nspell once, and npsell never.\n', 'b.md')]
    expect(await messagesOf(spelling, docs)).toEqual(['b.md:1:23-1:29: Unexpected `npsell`, expected `nspell` (used 2 times)'])
    expect(await messagesOf(spelling, docs, {words: ['nspell', 'npsell']})).toEqual([])
    expect(await messagesOf(spelling, docs, {learnAt: 3})).toEqual([])
  })

  it('reports every unknown word when unknownWords asks, but never a name', async () => {
    const docs = [doc('The zorblat sat by Mr. Quibble.\n')]
    expect(await messagesOf(spelling, docs)).toEqual([])
    expect(await messagesOf(spelling, docs, {unknownWords: true})).toEqual([
      'a.md:1:5-1:12: Unexpected unknown word `zorblat`, expected a known word'
    ])
  })

  it('checks no chapter in a language it has no dictionary for', async () => {
    expect(await checked('spelling', '---\nlang: de\n---\n\nDas ist recieve.\n')).toEqual([])
    expect(await checked('spelling', '---\nlang: en-GB\n---\n\nWe recieve nothing.\n')).toHaveLength(1)
  })

  it('is silenced by a comment in a full check', async () => {
    const {files} = await check({cwd: process.cwd(), path: 'tests/fixtures/spelling/not-ok.md'})
    const words = files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'spelling')
    expect(words.map((message) => message.actual)).toEqual(['recieve', 'adminstration', 'glimerglass'])
  })
})

describe('inconsistent-spelling', () => {
  it('reports the minority side, with the counts that decided it', async () => {
    expect(await messagesOf(dialect, [fixture('inconsistent-spelling/not-ok.md')])).toEqual([
      'inconsistent-spelling/not-ok.md:1:14-1:19: Unexpected American spelling `color`, expected `colour` (the manuscript has 7 British and 3 American)',
      'inconsistent-spelling/not-ok.md:6:5-6:10: Unexpected American spelling `color`, expected `colour` (the manuscript has 7 British and 3 American)',
      'inconsistent-spelling/not-ok.md:6:56-6:62: Unexpected American spelling `toward`, expected `towards` (the manuscript has 7 British and 3 American)'
    ])
  })

  it('leaves names alone: the Labour Party keeps its spelling in an American book', async () => {
    expect(await messagesOf(dialect, [fixture('inconsistent-spelling/ok.md')])).toEqual([])
  })

  it('follows the config’s dialect, then the lang, over the majority', async () => {
    const text = 'The colour and the colour and the color.\n'
    expect(await messagesOf(dialect, [doc(text)], {dialect: 'en-US'})).toEqual([
      'a.md:1:5-1:11: Unexpected British spelling `colour`, expected `color` (the config sets `en-US`)',
      'a.md:1:20-1:26: Unexpected British spelling `colour`, expected `color` (the config sets `en-US`)'
    ])
    expect(await checked('inconsistent-spelling', `---\nlang: en-US\n---\n\n${text}`)).toEqual([
      'a.md:5:5-5:11: Unexpected British spelling `colour`, expected `color` (the manuscript’s \`lang\` is \`en-US\`)',
      'a.md:5:20-5:26: Unexpected British spelling `colour`, expected `color` (the manuscript’s \`lang\` is \`en-US\`)'
    ])
    expect(await messagesOf(dialect, [doc(text)])).toEqual([
      'a.md:1:35-1:40: Unexpected American spelling `color`, expected `colour` (the manuscript has 2 British and 1 American)'
    ])
  })

  it('spells the Oxford way with en-GB-oxendict: British, but -ize', async () => {
    const text = 'They organised the colour, and organized the color.\n'
    const found = await runRule(dialect, {dialect: 'en-GB-oxendict'}, [doc(text)])
    expect(found[0]!.messages.map((message) => [message.actual, message.expected])).toEqual([
      ['organised', ['organized']],
      ['color', ['colour']]
    ])
  })
})
