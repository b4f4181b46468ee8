// What a chapter may hold before it is parsed. micromark and the YAML reader take time that
// grows with the square of some inputs (nesting, delimiter runs, keys), so these are counted
// first, in one pass over the text, and a chapter over a limit is refused in one line instead
// of costing minutes. Each limit is far above what a book holds and far below what hurts.

/**
 * unified's tree walkers recurse, so a deep enough tree overflows the stack (10,000 nested
 * lists did, in the parser; 1,000 in the HTML edition). No manuscript nests a tenth this deep.
 */
export const maxDepth = 256

/**
 * Emphasis marks and brackets in one paragraph, heading or table cell. micromark pairs them
 * with work that grows with the square of their number: 10,000 `*` take 2.4 s and 100,000
 * take minutes; 2,000 take under 0.1 s. A paragraph of prose holds a few dozen.
 */
export const maxMarks = 2000

/**
 * Frontmatter holds the book's metadata. The YAML reader checks each key against every other
 * one in its mapping, so 80,000 keys take a minute; 32 KB of keys take under half a second.
 */
export const maxFrontmatter = 32 * 1024

/** Why `text` is refused before it is parsed, or undefined when it may be parsed. */
export function overLimit(text: string): string | undefined {
  const frontmatter = frontmatterSize(text)
  if (frontmatter > maxFrontmatter) {
    return `frontmatter of ${kilobytes(frontmatter)} is over the limit of ${kilobytes(maxFrontmatter)}; it holds the metadata, not the text`
  }
  const deep = deepestLine(text)
  if (deep.levels > maxDepth) return tooDeep(`line ${deep.line} opens ${deep.levels} levels of block quotes and lists`)
  const busy = busiestParagraph(text)
  if (busy.marks > maxMarks) {
    return (
      `the paragraph at line ${busy.line} holds ${busy.marks.toLocaleString('en')} emphasis marks and brackets ` +
      `(* _ ~ [ ]), over the limit of ${maxMarks.toLocaleString('en')}; split it`
    )
  }
  return undefined
}

export function tooDeep(detail: string): string {
  return `nested too deeply: ${detail}, over the limit of ${maxDepth} levels of the Markdown tree (a list level counts 2)`
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`
}

/** Characters of the YAML frontmatter, as remark-frontmatter finds it: `---` lines at the very start. */
function frontmatterSize(text: string): number {
  if (!/^---[ \t]*\r?\n/.test(text)) return 0
  const end = /\n---[ \t]*(?:\r?\n|$)/.exec(text)
  return end ? end.index : text.length
}

/**
 * The parser takes time that grows with the square of the nesting: a line of 10,000 `- `
 * takes a minute to refuse after parsing. Block quotes and list items opened at the start of
 * one line are counted first; a thematic break (`- - -`) opens none.
 */
function deepestLine(text: string): {line: number; levels: number} {
  const deepest = {line: 0, levels: 0}
  text.split('\n').forEach((line, index) => {
    if (thematicBreak.test(line)) return
    const markers = /^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t])))*/.exec(line)![0]
    const quotes = markers.split('>').length - 1
    const levels = 1 + quotes + 2 * (markers.match(/[-+*]|\d{1,9}[.)]/g)?.length ?? 0)
    if (levels > deepest.levels) Object.assign(deepest, {line: index + 1, levels})
  })
  return deepest
}

const thematicBreak = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/
/** A line that starts a block of its own: a list item, heading, fence, or a blank line. */
const blockStart = /^[ \t>]*(?:$|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|#{1,6}(?=[ \t]|$)|```|~~~)/
const tableDelimiter = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/

/**
 * The most emphasis marks and brackets in one stretch of inline text. Paragraphs are told
 * apart by the lines that start blocks; each table row counts alone, as its cells are parsed
 * alone. Code is counted too: over-counting costs nothing, since no book comes near the limit.
 */
function busiestParagraph(text: string): {line: number; marks: number} {
  const busiest = {line: 0, marks: 0}
  let current = {line: 1, marks: 0}
  let table = false
  text.split('\n').forEach((line, index) => {
    const starts = blockStart.test(line) || thematicBreak.test(line)
    if (starts || table) current = {line: index + 1, marks: 0}
    if (/^[ \t>]*$/.test(line)) table = false
    else if (tableDelimiter.test(line) && line.includes('|')) table = true
    current.marks += line.length - line.replace(/[*_~[\]]/g, '').length
    if (current.marks > busiest.marks) Object.assign(busiest, current)
  })
  return busiest
}
