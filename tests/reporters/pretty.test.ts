import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {reporters} from '../../pipeline/reporters/index.ts'

const cwd = '/book'

function flagged(): VFile {
  const file = new VFile({path: '/book/manuscript/a.md'})
  const message = file.message('Unexpected repeated paragraph', {
    place: {start: {line: 7, column: 1}, end: {line: 7, column: 420}},
    ruleId: 'repeated-paragraph',
    source: 'galley'
  })
  message.url = 'https://github.com/galley-editions/galley#repeated-paragraph'
  return file
}

describe('pretty reporter', () => {
  it('shows the path relative to cwd, the place, the reason and the rule', () => {
    const report = reporters.pretty([flagged()], {cwd})
    expect(report).toContain('manuscript/a.md')
    expect(report).not.toContain('/book/')
    expect(report).toMatch(/7:1-7:420\s+warning\s+Unexpected repeated paragraph\s+repeated-paragraph\s+galley/)
    expect(report).toContain('1 warning')
  })

  it('has no colour unless asked, and shows urls only when verbose', () => {
    expect(reporters.pretty([flagged()], {cwd})).not.toContain('\u001b[')
    expect(reporters.pretty([flagged()], {cwd, color: true})).toContain('\u001b[')
    expect(reporters.pretty([flagged()], {cwd})).not.toContain('#repeated-paragraph')
    expect(reporters.pretty([flagged()], {cwd, verbose: true})).toContain('#repeated-paragraph')
  })

  it('leaves out clean files when quiet', () => {
    const clean = new VFile({path: 'manuscript/clean.md', cwd})
    expect(reporters.pretty([clean, flagged()], {cwd})).toContain('manuscript/clean.md: no issues found')
    expect(reporters.pretty([clean, flagged()], {cwd, quiet: true})).not.toContain('clean.md')
  })

  it('prints a cause in another file with that file, and one in the same file with its place alone', () => {
    const file = new VFile({path: 'manuscript/02.md', cwd})
    const repeated = (line: number, causeFile: string, causeLine: number) => {
      const cause = Object.assign(new VFileMessage('Earlier paragraph', {place: {line: causeLine, column: 1}}), {file: causeFile})
      file.message('Unexpected repeated paragraph', {place: {line, column: 1}, ruleId: 'repeated-paragraph', source: 'galley', cause})
    }
    repeated(9, 'manuscript/01.md', 3)
    repeated(12, 'manuscript/02.md', 2)
    const lines = reporters.pretty([file], {cwd}).split('\n')
    expect(lines.filter((line) => line.includes('Earlier paragraph')).map((line) => line.trim().replace(/\s+/g, ' '))).toEqual([
      'info manuscript/01.md:3:1: Earlier paragraph',
      '2:1 info Earlier paragraph'
    ])
  })

  it('reports no findings for no files', () => {
    expect(reporters.pretty([], {cwd})).toBe('')
  })
})
