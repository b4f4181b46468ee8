// `preflight-contents`: a contents entry whose printed page number is not the page its heading
// is printed on. An entry is a link that starts its line and ends it with a page number.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {pageName, quoted} from './pages.ts'

const folio = /^(?:\d+|[ivxlcdm]+)$/i

export const rule: PreflightRule = {
  id: 'preflight-contents',
  kind: 'preflight',
  source: 'galley',
  summary: 'A contents entry whose page number is not the page its heading is printed on.',
  options: z.strictObject({}),
  run(book) {
    return book.pages.flatMap((page) =>
      page.links.flatMap((link) => {
        const target = book.pages[link.target - 1]
        if (!link.startsLine || !folio.test(link.after) || !target || link.after === target.label) return []
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
