// `preflight-contents`: a contents entry or a cross-reference whose printed page number is not
// the page its target is printed on. An entry is a link that starts its line and ends it with a
// page number; a reference, a link whose own words end with `p. 12` or `page 12`.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {pageName, quoted} from './pages.ts'

const folio = /^(?:\d+|[ivxlcdm]+)$/i
const referencePage = /(?:^|\s|\()(?:p\.|pp\.|page)\s*(\d+|[ivxlcdm]+)\)?$/i

export const rule: PreflightRule = {
  id: 'preflight-contents',
  kind: 'preflight',
  source: 'galley',
  summary: 'A contents entry or cross-reference whose page number is not the page its target is printed on.',
  options: z.strictObject({}),
  run(book) {
    return book.pages.flatMap((page) =>
      page.links.flatMap((link) => {
        const target = book.pages[link.target - 1]
        if (!target) return []
        if (!link.startsLine) {
          const printed = referencePage.exec(link.text)?.[1]
          if (printed === undefined || printed === target.label) return []
          const label = link.text.replace(referencePage, '').trim()
          const block = book.blocks.find((candidate) => candidate.pages.includes(page.number) && candidate.text.includes(label))
          return [
            {
              page,
              block,
              reason: `Unexpected page \`${printed}\` in the reference \`${quoted(link.text)}\` on ${pageName(page)}, expected \`${target.label}\` (where its target is printed)`,
              actual: printed,
              expected: [target.label]
            }
          ]
        }
        if (!folio.test(link.after) || link.after === target.label) return []
        const headings = book.blocks.filter((block) => block.role === 'heading' && block.pages[0] === target.number)
        const heading = headings.find((block) => block.text === link.text) ?? headings[0]
        return [
          {
            page,
            block: heading,
            reason: `Unexpected page \`${link.after}\` for \`${quoted(link.text)}\` in the contents on ${pageName(page)}, expected \`${target.label}\` (where the heading is printed)`,
            actual: link.after,
            expected: [target.label]
          }
        ]
      })
    )
  }
}
