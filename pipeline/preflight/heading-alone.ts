// `preflight-heading-alone`: a heading printed at the foot of a page while the text of its
// section starts on the next, so the reader turns the page to find what it heads.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {pageName, quoted} from './pages.ts'

export const rule: PreflightRule = {
  id: 'preflight-heading-alone',
  kind: 'preflight',
  source: 'galley',
  summary: 'A heading at the foot of a page, the text of its section starting on the next.',
  options: z.strictObject({}),
  run(book) {
    return book.blocks.flatMap((block) => {
      const last = block.pages.at(-1)
      // A heading that nothing follows in its section (the title page's) ends it on purpose.
      if (block.role !== 'heading' || last === undefined || block.nextPage === undefined || block.nextPage <= last) return []
      const page = book.pages[last - 1]!
      return [
        {
          page,
          block,
          reason: `Unexpected heading \`${quoted(block.text)}\` alone at the foot of ${pageName(page)}, expected the start of its section after it`
        }
      ]
    })
  }
}
