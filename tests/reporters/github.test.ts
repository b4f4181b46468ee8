import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {reporters} from '../../pipeline/reporters/index.ts'

const cwd = '/book'

describe('github reporter', () => {
  it('writes one workflow command per finding, by severity', () => {
    const file = new VFile({path: 'manuscript/a.md', cwd})
    file.message('Unexpected repeated paragraph', {
      place: {start: {line: 7, column: 1}, end: {line: 7, column: 420}},
      ruleId: 'repeated-paragraph',
      source: 'galley'
    })
    file.message('Broken frontmatter', {place: {line: 1, column: 1}, ruleId: 'frontmatter', source: 'galley'}).fatal = true
    file.message('Incorrect heading level', {place: {line: 9, column: 1}, ruleId: 'heading-increment', source: 'remark-lint'}).fatal =
      undefined
    file.message('No place and no rule')

    expect(reporters.github([file], {cwd}).split('\n')).toEqual([
      '::warning file=manuscript/a.md::No place and no rule',
      '::error file=manuscript/a.md,line=1,col=1,title=galley(frontmatter)::Broken frontmatter',
      '::warning file=manuscript/a.md,line=7,col=1,endLine=7,endColumn=420,title=galley(repeated-paragraph)::Unexpected repeated paragraph',
      '::notice file=manuscript/a.md,line=9,col=1,title=remark-lint(heading-increment)::Incorrect heading level'
    ])
  })

  it('escapes % and line breaks in the message, and also : and , in properties', () => {
    const file = new VFile({path: '/book/manuscript/one, two: three.md'})
    file.message('100% sure\r\nsecond line', {place: {line: 2, column: 3}, ruleId: 'repeated-words', source: 'galley'})

    expect(reporters.github([file], {cwd})).toBe(
      '::warning file=manuscript/one%2C two%3A three.md,line=2,col=3,title=galley(repeated-words)::100%25 sure%0D%0Asecond line'
    )
  })

  it('writes nothing when nothing was found', () => {
    expect(reporters.github([new VFile({path: 'manuscript/a.md', cwd})], {cwd})).toBe('')
  })
})
