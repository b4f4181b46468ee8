// Property tests on random manuscripts: Markdown built from the syntax the rules look at, the
// same with nonsense Unicode mixed in, and the seed manuscript randomly edited. On every one, no
// rule throws, neither does the HTML edition, every message lies inside its file, and the JSON
// and SARIF reports stay valid.
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runChecks} from '../../pipeline/checks/run.ts'
import {configSchema, type Config} from '../../pipeline/config/schema.ts'
import {chapterFromBytes} from '../../pipeline/manuscript/read.ts'
import {screenHtml} from '../render/screen-html.ts'
import {reporters} from '../../pipeline/reporters/index.ts'
import {sarifErrors} from '../reporters/validate-sarif.ts'
import {placesOutside} from './places.ts'

/** Runs of each property; with the seed fixed by fast-check's report, a failure replays. */
const runs = {markdown: 500, unicode: 500, edits: 300}

const word = fc.constantFrom(
  'the',
  'the',
  'harbour',
  'ledger',
  'Wei Fenghe',
  'Wei Feng',
  'General Wei',
  'JCPOA',
  'IRGC',
  'SCO',
  '(Joint Comprehensive Plan of Action)',
  'Tehran',
  'Beijing',
  'naval',
  'exercise',
  'and',
  'a',
  'was'
)
// Lone surrogates, direction overrides, joiners, combining marks, BOM, separators, tabs, CR.
const nonsense = fc.constantFrom(
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u200D',
  '\u0301',
  '\uFEFF',
  '\u2028',
  '\u2029',
  '\t',
  '\r',
  '\r\n',
  '\u00A0',
  '👩‍👩‍👧',
  '𝕏',
  'ﬃ',
  '\u0085',
  '\u000B'
)

const inline: fc.Arbitrary<string> = fc.oneof(
  {weight: 6, arbitrary: word},
  fc.tuple(word, word).map(([a, b]) => `*${a} ${b}*`),
  fc.tuple(word, word).map(([a, b]) => `**${a}** __${b}__`),
  word.map((a) => `\`${a}\``),
  word.map((a) => `~~${a}~~`),
  fc
    .tuple(word, fc.constantFrom('https://example.org/x', '#heading', 'other.md#part', '../x.md', 'mailto:a@b.c', ''))
    .map(([a, url]) => `[${a}](${url})`),
  fc
    .tuple(word, fc.constantFrom('images/a.png', 'https://example.org/a.png', '../../etc/passwd', 'data:image/png;base64,iVBORw0KGgo='))
    .map(([a, src]) => `![${a}](${src})`),
  fc.constantFrom(
    '<https://example.org>',
    'www.example.org',
    'a@b.example',
    '[^1]',
    '[^note]',
    '<span>raw</span>',
    '<b>',
    '\\',
    '  \n',
    '&amp;',
    '&#0;',
    '&nbsp;'
  )
)

const sentence = fc.array(inline, {minLength: 1, maxLength: 12}).map((words) => `${words.join(' ')}.`)

const block: fc.Arbitrary<string> = fc.oneof(
  {weight: 5, arbitrary: fc.array(sentence, {minLength: 1, maxLength: 4}).map((sentences) => sentences.join(' '))},
  fc.tuple(fc.integer({min: 1, max: 7}), sentence).map(([level, text]) => `${'#'.repeat(level)} ${text}`),
  fc.tuple(sentence, fc.constantFrom('===', '---')).map(([text, line]) => `${text}\n${line}`),
  fc
    .array(fc.tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] ', '- [x] '), fc.nat({max: 3}), sentence), {
      minLength: 1,
      maxLength: 5
    })
    .map((items) => items.map(([marker, depth, text]) => `${'  '.repeat(depth)}${marker}${text}`).join('\n')),
  fc.array(sentence, {minLength: 1, maxLength: 3}).map((lines) => lines.map((line) => `> ${line}`).join('\n')),
  fc.tuple(fc.constantFrom('', 'js', 'text'), sentence).map(([lang, text]) => `\`\`\`${lang}\n${text}\n\`\`\``),
  sentence.map((text) => `    ${text}`),
  fc.constantFrom(
    '***',
    '- - -',
    '<div>\nraw *block*\n</div>',
    '<!-- galley ignore -->',
    '<!-- galley disable repeated-words -->',
    '<!-- lint disable -->'
  ),
  fc.tuple(word, word, word, word).map(([a, b, c, d]) => `| ${a} | ${b} |\n| --- | :-: |\n| ${c} | ${d} |`),
  fc.tuple(word, sentence).map(([label, text]) => `[^${label.replace(/\W/g, '') || 'n'}]: ${text}`),
  word.map((label) => `[${label}]: https://example.org/${encodeURIComponent(label)}`)
)

const frontmatter = fc.option(
  fc.constantFrom(
    '---\ntitle: A Title\nauthor: Someone\n---\n\n',
    '---\ntitle: [broken\n---\n\n',
    '---\n- a list\n---\n\n',
    '---\n---\n\n'
  ),
  {nil: ''}
)

