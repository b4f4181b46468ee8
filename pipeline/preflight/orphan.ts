// `preflight-orphan`: the first line of a paragraph alone at the foot of a page, the rest of it
// on the page after.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {loneLines, pageName, quoted} from './pages.ts'

export const rule: PreflightRule = {
  id: 'preflight-orphan',
  kind: 'preflight',
  source: 'galley',
  summary: "A paragraph's first line alone at the foot of a page.",
  options: z.strictObject({}),
  run(book) {
    return loneLines(book, 'first').map(({block, page, line}) => ({
      page,
      block,
      reason: `Unexpected first line \`${quoted(line.text)}\` of a paragraph alone at the foot of ${pageName(page)}, expected at least two lines together`,
      actual: line.text
    }))
  }
}
