// Input too long or too deep for a recursive pipeline: it either completes, or is refused in one
// line that names the file and the limit. It never ends in a stack overflow. Inputs are made here,
// in temporary folders; none is committed.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {maxDepth, maxFrontmatter, maxMarks} from '../../pipeline/manuscript/limits.ts'
import {maxImageBytes} from '../../pipeline/manuscript/references.ts'
import {galley, project, removeProjects, stackTrace} from './run.ts'

afterAll(removeProjects)

const other = 'We went to the the market on a sunny day last week.\n'
const otherFinding = ['repeated-words: Unexpected repeated `the`, remove one occurrence']
const sentence = 'The harbour master wrote the ledger in a careful hand, and the clerks copied it twice. '

/** `text` repeated to at least `bytes` bytes. */
function toSize(text: string, bytes: number): string {
  return text.repeat(Math.ceil(bytes / text.length))
}

type Report = Array<{path: string; messages: Array<{ruleId: string; reason: string}>}>

function findings(stdout: string): Record<string, string[]> {
  return Object.fromEntries((JSON.parse(stdout) as Report).map((file) => [file.path, file.messages.map((m) => `${m.ruleId}: ${m.reason}`)]))
}

describe('one line of 1 MB', () => {
  it('is checked when it is one long word', async () => {
    const folder = await project({'manuscript/a.md': `${toSize('abcdefghij', 1024 * 1024)}\n`, 'manuscript/b.md': other})
    const result = await galley(folder, ['check', '--reporter', 'json'])
    expect(result.code).toBe(0)
    expect(findings(result.stdout)).toEqual({'manuscript/a.md': [], 'manuscript/b.md': otherFinding})
  })

  it('is refused in one line when it is prose, too long for the prose checks, and the other file is checked', async () => {
    const folder = await project({'manuscript/a.md': `${toSize(sentence, 1024 * 1024)}\n`, 'manuscript/b.md': other})
    const result = await galley(folder, ['check', '--reporter', 'json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('')
    expect(findings(result.stdout)).toEqual({
      'manuscript/a.md': [
        expect.stringMatching(
          /^unreadable: cannot check: a paragraph, list or quote is too long for the prose checks \([\d,]+ words, spaces and marks in one stretch of text, over the limit of 100,000\); split it$/
        )
      ],
      'manuscript/b.md': otherFinding
    })
  })
})

describe('nesting', () => {
  // One level a line, as an editor would write them, would take 100 MB for 10,000 lists (two
  // spaces a level) and be refused for its size; on one line the parser sees the same depth.
  const deep = {
    lists: '- '.repeat(10_000) + 'the innermost item\n',
    'block quotes': '>'.repeat(10_000) + ' the innermost quote\n'
  }

  for (const [name, markdown] of Object.entries(deep)) {
    it(`of 10,000 ${name} is refused by check and build in one line, without a stack overflow`, async () => {
      const folder = await project({'manuscript/a.md': markdown, 'manuscript/b.md': other})
      const checked = await galley(folder, ['check', '--reporter', 'json'])
      expect(checked.code).toBe(2)
      const reason = findings(checked.stdout)['manuscript/a.md']
      expect(reason).toHaveLength(1)
      expect(reason![0]).toMatch(
        new RegExp(
          `^unreadable: nested too deeply: line 1 opens \\d+ levels of block quotes and lists, over the limit of ${maxDepth} levels of the Markdown tree`
        )
      )
      expect(findings(checked.stdout)['manuscript/b.md']).toEqual(otherFinding)
      const built = await galley(folder, ['build', '--html'])
      expect(built.code).toBe(2)
      expect(built.stderr).toBe(`galley: manuscript/a.md: ${reason![0]!.slice('unreadable: '.length)}; no editions built\n`)
    })
  }

  it(`of exactly ${maxDepth} levels is checked and built, so the limit is one the pipeline bears`, async () => {
    // Root, quotes, a paragraph and its text: the quotes take the rest of the levels.
    const atLimit = '>'.repeat(maxDepth - 3) + ' the innermost quote\n'
    const folder = await project({'manuscript/a.md': atLimit, 'manuscript/b.md': '>'.repeat(maxDepth - 2) + ' one level more\n'})
    const result = await galley(folder, ['check', '--reporter', 'json'])
    expect(findings(result.stdout)['manuscript/b.md']).toEqual([
      `unreadable: nested too deeply: ${maxDepth + 1} levels, over the limit of ${maxDepth} levels of the Markdown tree (a list level counts 2)`
    ])
    expect(findings(result.stdout)['manuscript/a.md']!.filter((finding) => finding.startsWith('unreadable'))).toEqual([])
    // Root, a list and its item for each level, a paragraph and its text.
    const levels = Math.floor((maxDepth - 3) / 2)
    const lists = await project({'manuscript/a.md': '- '.repeat(levels) + 'the innermost item\n'})
    const built = await galley(lists, ['build', '--html'])
    expect(built.stderr).toBe('galley: wrote output/manuscript.html\n')
    expect(built).toMatchObject({code: 0, stderr: expect.stringContaining('galley: wrote output/manuscript.html\n')})
    const html = await readFile(path.join(lists, 'output/manuscript.html'), 'utf8')
    expect(html.split('<ul>').length - 1).toBe(levels)
  })

  it('of emphasis 1,000 deep is refused in one line once parsed', async () => {
    // Under the limit of marks a paragraph may hold, so the parser sees it, and the depth is
    // what refuses it.
    const folder = await project({'manuscript/a.md': '*a '.repeat(1000) + 'x' + ' b*'.repeat(1000) + '\n'})
    const result = await galley(folder, ['check', '--reporter', 'json'])
    expect(result.code).toBe(2)
    expect(findings(result.stdout)['manuscript/a.md']).toEqual([
      `unreadable: nested too deeply: 1003 levels, over the limit of ${maxDepth} levels of the Markdown tree (a list level counts 2)`
    ])
  })

  it('of raw HTML 10,000 deep builds no edition, and says why in one line', async () => {
    const folder = await project({'manuscript/a.md': '<div>\n'.repeat(10_000) + 'deep\n' + '</div>\n'.repeat(10_000)})
    const result = await galley(folder, ['build', '--html'])
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'galley: the manuscript is nested too deeply to render (Maximum call stack size exceeded); look for raw HTML nested thousands deep\n'
    })
  })
})

