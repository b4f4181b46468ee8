// Whatever the reasons, places and paths look like, the machine-readable reports stay readable.
import fc from 'fast-check'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {reporters} from '../../pipeline/reporters/index.ts'
import {sarifErrors} from './validate-sarif.ts'

const cwd = '/book'

// Lone surrogates, a right-to-left override, NUL, line and paragraph separators, ZWJ emoji.
const weird = fc.constantFrom('\uD800', '\uDFFF', '\u202E', '\0', '\u2028', '\r\n', '%', ',', ':', '👩‍👩‍👧', 'é', ' ')
const text = fc.string({unit: fc.oneof(weird, fc.string({unit: 'binary', minLength: 1, maxLength: 1}))})
const number = fc.oneof(fc.integer({min: -2, max: 3}), fc.nat())
const point = fc.record({line: number, column: number, offset: fc.option(number, {nil: undefined})})
const place = fc.option(fc.oneof(point, fc.record({start: point, end: point})), {nil: undefined})
const message = fc.record({
  reason: text,
  place,
  ruleId: fc.option(text, {nil: undefined}),
  source: fc.option(text, {nil: undefined}),
  fatal: fc.constantFrom(true, false, undefined),
  actual: fc.option(text, {nil: undefined}),
  url: fc.option(fc.constantFrom('https://github.com/galley-editions/galley#repeated-paragraph', 'https://example.com/ü?q=1'), {
    nil: undefined
  }),
  data: fc.option(fc.record({related: fc.array(fc.record({path: text, line: number, column: number, reason: text})), note: text}), {
    nil: undefined
  })
})
const chapter = fc.record({
  path: fc.array(
    text.filter((segment) => segment.length > 0 && !segment.includes('/')),
    {minLength: 1, maxLength: 3}
  ),
  value: text,
  messages: fc.array(message, {maxLength: 4})
})

type Chapter = typeof chapter extends fc.Arbitrary<infer T> ? T : never

function toFiles(chapters: Chapter[]): VFile[] {
  return chapters.map((chapter) => {
    const file = new VFile({path: `/book/${chapter.path.join('/')}`, value: chapter.value})
    for (const {reason, place, ruleId, source, fatal, actual, url, data} of chapter.messages) {
      const added = file.message(reason, {place, ruleId, source})
      Object.assign(added, {fatal, actual, url, data})
    }
    return file
  })
}

describe('reports of arbitrary findings', () => {
  it('json parses back to every message, and SARIF validates against the schema', () => {
    fc.assert(
      fc.property(fc.array(chapter, {maxLength: 3}), text, (chapters, version) => {
        const files = toFiles(chapters)
        const parsed = JSON.parse(reporters.json(files, {cwd}))
        expect(parsed.map((entry: {messages: Array<{reason: string}>}) => entry.messages.map((m) => m.reason).sort())).toEqual(
          files.map((file) => file.messages.map((m) => m.reason).sort())
        )
        const log = JSON.parse(reporters.sarif(files, {cwd, toolVersion: version}))
        expect(sarifErrors(log)).toEqual([])
        expect(log.runs[0].results).toHaveLength(files.reduce((sum, file) => sum + file.messages.length, 0))
      })
    )
  })
})
