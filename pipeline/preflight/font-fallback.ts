// `preflight-font-fallback`: glyphs the edition's typefaces do not have, which the browser set
// in a font of the machine that printed (so another machine prints them otherwise), or drew
// as `.notdef`, the empty box of a missing glyph.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {pageName, quoted} from './pages.ts'

/** `Source Serif 4`, `@fontsource/source-serif-4` and `SourceSerif4-Regular` all come to `sourceserif4…`. */
const squeeze = (name: string) =>
  name
    .replace(/^@fontsource\//, '')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()

export const rule: PreflightRule<{fonts: string[]}> = {
  id: 'preflight-font-fallback',
  kind: 'preflight',
  source: 'galley',
  summary: 'A glyph set in a font the edition did not ask for, or missing from every font (`.notdef`).',
  options: z.strictObject({fonts: z.array(z.string().min(1)).default([])}),
  run(book, {options, typefaces}) {
    const asked = [...typefaces, ...options.fonts].map(squeeze)
    const expected = [...typefaces, ...options.fonts]
    return book.pages.flatMap((page) =>
      page.fonts.flatMap((use) => {
        const block = use.block === undefined ? undefined : book.blocks[use.block]
        const findings = []
        if (use.text && !asked.some((family) => squeeze(use.font).startsWith(family))) {
          findings.push({
            page,
            block,
            reason: `Unexpected font \`${use.font}\` for \`${quoted(use.text, 20)}\` on ${pageName(page)}, expected one of the edition's typefaces (${expected.join(', ')})`,
            actual: use.font,
            expected
          })
        }
        if (use.missing > 0) {
          const glyphs = use.missing === 1 ? 'a missing glyph' : `${use.missing} missing glyphs`
          findings.push({
            page,
            block,
            reason: `Unexpected ${glyphs} (\`.notdef\`) in \`${use.font}\` on ${pageName(page)}, expected every character in a font that has it`
          })
        }
        return findings
      })
    )
  }
}
