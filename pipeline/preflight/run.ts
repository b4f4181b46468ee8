// The preflight of one printed edition: read the PDF back, place what it printed in the
// manuscript, run the preflight rules the config leaves on, and make their findings messages
// like every rule's, for the chapters they point into.
import {unified} from 'unified'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {enabledRules, ruleSetting, type RuleSettings} from '../checks/index.ts'
import type {PreflightRule} from '../checks/rule.ts'
import {galleyComments} from '../checks/run.ts'
import {toFatal} from '../checks/severity.ts'
import {ruleUrl} from '../checks/url.ts'
import type {ParsedManuscript} from '../manuscript/types.ts'
import {lastWhere, type Box, type PreflightFinding, type PrintedBook, type PrintedPage} from './pages.ts'
import {placeBlocks} from './place.ts'
import {readPrinted} from './read.ts'

/** Margins in points: top, right, bottom, left. */
export type Margins = [number, number, number, number]

/** What the print knows of its own pages, which the PDF does not say. */
export interface PrintFacts {
  /** Pages left blank on purpose. */
  blanks: number[]
  /** The margins of a right-hand page and of a left-hand one (the same without facing pages). */
  margins: {recto: Margins; verso: Margins}
  /** The type families the edition asks for. */
  typefaces: string[]
  notes: 'foot' | 'chapter-end' | 'book-end'
}

export interface PreflightInput {
  manuscript: ParsedManuscript
  rules: RuleSettings
  facts: PrintFacts
  /** The PDF's file name, named in each finding when a build prints more than one. */
  edition?: string
}

/** A finding, as a message for the chapter at `path`. */
export interface Placed {
  path: string
  message: VFileMessage
}

export async function preflight(pdf: Uint8Array, input: PreflightInput): Promise<Placed[]> {
  const enabled = enabledRules(input.rules).filter(
    (entry): entry is {rule: PreflightRule; options: unknown} => entry.rule.kind === 'preflight'
  )
  if (enabled.length === 0 || input.manuscript.chapters.length === 0) return []
  const book = await readPrinted(pdf)
  placeBlocks(book.blocks, input.manuscript)
  const {blanks, margins, typefaces, notes} = input.facts
  const context = {blanks: new Set(blanks), typefaces, notes, textBlock: (page: PrintedPage) => textBlock(page, margins)}
  const findings = enabled.flatMap(({rule, options}) =>
    rule.run(book, {...context, options}).map((finding) => placed(finding, rule.id, book, input))
  )
  return silenced(findings, input.manuscript)
}

/** `<!-- galley disable preflight-widow -->` and `<!-- galley ignore -->` silence these findings as they do every rule's. */
async function silenced(findings: Placed[], manuscript: ParsedManuscript): Promise<Placed[]> {
  const kept = new Set<VFileMessage>()
  for (const chapter of manuscript.chapters) {
    const own = findings.filter((finding) => finding.path === chapter.file.path)
    if (own.length === 0) continue
    // A copy of the chapter: the check has already reported what comment control says of its comments.
    const file = new VFile({path: chapter.file.path, value: String(chapter.file.value)})
    file.messages = own.map((finding) => finding.message)
    await unified().use(galleyComments).run(chapter.tree, file)
    for (const message of file.messages) kept.add(message)
  }
  return findings.filter((finding) => kept.has(finding.message))
}

function textBlock(page: PrintedPage, {recto, verso}: PrintFacts['margins']): Box {
  // Page 1 is a right-hand page, as CSS counts them.
  const [top, right, bottom, left] = page.number % 2 === 1 ? recto : verso
  return {left: page.trim.left + left, bottom: page.trim.bottom + bottom, right: page.trim.right - right, top: page.trim.top - top}
}

function placed(finding: PreflightFinding, ruleId: string, book: PrintedBook, input: PreflightInput): Placed {
  const {page, block, actual, expected} = finding
  const place = block?.place ?? chapterOf(page, book)
  const reason = input.edition ? `${finding.reason} (${input.edition})` : finding.reason
  const message = new VFileMessage(reason, {place: block?.place?.position, ruleId, source: 'galley'})
  const path = place?.path ?? input.manuscript.chapters[0]!.file.path
  Object.assign(message, {
    file: path,
    url: ruleUrl(ruleId),
    fatal: toFatal(ruleSetting(input.rules, ruleId)[0]),
    actual,
    expected,
    data: {page: page.number, label: page.label, edition: input.edition}
  })
  return {path, message}
}

/** A finding with no block of its own belongs to the chapter whose text comes last before or on its page. */
function chapterOf(page: PrintedPage, book: PrintedBook): {path: string} | undefined {
  const placedBlocks = book.blocks.filter((block) => block.place && block.pages.length > 0)
  return (lastWhere(placedBlocks, (block) => block.pages[0]! <= page.number) ?? placedBlocks[0])?.place
}
