// The shape every edition format has: the edition document and its settings in, bytes out.
// A new format is one module of this shape and one entry in ./index.ts.
import type {BrowserHandle} from '../browser.ts'
import type {EditionDocument} from '../document.ts'
import type {EditionSettings} from '../settings.ts'
import type {StyleSheetData} from '../style-sheet.ts'

export interface RenderContext {
  /** The browser, for formats that print through one; the build launches one for all of them. */
  browser?: BrowserHandle
  /** What is made (the output file, relative to the working folder), for messages. */
  name: string
  /** The date the edition carries; else `SOURCE_DATE_EPOCH`, else 1970-01-01, never now. */
  sourceDate?: Date
  /** Milliseconds one print may take. */
  timeout: number
  /** The folder the config's paths (theme fonts and CSS) are relative to. */
  base: string
  /** The editor's style sheet, from the checks, for an edition whose `styleSheet` places it. */
  styleSheet?: StyleSheetData
  /** Told after each print of the page, for a progress line. */
  printed?: (pass: number, pages: number) => void
}

export interface Rendered {
  data: string | Uint8Array
  /** Pages, for a format that has them. */
  pages?: number
  /** What the page asked for and was refused (everything but data: URLs). */
  blocked: string[]
  /** For a printed format, what the print knows of its pages, for the preflight of the build. */
  print?: PrintFacts
}

/** Margins in points: top, right, bottom, left. */
export type Margins = [number, number, number, number]

export interface PrintFacts {
  /** Pages left blank on purpose. */
  blanks: number[]
  /** The margins of a right-hand page and of a left-hand one (the same without facing pages). */
  margins: {recto: Margins; verso: Margins}
  /** The type families the edition asks for: `Source Serif 4`, `@fontsource/inter`. */
  typefaces: string[]
  /** Where the PDF prints its footnotes. */
  notes: 'foot' | 'chapter-end' | 'book-end'
}

export interface Format {
  /** The output file's extension, without the dot. */
  extension: string
  /** Whether it prints through the browser, so that the build launches one only when needed. */
  usesBrowser: boolean
  render(document: EditionDocument, settings: EditionSettings, context: RenderContext): Promise<Rendered>
}
