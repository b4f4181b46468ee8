// The page margins' text (running heads and folios, from the `@page` margin boxes) as the PDF's
// readers should take it: pagination artifacts, not the book's content, so a screen reader
// does not read the title at every page turn and text extraction gets the prose alone. And a
// chapter's opening page without its running head: Chromium matches `@page name:first` only on
// the document's first page, so no page rule can take it off.

type Matrix = [number, number, number, number, number, number]

const identity: Matrix = [1, 0, 0, 1, 0, 0]

/** `m` then `n`: the matrix product m × n of PDF's row-vector convention. */
function multiply([a, b, c, d, e, f]: Matrix, [a2, b2, c2, d2, e2, f2]: Matrix): Matrix {
  return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]
}

const number = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)`
const six = Array.from({length: 6}, () => number).join(String.raw`\s+`)
/**
 * The operators that say where margin text is: graphics state, marked content and whole text
 * objects. Chromium writes strings in hex, so `ET` cannot occur inside one.
 */
const operators = new RegExp(String.raw`\bq\b|\bQ\b|(${six})\s+cm\b|\bW\*?\s+n\b|\bBT\b[\s\S]*?\bET\b|\bB[DM]C\b|\bEMC\b`, 'g')
const textMatrix = new RegExp(String.raw`(${six})\s+Tm\b`)

/**
 * Wrap every text object outside marked content and outside any clip in an `/Artifact` of
 * pagination: a header above `middle` (the page's middle, in default user space), a footer
 * below it; with `dropHeader`, take the headers out. That is what Chromium leaves untagged and
 * draws outside the page area, the margin boxes; a list's markers, untagged too, are drawn
 * inside the page area's clip.
 */
export function tagMargins(content: string, {middle, dropHeader}: {middle: number; dropHeader: boolean}): string {
  const stack: Array<{matrix: Matrix; clipped: boolean}> = []
  let matrix = identity
  let clipped = false
  let depth = 0
  return content.replace(operators, (token, cm: string | undefined) => {
    if (token === 'q') stack.push({matrix, clipped})
    else if (token === 'Q') ({matrix, clipped} = stack.pop() ?? {matrix: identity, clipped: false})
    else if (cm !== undefined) matrix = multiply(cm.trim().split(/\s+/).map(Number) as Matrix, matrix)
    else if (token.startsWith('W')) clipped = true
    else if (token === 'BDC' || token === 'BMC') depth++
    else if (token === 'EMC') depth = Math.max(0, depth - 1)
    else if (depth === 0 && !clipped) {
      const tm = textMatrix.exec(token)?.[1]?.trim().split(/\s+/).map(Number) as Matrix | undefined
      if (!tm) return token
      const kind = multiply(tm, matrix)[5] > middle ? 'Header' : 'Footer'
      if (kind === 'Header' && dropHeader) return ''
      return `/Artifact <</Type /Pagination /Subtype /${kind}>> BDC\n${token}\nEMC`
    }
    return token
  })
}