describe('many blocks', () => {
  it('20,000 headings are checked and make an HTML edition', async () => {
    const headings = Array.from({length: 20_000}, (_, n) => `## Heading number ${n + 1}\n\nA line under heading ${n + 1}.\n`).join('\n')
    const folder = await project({'manuscript/a.md': `---\ntitle: The Index\n---\n\n# The index\n\n${headings}`})
    const result = await galley(folder, ['build', '--html', '--reporter', 'json'])
    expect(result.stderr).not.toMatch(stackTrace)
    expect(result).toMatchObject({code: 0, stderr: expect.stringContaining('galley: wrote output/the-index.html\n')})
    const html = await readFile(path.join(folder, 'output/the-index.html'), 'utf8')
    expect(html.match(/<h2 id="heading-number-\d+">/g)).toHaveLength(20_000)
    expect(html).toContain('<h2 id="heading-number-20000">Heading number 20000')
  })
})

describe('inputs whose parsing grows with the square of their size', () => {
  // Each took minutes or gigabytes before it was counted ahead of the parser; `npm run bench`
  // times the refusals. Here: each is refused in one line, by check and build, naming the file.
  const marks = (count: string) =>
    `the paragraph at line 1 holds ${count} emphasis marks and brackets (* _ ~ [ ]), over the limit of ${maxMarks.toLocaleString('en')}; split it`
  const keys = Array.from({length: 80_000}, (_, n) => `key${n}: value`).join('\n')
  const costly: Record<string, [string, string]> = {
    'a 100 KB run of emphasis marks': ['*'.repeat(50_000) + 'z' + '*'.repeat(50_000) + '\n', marks('100,000')],
    '60 KB of nested brackets': ['['.repeat(60_000) + '\n', marks('60,000')],
    '100,000 footnote references in one paragraph': [Array.from({length: 100_000}, (_, n) => `[^${n}]`).join(' ') + '\n', marks('200,000')],
    'frontmatter of 80,000 keys': [
      `---\n${keys}\n---\n\nText.\n`,
      // Counted from the opening `---` to the line before the closing one.
      `frontmatter of ${Math.ceil(('---\n' + keys).length / 1024).toLocaleString('en')} KB is over the limit of ${maxFrontmatter / 1024} KB; it holds the metadata, not the text`
    ]
  }
  for (const [name, [markdown, reason]] of Object.entries(costly)) {
    it(`${name} is refused before it is parsed`, async () => {
      const folder = await project({'manuscript/a.md': markdown, 'manuscript/b.md': other})
      const checked = await galley(folder, ['check', '--reporter', 'json'])
      expect(checked.code).toBe(2)
      expect(findings(checked.stdout)).toEqual({'manuscript/a.md': [`unreadable: ${reason}`], 'manuscript/b.md': otherFinding})
      const built = await galley(folder, ['build', '--html'])
      expect(built).toMatchObject({code: 2, stdout: '', stderr: `galley: manuscript/a.md: ${reason}; no editions built\n`})
    })
  }

  it('a paragraph at the limit, and a table of 3,000 linked rows, are checked and built', async () => {
    const atLimit = '*a* '.repeat(maxMarks / 2) + '\n'
    const table =
      '| Entry | Source |\n| --- | --- |\n' + Array.from({length: 3000}, (_, n) => `| [Entry ${n}](#top) | *ledger* |`).join('\n') + '\n'
    const folder = await project({'manuscript/a.md': `# Top\n\n${atLimit}\n${table}`})
    const checked = await galley(folder, ['check', '--reporter', 'json'])
    expect(findings(checked.stdout)['manuscript/a.md']!.filter((finding) => finding.startsWith('unreadable'))).toEqual([])
    const built = await galley(folder, ['build', '--html'])
    expect(built).toMatchObject({code: 0, stderr: expect.stringContaining('galley: wrote output/manuscript.html\n')})
    const html = await readFile(path.join(folder, 'output/manuscript.html'), 'utf8')
    expect(html.match(/<em>a<\/em>/g)).toHaveLength(maxMarks / 2)
    expect(html.match(/<em>ledger<\/em>/g)).toHaveLength(3000)
  })
})

describe('images', () => {
  it('over the byte limit are reported by the check and left out of the editions, which build', async () => {
    const folder = await project({
      'manuscript/a.md': '# Pictures\n\n![A picture of 21 MB](images/big.png)\n',
      // Bytes no browser should have to hold: refused by their size before they are read.
      'manuscript/images/big.png': Buffer.alloc(21 * 1024 * 1024)
    })
    const checked = await galley(folder, ['check', '--reporter', 'json'])
    expect(findings(checked.stdout)['manuscript/a.md']).toEqual([
      `image-path: Unexpected image \`images/big.png\` of 21 MB, over the limit of ${maxImageBytes / 1024 / 1024} MB`
    ])
    const built = await galley(folder, ['build', '--html'])
    expect(built).toMatchObject({code: 0, stderr: expect.stringContaining('galley: wrote output/manuscript.html\n')})
    const html = await readFile(path.join(folder, 'output/manuscript.html'), 'utf8')
    expect(html).not.toContain('<img')
    expect(html.length).toBeLessThan(1024 * 1024)
  })
})
