import type {Log} from 'sarif'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {reporters} from '../../pipeline/reporters/index.ts'
import {placeOf} from './place.ts'
import {sarifErrors} from './validate-sarif.ts'

const cwd = '/book'
const url = 'https://github.com/galley-editions/galley#repeated-paragraph'

function report(files: VFile[]): Log {
  return JSON.parse(reporters.sarif(files, {cwd, toolVersion: '0.1.0'}))
}

/** One repeated-paragraph finding on `paragraph`, wherever it sits in `value`. */
function finding(value: string, paragraph: string, reason = 'Unexpected repeated paragraph', path = 'manuscript/a.md'): VFile {
  const file = new VFile({path, cwd, value})
  const message = file.message(reason, {place: placeOf(value, paragraph), ruleId: 'repeated-paragraph', source: 'galley'})
  message.url = url
  return file
}

function fingerprints(log: Log): string[] {
  return log.runs[0]!.results!.map((result) => result.partialFingerprints!['galley/v1']!)
}

describe('sarif reporter', () => {
  it('writes a valid SARIF 2.1.0 log with the rules that fired, levels, regions and related locations', () => {
    const value = 'Intro.\n\nThe same paragraph.\n'
    const file = finding(value, 'The same paragraph.')
    const cause = new VFileMessage('First occurrence', {place: {line: 3, column: 1}})
    cause.file = 'manuscript/01.md'
    file.messages[0]!.cause = cause
    file.message('A note', {place: {line: 1, column: 1}, ruleId: 'acronym-expansion', source: 'galley'}).fatal = undefined
    file.message('Broken', {place: {line: 2, column: 1}, ruleId: 'frontmatter', source: 'galley'}).fatal = true
    const clean = new VFile({path: 'manuscript/b c.md', cwd})

    const log = report([file, clean])
    expect(sarifErrors(log)).toEqual([])
    const run = log.runs[0]!
    expect(run.tool.driver).toEqual({
      name: 'galley',
      informationUri: 'https://github.com/galley-editions/galley',
      version: '0.1.0',
      rules: [
        {id: 'acronym-expansion', shortDescription: {text: 'Acronym expansion'}},
        {id: 'frontmatter', shortDescription: {text: 'Frontmatter'}},
        {id: 'repeated-paragraph', helpUri: url, shortDescription: {text: 'Repeated paragraph'}}
      ]
    })
    expect(run.artifacts).toEqual([{location: {uri: 'manuscript/a.md'}}, {location: {uri: 'manuscript/b%20c.md'}}])
    expect(run.results!.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['acronym-expansion', 0, 'note'],
      ['frontmatter', 1, 'error'],
      ['repeated-paragraph', 2, 'warning']
    ])
    const {partialFingerprints, ...result} = run.results![2]!
    expect(partialFingerprints!['galley/v1']).toMatch(/^[0-9a-f]{64}:1$/)
    expect(result).toEqual({
      ruleId: 'repeated-paragraph',
      ruleIndex: 2,
      level: 'warning',
      message: {text: 'Unexpected repeated paragraph'},
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: 'manuscript/a.md', index: 0},
            region: {startLine: 3, startColumn: 1, endLine: 3, endColumn: 20}
          }
        }
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {artifactLocation: {uri: 'manuscript/01.md'}, region: {startLine: 3, startColumn: 1}},
          message: {text: 'First occurrence'}
        }
      ]
    })
  })

  it('is valid for an empty run and for a message with no rule and no place', () => {
    expect(sarifErrors(report([]))).toEqual([])
    const file = new VFile({path: 'manuscript/a.md', cwd})
    file.message('Something went wrong')
    const log = report([file])
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs[0]!.results![0]).toMatchObject({
      level: 'warning',
      message: {text: 'Something went wrong'},
      locations: [{physicalLocation: {artifactLocation: {uri: 'manuscript/a.md'}}}]
    })
    expect(log.runs[0]!.results![0]!.ruleId).toBeUndefined()
  })

  it('keeps the fingerprint when the same finding moves to another line', () => {
    const before = report([finding('Intro.\n\nThe same   paragraph.\n', 'The same   paragraph.')])
    const after = report([finding('Intro.\n\nA new paragraph above.\n\nThe same\nparagraph.\n', 'The same\nparagraph.')])
    expect(after.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine).toBe(5)
    expect(fingerprints(after)).toEqual(fingerprints(before))
  })

  it('keeps the fingerprint when only a count in the reason changes', () => {
    const twice = report([finding('Wei Feng.\n', 'Wei Feng', 'Unexpected `Wei Feng` (used 2 times)')])
    const thrice = report([finding('Wei Feng.\n', 'Wei Feng', 'Unexpected `Wei Feng` (used 3 times)')])
    expect(fingerprints(thrice)).toEqual(fingerprints(twice))
  })

  it('changes the fingerprint for different flagged text, another rule or another file', () => {
    const base = fingerprints(report([finding('One paragraph.\n', 'One paragraph.')]))
    expect(fingerprints(report([finding('Another paragraph.\n', 'Another paragraph.')]))).not.toEqual(base)
    expect(fingerprints(report([finding('One paragraph.\n', 'One paragraph.', undefined, 'manuscript/b.md')]))).not.toEqual(base)
    const other = finding('One paragraph.\n', 'One paragraph.')
    other.messages[0]!.ruleId = 'inconsistent-name'
    expect(fingerprints(report([other]))).not.toEqual(base)
  })

  it('prefers the rule’s `actual` over the source text', () => {
    const a = finding('Wei Feng.\n', 'Wei Feng')
    const b = finding('Wei Feng.\n', 'Wei Feng')
    b.messages[0]!.actual = 'Wei Fenghe'
    expect(fingerprints(report([b]))).not.toEqual(fingerprints(report([a])))
  })

  it('tells two equal findings in one file apart', () => {
    const value = 'Echo.\n\nEcho.\n'
    const file = new VFile({path: 'manuscript/a.md', cwd, value})
    file.message('Unexpected repeated paragraph', {
      place: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 6, offset: 5}},
      ruleId: 'repeated-paragraph'
    })
    file.message('Unexpected repeated paragraph', {
      place: {start: {line: 3, column: 1, offset: 7}, end: {line: 3, column: 6, offset: 12}},
      ruleId: 'repeated-paragraph'
    })
    const [first, second] = fingerprints(report([file]))
    expect(first!.replace(/:\d+$/, '')).toBe(second!.replace(/:\d+$/, ''))
    expect(first).not.toBe(second)
  })

  it('lists a file named twice as one artifact', () => {
    const files = ['a', 'b'].map((word) => {
      const file = new VFile({path: '/book/manuscript/a.md', value: word})
      file.message(`Unexpected ${word}`, {place: {line: 1, column: 1}, ruleId: 'repeated-words', source: 'retext-repeated-words'})
      return file
    })
    const log = JSON.parse(reporters.sarif(files, {cwd: '/book'}))
    expect(log.runs[0].artifacts).toEqual([{location: {uri: 'manuscript/a.md'}}])
    expect(
      log.runs[0].results.map(
        (result: {locations: Array<{physicalLocation: {artifactLocation: {index: number}}}>}) =>
          result.locations[0]!.physicalLocation.artifactLocation.index
      )
    ).toEqual([0, 0])
  })
})
