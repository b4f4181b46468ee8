// `preflight-note-page`: a footnote that does not begin on the page of its call, where the
// edition prints notes at the foot (edition.notes: "foot"). The reader looks down and it is
// not there.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {pageName, type PrintedPage} from './pages.ts'

export const rule: PreflightRule = {
  id: 'preflight-note-page',
  kind: 'preflight',
  source: 'galley',
  summary: 'A footnote that does not begin on the page of its call.',
  options: z.strictObject({}),
  run(book, {notes}) {
    if (notes !== 'foot') return []
    return book.pages.flatMap((page) =>
      page.calls.flatMap((call) => {
        if (notesOn(page, call.size).has(call.number)) return []
        const found = book.pages.slice(page.number).find((later) => notesOn(later, call.size).has(call.number))
        const block = call.block === undefined ? undefined : book.blocks[call.block]
        return [
          {
            page,
            block,
            reason: `Unexpected note ${call.number} ${found ? `on ${pageName(found)}` : 'missing'}, expected at the foot of ${pageName(page)} with its call`,
            actual: found ? pageName(found) : undefined,
            expected: [pageName(page)]
          }
        ]
      })
    )
  }
}

/** The numbers of the notes that begin on a page: lines set smaller than the text that calls them, opening with `12.`. */
function notesOn(page: PrintedPage, text: number): Set<number> {
  return new Set(
    page.lines.flatMap((line) => {
      const number = /^(\d{1,4})\.(\s|$)/.exec(line.text)?.[1]
      return number !== undefined && line.size < 0.9 * text ? [Number(number)] : []
    })
  )
}
