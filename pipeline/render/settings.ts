// Options of the editions (page geometry, typography) and of the browser that prints them. The
// config composes its schema from these; render/ reads the parsed values.
import {z} from 'zod'

/** An absolute CSS length: print geometry must not depend on a screen or a font. */
const length = z.string().regex(/^\d+(\.\d+)?(mm|cm|in|pt|pc|px)$/, 'expected a length such as "20mm", "0.75in" or "12pt"')

export const pageSizes = ['A4', 'A5', 'letter', 'book'] as const

/** A typeface: a `@fontsource` package (installed in the project, or Source Sans 3 and Source Serif 4, which come with Galley), or font files in the project. */
const typeface = z.union([
  z.string().regex(/^@fontsource\/[a-z0-9][a-z0-9-]*$/, 'expected a package such as "@fontsource/inter"'),
  z.strictObject({
    family: z.string().regex(/^[\w .-]{1,80}$/, 'expected a family name of letters, digits, spaces, dots and hyphens'),
    files: z
      .array(
        z.strictObject({
          path: z.string().regex(/\.(woff2?|ttf|otf)$/i, 'expected a .woff2, .woff, .ttf or .otf file'),
          weight: z.number().int().min(100).max(900).default(400),
          style: z.enum(['normal', 'italic']).default('normal')
        })
      )
      .min(1)
      .max(16)
  })
])

export const themes = ['classic', 'report'] as const

export const listNames = ['figures', 'tables'] as const

/** Words the editions print, with the placeholders each must hold (`{label} (p. {page})`). */
const wording = (...placeholders: string[]) =>
  z
    .string()
    .min(1)
    .max(80)
    .refine(
      (text) => placeholders.every((placeholder) => text.includes(placeholder)),
      `expected a text holding ${placeholders.join(' and ')}`
    )

/** How captions, cross-references and the lists word what they number and point at. */
const references = z.strictObject({
  /** The word before a figure's number, in its caption, the list and references: `Figure 2.3`. */
  figure: wording().default('Figure'),
  table: wording().default('Table'),
  /** A reference to a heading, by its title. */
  heading: wording('{title}').default('“{title}”'),
  /** A reference to a footnote, by its number in its chapter. */
  note: wording('{number}').default('note {number}'),
  /** The print's reference to a figure, table or note, with its page; `{label}` is `Figure 2.3`. */
  numberedPage: wording('{label}', '{page}').default('{label} (p. {page})'),
  /** The print's reference to a heading, with its page; `{label}` is the quoted title. */
  titledPage: wording('{label}', '{page}').default('{label}, p. {page}'),
  /** The titles of the lists of figures and tables. */
  figureList: wording().default('Figures'),
  tableList: wording().default('Tables')
})

export type ReferenceWording = z.output<typeof references>

export const editionSchema = z.strictObject({
  /** Build a table of contents even for a single chapter. */
  toc: z.boolean().default(false),
  /** Trim size of the PDF: a preset (`book` is 6in × 9in) or `{width, height}`. */
  pageSize: z.union([z.enum(pageSizes), z.strictObject({width: length, height: length})]).default('A4'),
  /** Page margins as the CSS `margin` shorthand (1–4 lengths); `auto` takes the page size's own. */
  margin: z
    .string()
    .regex(
      /^(auto|\d+(\.\d+)?(mm|cm|in|pt|pc|px)( \d+(\.\d+)?(mm|cm|in|pt|pc|px)){0,3})$/,
      'expected "auto" or 1 to 4 lengths such as "20mm 25mm"'
    )
    .default('auto'),
  /** Justify the text of the PDF (with hyphenation, justified lines keep even spacing); by default for the classic theme only. */
  justify: z.boolean().optional(),
  /** Insert soft hyphens with the patterns of the manuscript's language. */
  hyphenate: z.boolean().default(true),
  /**
   * As CSS's `hyphenate-limit-chars`: the shortest word that may be broken, and the fewest
   * letters left before and carried after a break. Two letters left behind look like a slip.
   */
  hyphenateLimitChars: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]).default([6, 3, 3]),
  /**
   * Verso and recto pages: mirrored margins (the `margin` shorthand's right is the outside,
   * its left the gutter), the book's title over versos and the chapter's over rectos, folios
   * at the outer edge, and no running head on a chapter's opening page. On for `book`.
   */
  facingPages: z.boolean().optional(),
  /** Chapters open on a right-hand page, a blank verso put before them where needed. On for `book`. */
  openRight: z.boolean().optional(),
  /**
   * A book's front matter before the first chapter: half-title, title page, copyright page,
   * dedication and contents, numbered in roman, with chapter 1 on page 1. On for `book`.
   */
  frontMatter: z.boolean().optional(),
  /** A built-in look: `classic` (serif, indented paragraphs) or `report` (sans-serif, spaced paragraphs, ragged right). */
  theme: z.enum(themes).default('classic'),
  /** Typefaces for the body and the headings, instead of the theme's. */
  fonts: z.strictObject({body: typeface.optional(), headings: typeface.optional()}).default({}),
  /** The base text size, instead of the page size's own (e.g. `11pt`). */
  fontSize: length.optional(),
  /** The leading, as a multiple of the text size (e.g. `1.45`). */
  lineHeight: z.number().min(1).max(3).optional(),
  /** CSS files in the project, appended after the built-in styles and the theme, in order. */
  css: z
    .array(z.string().regex(/\.css$/i, 'expected a .css file'))
    .max(16)
    .default([]),
  /**
   * Where the PDF prints footnotes: at the foot of their call's page, at the end of each
   * chapter, or all at the end of the book. The HTML edition keeps them at each chapter's end.
   */
  notes: z.enum(['foot', 'chapter-end', 'book-end']).default('foot'),
  /** Footnotes numbered from 1 in each chapter, or through the whole book. */
  noteNumbering: z.enum(['chapter', 'book']).default('chapter'),
  /** Extra area printed beyond the trim on every side, for the printer's cut (e.g. `3mm`). */
  bleed: length.default('0mm'),
  /** Draw crop marks outside the bleed. */
  cropMarks: z.boolean().default(false),
  /** Figures and tables numbered per chapter (`Figure 2.3`) or through the book (`Figure 4`); per chapter when there are several. */
  numbering: z.enum(['chapter', 'book']).optional(),
  /** The wording of captions, cross-references and the lists. */
  references: references.prefault({}),
  /**
   * The editor's style sheet (`galley stylesheet`) in the edition: in the colophon, or as a
   * page of its own after the last chapter (and the notes). Off by default: it is for the
   * book's editors and proofreaders, not its readers.
   */
  styleSheet: z.union([z.literal(false), z.enum(['colophon', 'page'])]).default(false),
  /** Lists of the numbered figures and tables, after the contents. */
  lists: z
    .array(z.enum(listNames))
    .max(listNames.length)
    .refine((names) => new Set(names).size === names.length, 'expected each list once')
    .default([])
})

