// `preflight-widow`: the last line of a paragraph alone at the top of a page, the rest of it on
// the page before.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {loneLines, pageName, quoted} from './pages.ts'

export const rule: PreflightRule = {
  id: 'preflight-widow',
  kind: 'preflight',
  source: 'galley',
  summary: "A paragraph's last line alone at the top of a page.",
  options: z.strictObject({}),
  run(book) {
    return loneLines(book, 'last').map(({block, page, line}) => ({
      page,
      block,
      reason: `Unexpected last line \`${quoted(line.text)}\` of a paragraph alone at the top of ${pageName(page)}, expected at least two lines together`,
      actual: line.text
    }))
  }
}
