// `preflight-image-resolution`: an image with too few pixels for the size it is printed at,
// which a printing press shows soft or in steps.
import {z} from 'zod'
import type {PreflightRule} from '../checks/rule.ts'
import {pageName, quoted} from './pages.ts'

const millimetres = (points: number) => Math.round((points / 72) * 25.4)

export const rule: PreflightRule<{minimum: number}> = {
  id: 'preflight-image-resolution',
  kind: 'preflight',
  source: 'galley',
  summary: 'An image under 300 pixels per inch at the size it is printed.',
  options: z.strictObject({minimum: z.number().positive().default(300)}),
  run(book, {options}) {
    return book.pages.flatMap((page) =>
      page.images.flatMap((image) => {
        const {pixels, placed} = image
        const ppi = Math.floor(Math.min(pixels.width / (placed.width / 72), pixels.height / (placed.height / 72)))
        if (!Number.isFinite(ppi) || ppi >= options.minimum) return []
        const block = image.block === undefined ? undefined : book.blocks[image.block]
        const name = block?.text ? `image \`${quoted(block.text)}\`` : 'image'
        return [
          {
            page,
            block,
            reason: `Unexpected ${name} at ${ppi} ppi on ${pageName(page)} (${pixels.width} × ${pixels.height} pixels printed ${millimetres(placed.width)} × ${millimetres(placed.height)} mm), expected at least ${options.minimum} ppi`,
            actual: `${ppi} ppi`,
            expected: [`${options.minimum} ppi`]
          }
        ]
      })
    )
  }
}
