// `preflight-overfull`: a line whose glyphs pass the edge of the text block (the page less its
// margins), as a word too long to break or a table too wide for the measure leaves it.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {pageName, quoted, type PrintedLine} from './pages.ts'

/**
 * Chromium lays the page out in whole CSS pixels (0.75 pt), so a justified line may end a pixel
 * past the margins computed from the config; two pixels is still the rounding, and invisible.
 */
const tolerance = 1.5

export const rule: PreflightRule = {
  id: 'preflight-overfull',
  kind: 'preflight',
  source: 'galley',
  summary: 'A line whose glyphs pass the edge of the text block, into the margin or off the page.',
  options: z.strictObject({}),
  run(book, {textBlock}) {
    return book.pages.flatMap((page) => {
      const edges = textBlock(page)
      const over = (line: PrintedLine) => Math.max(line.right - edges.right, edges.left - line.left)
      // One finding for each block on a page: a table too wide passes the edge on every row.
      const worst = new Map<number | undefined, PrintedLine>()
      for (const line of page.lines.filter((line) => over(line) > tolerance)) {
        const known = worst.get(line.block)
        if (!known || over(line) > over(known)) worst.set(line.block, line)
      }
      return [...worst.values()].map((line) => {
        const side = line.right - edges.right >= edges.left - line.left ? 'right' : 'left'
        return {
          page,
          block: line.block === undefined ? undefined : book.blocks[line.block],
          reason: `Unexpected line \`${quoted(line.text)}\` passing the ${side} edge of the text block by ${over(line).toFixed(1)} pt on ${pageName(page)}, expected it inside the measure`,
          actual: line.text
        }
      })
    })
  }
}
