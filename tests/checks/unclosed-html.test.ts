// `unclosed-html`: raw HTML that would hide the rest of a chapter is a finding, and the
// editions keep the text after it.
import {cp, mkdtemp, readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../pipeline/build.ts'
import {check} from '../../pipeline/check.ts'

async function messagesOf(fixture: string): Promise<string[]> {
  const {files} = await check({cwd: process.cwd(), path: path.join('tests/fixtures/unclosed-html', fixture)})
  return files[0]!.messages.map(
    (m) =>
      `${m.line}:${m.column}-${m.place && 'end' in m.place ? m.place.end.column : ''} ${m.reason}  [${m.source}:${m.ruleId}] actual=${m.actual} expected=${m.expected}`
  )
}

describe('unclosed-html', () => {
  it('flags elements the editions remove whole, left open, in paragraphs, quotes and blocks, unless silenced', async () => {
    expect(await messagesOf('not-ok.md')).toEqual([
      '3:20-30 Unexpected unclosed `<template>`, which would hide the text after it; close it with `</template>`  [galley:unclosed-html] actual=<template> expected=</template>',
      '5:16-33 Unexpected unclosed `<xmp class="old">`, which would hide the text after it; close it with `</xmp>`  [galley:unclosed-html] actual=<xmp class="old"> expected=</xmp>',
      '10:1-11 Unexpected unclosed `<textarea>`, which would hide the text after it; close it with `</textarea>`  [galley:unclosed-html] actual=<textarea> expected=</textarea>'
    ])
  })

  it('flags a comment left open at the start of a line', async () => {
    expect(await messagesOf('comment.md')).toEqual([
      '5:1-5 Unexpected unclosed HTML comment `<!--`, which would hide the text after it; close it with `-->`  [galley:unclosed-html] actual=<!-- expected=-->'
    ])
  })

  it('is quiet on closed and self-closed elements, tags inside comments, other elements, and code', async () => {
    expect(await messagesOf('ok.md')).toEqual([])
  })

  it('leaves the text after an unclosed tag in the edition, which it would otherwise lose', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'galley-unclosed-'))
    await cp('tests/fixtures/unclosed-html', path.join(folder, 'manuscript'), {recursive: true})
    const {written} = await build({cwd: folder, editions: ['html']})
    expect(written).toEqual(['output/manuscript.html'])
    const html = await readFile(path.join(folder, written[0]!), 'utf8')
    for (const text of [
      'that is never closed.',
      'in it.',
      'the author silenced.',
      "The clerk's notes, which the Markdown parser takes into the textarea.",
      '<h2 id="a-heading-the-textarea-would-hide">',
      "The editor's aside, never closed.",
      'Closing words of the chapter.'
    ]) {
      expect(html).toContain(text)
    }
    expect(html).not.toMatch(/<(template|textarea|xmp|iframe)/)
  })
})