/**
 * What one edition may set for itself over the shared `edition` settings: the same keys,
 * without defaults, so that only what it names differs.
 */
export const editionOverrides = z.strictObject(
  Object.fromEntries(Object.entries(editionSchema.shape).map(([key, schema]) => [key, schema.unwrap().optional()])) as {
    [Key in keyof typeof editionSchema.shape]: z.ZodOptional<ReturnType<(typeof editionSchema.shape)[Key]['unwrap']>>
  }
)

export const browserSchema = z.strictObject({
  /** A local Chrome or Chromium to launch instead of the bundled one (also `GALLEY_CHROME`). */
  executablePath: z.string().optional(),
  /** A remote browser (pool) to connect to instead of launching one. */
  browserWSEndpoint: z.string().optional(),
  /** Milliseconds one render may take before it is abandoned. */
  timeout: z
    .number()
    .int()
    .positive()
    // Node's timers hold at most 2^31 − 1 ms (about 24 days); a larger value would fire at once.
    .max(2 ** 31 - 1)
    .default(60_000),
  /**
   * When the first browser found cannot be used, try the next (endpoint → executablePath →
   * `GALLEY_CHROME` → bundled). Off, a misconfigured browser fails loudly instead.
   */
  fallback: z.boolean().default(true)
})

export type EditionSettings = z.output<typeof editionSchema>

export interface BookLayout {
  facingPages: boolean
  openRight: boolean
  frontMatter: boolean
}

/** The book structure an edition asks for: what it sets, else on for the `book` preset only. */
export function bookLayoutOf(edition: EditionSettings): BookLayout {
  const book = edition.pageSize === 'book'
  return {
    facingPages: edition.facingPages ?? book,
    openRight: edition.openRight ?? book,
    frontMatter: edition.frontMatter ?? book
  }
}

/** The print page an edition asks of the edition document: the PDF format, its bench and its tests print the same one. */
export function printPageOptions(edition: EditionSettings) {
  return {
    toc: edition.toc,
    frontMatter: bookLayoutOf(edition).frontMatter,
    ...numberingOf(edition),
    notes: edition.notes,
    noteNumbering: edition.noteNumbering
  }
}

export function numberingOf({numbering, references, lists}: EditionSettings): Pick<EditionSettings, 'numbering' | 'references' | 'lists'> {
  return {numbering, references, lists}
}

/** Text that one `browser.timeout` covers: a book of 500 chapters (6 MB) prints in under a minute. */
export const textPerTimeout = 4 * 1024 * 1024

/**
 * The time one render of a manuscript of `characters` may take: `browser.timeout` for each
 * 4 MB begun, so that a book of 10,000 chapters builds with the default settings while a
 * hung page of a short one still ends in a minute.
 */
export function renderTimeout(timeout: number, characters: number): number {
  return Math.min(timeout * Math.max(1, Math.ceil(characters / textPerTimeout)), 2 ** 31 - 1)
}
export type BrowserSettings = z.output<typeof browserSchema>
