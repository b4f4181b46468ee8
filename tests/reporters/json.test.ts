import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {reporters} from '../../pipeline/reporters/index.ts'
import {placeOf} from './place.ts'

const cwd = '/book'
const url = 'https://github.com/galley-editions/galley#repeated-paragraph'

describe('json reporter', () => {
  it('reports a finding with its related places, relative paths and data', () => {
    const value = '# Two\n\nWei Feng walked in.\n'
    const file = new VFile({path: 'manuscript/02.md', cwd, value})
    const cause = new VFileMessage('First occurrence', {
      place: {start: {line: 3, column: 1, offset: 9}, end: {line: 3, column: 20, offset: 28}}
    })
    cause.file = 'manuscript/01.md'
    const message = file.message('Unexpected `Wei Feng`, expected `Wei Fenghe` (used 2 times)', {
      place: placeOf(value, 'Wei Feng'),
      ruleId: 'inconsistent-name',
      source: 'galley',
      cause
    })
    message.url = url
    message.actual = 'Wei Feng'
    message.expected = ['Wei Fenghe']
    Object.assign(message, {data: {related: [{path: '/book/manuscript/03.md', line: 12, column: 5, reason: 'Also here'}], uses: 2}})

    expect(JSON.parse(reporters.json([file], {cwd}))).toEqual([
      {
        path: 'manuscript/02.md',
        messages: [
          {
            reason: 'Unexpected `Wei Feng`, expected `Wei Fenghe` (used 2 times)',
            ruleId: 'inconsistent-name',
            source: 'galley',
            severity: 'warning',
            line: 3,
            column: 1,
            endLine: 3,
            endColumn: 9,
            actual: 'Wei Feng',
            expected: ['Wei Fenghe'],
            url,
            related: [
              {path: 'manuscript/03.md', line: 12, column: 5, reason: 'Also here'},
              {path: 'manuscript/01.md', line: 3, column: 1, reason: 'First occurrence'}
            ],
            data: {uses: 2}
          }
        ]
      }
    ])
  })

  it('uses null for what a message does not have, and points a cause without a file at the same file', () => {
    const file = new VFile({path: 'manuscript/a.md', cwd})
    file.message('No place at all')
    file.message('Repeated', {place: {line: 4, column: 2}, cause: new VFileMessage('First here', {place: {line: 1, column: 1}})})

    expect(JSON.parse(reporters.json([file], {cwd}))[0].messages).toEqual([
      {
        reason: 'No place at all',
        ruleId: null,
        source: null,
        severity: 'warning',
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        actual: null,
        expected: null,
        url: null,
        related: [],
        data: {}
      },
      {
        reason: 'Repeated',
        ruleId: null,
        source: null,
        severity: 'warning',
        line: 4,
        column: 2,
        endLine: null,
        endColumn: null,
        actual: null,
        expected: null,
        url: null,
        related: [{path: 'manuscript/a.md', line: 1, column: 1, reason: 'First here'}],
        data: {}
      }
    ])
  })

  it('maps fatal true, false and undefined to error, warning and info', () => {
    const file = new VFile({path: 'manuscript/a.md', cwd})
    file.message('an error', {place: {line: 1, column: 1}}).fatal = true
    file.message('a warning', {place: {line: 2, column: 1}}).fatal = false
    file.message('some info', {place: {line: 3, column: 1}}).fatal = undefined

    const messages = JSON.parse(reporters.json([file], {cwd}))[0].messages
    expect(messages.map((m: {reason: string; severity: string}) => [m.reason, m.severity])).toEqual([
      ['an error', 'error'],
      ['a warning', 'warning'],
      ['some info', 'info']
    ])
  })

  it('sorts messages by place and keeps the files in the order given', () => {
    const b = new VFile({path: 'manuscript/b.md', cwd})
    const a = new VFile({path: 'manuscript/a.md', cwd})
    b.message('third', {place: {line: 9, column: 1}})
    b.message('first', {place: {line: 1, column: 5}})
    b.message('second', {place: {line: 1, column: 7}})

    const report = JSON.parse(reporters.json([b, a], {cwd}))
    expect(report.map((entry: {path: string}) => entry.path)).toEqual(['manuscript/b.md', 'manuscript/a.md'])
    expect(report[0].messages.map((m: {reason: string}) => m.reason)).toEqual(['first', 'second', 'third'])
  })

  it('leaves out files without messages when quiet', () => {
    const clean = new VFile({path: 'manuscript/a.md', cwd})
    const flagged = new VFile({path: 'manuscript/b.md', cwd})
    flagged.message('flagged')

    expect(JSON.parse(reporters.json([clean, flagged], {cwd, quiet: true})).map((e: {path: string}) => e.path)).toEqual(['manuscript/b.md'])
    expect(JSON.parse(reporters.json([clean, flagged], {cwd})).map((e: {path: string}) => e.path)).toEqual([
      'manuscript/a.md',
      'manuscript/b.md'
    ])
  })

  it('is indented with two spaces', () => {
    expect(reporters.json([new VFile({path: 'a.md', cwd})], {cwd})).toBe('[\n  {\n    "path": "a.md",\n    "messages": []\n  }\n]')
  })
})
