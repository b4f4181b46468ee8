// `preflight-orphan`: the first line of a paragraph alone at the foot of a page, the rest of it
// on the page after.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {linesOn, pageName, quoted} from './pages.ts'

export const rule: PreflightRule = {
  id: 'preflight-orphan',
  kind: 'preflight',
  source: 'galley',
  summary: "A paragraph's first line alone at the foot of a page.",
  options: z.strictObject({}),
  run(book) {
    return book.blocks.flatMap((block, index) => {
      if (block.role !== 'paragraph' || block.pages.length < 2) return []
      const page = book.pages[block.pages[0]! - 1]!
      const lines = linesOn(page, index)
      if (lines.length !== 1) return []
      return [
        {
          page,
          block,
          reason: `Unexpected first line \`${quoted(lines[0]!.text)}\` of a paragraph alone at the foot of ${pageName(page)}, expected at least two lines together`,
          actual: lines[0]!.text
        }
      ]
    })
  }
}