const markdown = fc
  .tuple(frontmatter, fc.array(block, {minLength: 0, maxLength: 12}), fc.constantFrom('\n\n', '\n'))
  .map(([front, blocks, gap]) => front + blocks.join(gap) + '\n')

/** A string with nonsense inserted at random places. */
function sprinkled(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.array(fc.tuple(fc.nat(), fc.oneof(nonsense, fc.string({unit: 'binary', minLength: 1, maxLength: 3}))), {maxLength: 8}))
    .map(([value, insertions]) => {
      let result = value
      for (const [at, what] of insertions) {
        const index = at % (result.length + 1)
        result = result.slice(0, index) + what + result.slice(index)
      }
      return result
    })
}

let seed = ''

/** The seed manuscript under random edits: cut, copy, insert and swap. */
const editedSeed = fc
  .array(
    fc.oneof(
      fc.record({kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({max: 400})}),
      fc.record({kind: fc.constant('copy' as const), at: fc.nat(), length: fc.nat({max: 600}), to: fc.nat()}),
      fc.record({kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(block, nonsense, fc.string({maxLength: 20}))}),
      fc.record({kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat()})
    ),
    {minLength: 1, maxLength: 6}
  )
  .map((edits) => {
    let text = seed
    for (const edit of edits) {
      const at = (n: number) => n % (text.length + 1)
      if (edit.kind === 'cut') text = text.slice(0, at(edit.at)) + text.slice(at(edit.at) + edit.length)
      else if (edit.kind === 'copy')
        text = text.slice(0, at(edit.to)) + text.slice(at(edit.at), at(edit.at) + edit.length) + text.slice(at(edit.to))
      else if (edit.kind === 'insert') text = text.slice(0, at(edit.at)) + edit.text + text.slice(at(edit.at))
      else {
        const lines = text.split('\n')
        const [a, b] = [edit.a % lines.length, edit.b % lines.length]
        ;[lines[a], lines[b]] = [lines[b]!, lines[a]!]
        text = lines.join('\n')
      }
    }
    return text
  })

let root: string
let config: Config

beforeAll(async () => {
  seed = await readFile('manuscript/china-iran-military-relations.md', 'utf8')
  root = await mkdtemp(path.join(tmpdir(), 'galley-fuzz-'))
  config = {...configSchema.parse({}), base: root}
})

afterAll(() => rm(root, {recursive: true, force: true}))

/** Check and render chapters made of `texts`, then hold the reports to their promises. */
async function holds(texts: string[]): Promise<void> {
  const chapters = texts.map((text, index) => chapterFromBytes(`chapter-${index + 1}.md`, Buffer.from(text), root))
  const manuscript = {root, chapters}
  await runChecks(manuscript, config.rules)
  screenHtml(manuscript)
  const files = chapters.map((chapter) => chapter.file)
  expect(files.flatMap((file) => placesOutside(file).map((place) => `${file.path}: ${place}`))).toEqual([])
  const json = JSON.parse(reporters.json(files, {cwd: root})) as Array<{messages: unknown[]}>
  expect(json.map((file) => file.messages.length)).toEqual(files.map((file) => file.messages.length))
  expect(sarifErrors(JSON.parse(reporters.sarif(files, {cwd: root, toolVersion: '0.1.0'})))).toEqual([])
}

describe('random manuscripts', () => {
  it(`of Markdown: ${runs.markdown} runs`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(markdown, {minLength: 1, maxLength: 3}), holds), {numRuns: runs.markdown})
  })

  it(`of Markdown with nonsense Unicode: ${runs.unicode} runs`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(sprinkled(markdown), {minLength: 1, maxLength: 3}), holds), {numRuns: runs.unicode})
  })

  it(`of the seed manuscript, randomly edited: ${runs.edits} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(editedSeed, sprinkled(markdown), (edited, other) => holds([edited, other])),
      {numRuns: runs.edits}
    )
  })
})

describe('prose findings after a line that ends in spaces', () => {
  // micromark drops the spaces around a line break inside a paragraph, and mdast-util-to-nlcst
  // places words by their text node's value: pipeline/manuscript/prose.ts puts the spaces back.
  for (const [name, ending] of [
    ['LF', '\n'],
    ['CRLF', '\r\n']
  ]) {
    it(`are placed where they are (${name})`, async () => {
      const text = `We went to the market  ${ending}   and saw the the harbour.${ending}`
      const chapter = chapterFromBytes('a.md', Buffer.from(text), root)
      await runChecks({root, chapters: [chapter]}, config)
      expect(chapter.file.messages.filter((m) => m.ruleId === 'repeated-words').map(String)).toEqual([
        'a.md:2:12-2:19: Unexpected repeated `the`, remove one occurrence'
      ])
    })
  }
})
