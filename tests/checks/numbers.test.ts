// number-style: numbers in one form, learned from the book or set by a house style.
import {describe, expect, it} from 'vitest'
import {rule} from '../../pipeline/checks/number-style.ts'
import {fixture, runRule, type Doc} from '../run-rule.ts'

async function messagesOf(docs: Doc[], settings: object = {}): Promise<string[]> {
  return (await runRule(rule, rule.options.parse(settings), docs)).flatMap((file) => file.messages.map(String))
}

describe('number-style', () => {
  it('reports the forms the book uses less, each with its one expected', async () => {
    const [file] = await runRule(rule, {}, [fixture('number-style/not-ok.md')])
    expect(file!.messages.map((message) => [String(message), message.expected])).toEqual([
      [
        'number-style/not-ok.md:3:46-3:47: Unexpected number in figures `9`, expected `nine` (the manuscript has numbers in words 2 times and numbers in figures 1 time)',
        ['nine']
      ],
      ['number-style/not-ok.md:3:90-4:8: Unexpected `percent`, expected `%` (the manuscript has `%` 1 time and `percent` 1 time)', ['%']],
      [
        'number-style/not-ok.md:4:12-4:19: Unexpected range with an en dash `1996–99`, expected `1996-99` (the manuscript has ranges with a hyphen 1 time and ranges with an en dash 1 time)',
        ['1996-99']
      ],
      [
        'number-style/not-ok.md:4:53-4:58: Unexpected number without a thousands comma `12000`, expected `12,000` (the manuscript has thousands commas 1 time and numbers without one 1 time)',
        ['12,000']
      ]
    ])
  })

  it('leaves labels, measures, headings and figures among figures alone', async () => {
    expect(await messagesOf([fixture('number-style/ok.md')])).toEqual([])
  })

  it('holds the book to Chicago or AP when the config names one', async () => {
    expect(await messagesOf([fixture('number-style/not-ok.md')], {style: 'chicago'})).toEqual([
      'number-style/not-ok.md:3:46-3:47: Unexpected number in figures `9`, expected `nine` (the config sets `style: chicago`)',
      'number-style/not-ok.md:3:71-3:72: Unexpected `%`, expected `percent` (the config sets `style: chicago`)',
      'number-style/not-ok.md:3:76-3:83: Unexpected range with a hyphen `1990-95`, expected `1990–95` (the config sets `style: chicago`)',
      'number-style/not-ok.md:4:53-4:58: Unexpected number without a thousands comma `12000`, expected `12,000` (the config sets `style: chicago`)'
    ])
    const ap = await messagesOf([{path: 'a.md', value: 'They had twelve lamps and 3 wicks.\n'}], {style: 'ap'})
    expect(ap).toEqual([
      'a.md:1:10-1:16: Unexpected number in words `twelve`, expected `12` (the config sets `style: ap`)',
      'a.md:1:27-1:28: Unexpected number in figures `3`, expected `three` (the config sets `style: ap`)'
    ])
  })
})
