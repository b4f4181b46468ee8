// `preflight-blank-page`: a page with nothing printed on it, running heads and folios aside,
// that the edition did not leave blank on purpose (the versos before what opens on the right).
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {lastWhere, pageName} from './pages.ts'

export const rule: PreflightRule = {
  id: 'preflight-blank-page',
  kind: 'preflight',
  source: 'galley',
  summary: 'A page with nothing on it that the layout did not leave blank on purpose.',
  options: z.strictObject({}),
  run(book, {blanks}) {
    return book.pages
      .filter((page) => page.lines.length === 0 && page.images.length === 0 && !blanks.has(page.number))
      .map((page) => {
        // The text before the blank places it in the manuscript.
        const before = lastWhere(
          book.blocks,
          (block) => block.place !== undefined && block.pages.length > 0 && block.pages[0]! < page.number
        )
        return {page, block: before, reason: `Unexpected blank ${pageName(page)}, expected text on every page not left blank by the layout`}
      })
  }
}
