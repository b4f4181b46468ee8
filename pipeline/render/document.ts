// The edition document: the manuscript's chapters as one sanitised, self-contained page (styles,
// fonts and images inline), made once per build. Every format renders from it: the HTML
// edition takes its screen page, the PDF edition prints its print page.
import {readFileSync} from 'node:fs'
import {randomUUID} from 'node:crypto'
import path from 'node:path'
import {slug} from 'github-slugger'
import GithubSlugger from 'github-slugger'
import type {Element, ElementContent, Root} from 'hast'
import {toString as hastToString} from 'hast-util-to-string'
import {h} from 'hastscript'
import type {Heading} from 'mdast'
import {toString as mdastToString} from 'mdast-util-to-string'
import rehypeAutolinkHeadings from 'rehype-autolink-headings'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import pkg from '../../package.json' with {type: 'json'}
import {withTextKept} from '../manuscript/raw-html.ts'
import {linkTarget, manuscriptFolder} from '../manuscript/references.ts'
import type {Metadata, ParsedChapter, ParsedManuscript} from '../manuscript/types.ts'
import {applyDirectives, claimFigureIds, markDirectives, resolveReferences, type ChapterTargets} from './directives.ts'
import {classesOf, elementsOf, headingText, walk} from './elements.ts'
import {arrangeNotes, bookNotesId, type NotesOptions} from './endnotes.ts'
import {fontFaceCss} from './fonts.ts'
import {numberPage, type NumberingOptions} from './numbering.ts'
import {inlineImages, sanitizeSchema} from './sanitize.ts'
import {styleSheetElement, styleSheetId, styleSheetTitle, type StyleSheetData, type StyleSheetPlace} from './style-sheet.ts'
import {typographic} from './typography.ts'

export interface EditionInput {
  manuscript: ParsedManuscript
  metadata: Metadata
  stamp?: {revision: string; date: string; dirty: boolean; label: string}
}

export type Medium = 'screen' | 'print'

/** What every format renders from: the edition's metadata, and its page for a medium. */
export interface EditionDocument {
  /** The metadata, with the title the page carries: the frontmatter's, else the first heading's. */
  metadata: Metadata & {title: string}
  /**
   * The whole page as hast, doctype included: `screen` with heading anchors and screen.css,
   * `print` with print.css. A new tree on each call, so a format may change the one it gets.
   */
  page(medium: Medium, options?: PageOptions): Root
}

export interface PageOptions extends NumberingOptions, NotesOptions {
  /** A table of contents even for a single chapter (a book of several always has one). */
  toc?: boolean
  /**
   * A book's front matter: a half-title, the title page, a copyright page carrying the
   * revision stamp (instead of a colophon), a dedication if the frontmatter has one, and the
   * contents, always.
   */
  frontMatter?: boolean
  /** The editor's style sheet, in the colophon or on a page of its own after the chapters and notes. */
  styleSheet?: {place: StyleSheetPlace; sheet: StyleSheetData}
}

/** The chapters are rendered here, once; each page is then assembled from copies of them. */
export function editionDocument(input: EditionInput): EditionDocument {
  const {manuscript, metadata} = input
  const folder = manuscriptFolder(manuscript.root)
  const title = documentTitle(input)
  const chapters = manuscript.chapters.map((chapter, index) => renderChapter(chapter, index + 1, folder, title, metadata.lang))

  const taken = new Set([
    'toc-title',
    'figure-list-title',
    'table-list-title',
    bookNotesId,
    styleSheetId,
    ...chapters.map((chapter) => chapter.id)
  ])
  // The ids Galley made, in every chapter, are claimed before any the manuscript wrote.
  for (const chapter of chapters) for (const element of chapter.made) taken.add(String(element.properties.id))
  claimFigureIds(chapters, taken)
  for (const chapter of chapters) assignIds(chapter, taken)
  for (const chapter of chapters) resolveLinks(chapter, chapters, taken)
  resolveReferences(chapters.map((chapter) => chapter.targets))
  const description = descriptionOf(metadata, chapters)
  return {
    metadata: {...metadata, title},
    page: (medium, options = {}) => assemble(input, title, description, copies(chapters, medium), medium, options)
  }
}

/** The rendered chapters' trees for one page; on screen, each heading gets its anchor link. */
function copies(chapters: RenderedChapter[], medium: Medium): RenderedChapter[] {
  const copied = chapters.map((chapter) => ({...chapter, tree: structuredClone(chapter.tree)}))
  if (medium === 'screen') {
    const anchor = rehypeAutolinkHeadings({
      behavior: 'append',
      content: [],
      properties: {className: ['heading-anchor'], ariaHidden: 'true', tabIndex: -1},
      test: (element) => !classesOf(element).includes('sr-only')
    })
    for (const chapter of copied) anchor(chapter.tree)
  }
  return copied
}

function assemble(
  input: EditionInput,
  title: string,
  description: string | undefined,
  chapters: RenderedChapter[],
  medium: Medium,
  options: PageOptions
): Root {
  const {metadata, stamp} = input
  const book = options.frontMatter === true
  const showToc = book || chapters.length > 1 || options.toc === true
  const gathered = arrangeNotes(chapters, options)
  const notes = gathered && {...gathered, id: bookNotesId}
  const sheet = options.styleSheet && styleSheetElement(options.styleSheet.sheet, options.styleSheet.place)
  const sheetPage = options.styleSheet?.place === 'page' ? sheet : undefined
  const sheetColophon = options.styleSheet?.place === 'colophon' ? sheet : undefined
  // The sheet's page is in the contents as one entry, like a chapter without headings.
  const sheetEntry = sheetPage && {id: styleSheetId, title: styleSheetTitle, tree: {type: 'root', children: []} as Root}
  // Numbers and words are per page: each edition may set them its own way.
  const lists = numberPage(
    chapters.map((chapter) => elementsOf(chapter.tree)),
    options,
    medium,
    notes ? elementsOf(notes.tree) : []
  )
  const article = h('article.edition', [
    book ? h('section.half-title.front-matter', {ariaHidden: 'true'}, [h('p.title', title)]) : undefined,
    h('header.title-block', {className: book ? ['front-matter'] : []}, [
      h('h1.title', title),
      metadata.author ? h('p.author', metadata.author) : undefined,
      metadata.year !== undefined ? h('p.date', String(metadata.year)) : undefined,
      book && metadata.publisher ? h('p.publisher', metadata.publisher) : undefined
    ]),
    book ? copyrightPage(metadata, stamp) : undefined,
    book && metadata.dedication ? h('section.dedication.front-matter', [h('p', metadata.dedication)]) : undefined,
    showToc ? tableOfContents([...chapters, ...(notes ? [notes] : []), ...(sheetEntry ? [sheetEntry] : [])]) : undefined,
    ...lists,
    ...chapters.map((chapter) =>
      h('section.chapter', {id: chapter.id, dataTitle: chapter.title, lang: chapter.lang}, chapter.tree.children as ElementContent[])
    ),
    notes ? h('section.chapter.book-notes', {id: notes.id, dataTitle: notes.title}, notes.tree.children as ElementContent[]) : undefined,
    sheetPage,
    (stamp && !book) || sheetColophon ? h('footer.colophon', [stamp && !book ? h('p', stamp.label) : undefined, sheetColophon]) : undefined
  ])

  return {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: metadata.lang}, [head(input, title, description, medium), h('body', [article])])]
  }
}

/** The verso of the title page: who holds the rights, the edition, the ISBN, and the revision printed. */
function copyrightPage(metadata: Metadata, stamp: EditionInput['stamp']): Element {
  const {author, year, rights, edition, isbn} = metadata
  const lines = [
    rights ?? (author ? `© ${year !== undefined ? `${year} ` : ''}${author}` : undefined),
    edition,
    isbn ? `ISBN ${isbn}` : undefined,
    stamp?.label
  ].filter((line): line is string => line !== undefined)
  return h(
    'section.copyright.front-matter',
    lines.map((line) => h('p', line))
  )
}

/**
 * Any other document laid out like an edition (an `article.edition` of `section.chapter`s with
 * their `data-title`), such as the redline of `galley diff`: the same head, styles and fonts,
 * and `css` after them.
 */
export function standaloneDocument(
  article: Element,
  {metadata, css}: {metadata: Metadata & {title: string}; css?: string}
): EditionDocument {
  return {
    metadata,
    page: (medium) => ({
      type: 'root',
      children: [
        {type: 'doctype'},
        h('html', {lang: metadata.lang}, [
          head({metadata}, metadata.title, metadata.description, medium, css),
          h('body', [structuredClone(article)])
        ])
      ]
    })
  }
}

function head(
  {metadata, stamp}: Pick<EditionInput, 'metadata' | 'stamp'>,
  title: string,
  description: string | undefined,
  medium: Medium,
  extraCss = ''
): Element {
  const css = readFileSync(new URL(`../../styles/${medium}.css`, import.meta.url), 'utf8')
  return h('head', [
    h('meta', {charSet: 'utf-8'}),
    // Whatever slips past the sanitiser still loads nothing: the edition needs only data: URLs.
    h('meta', {
      httpEquiv: 'Content-Security-Policy',
      content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    }),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', title),
    description ? h('meta', {name: 'description', content: description}) : undefined,
    metadata.author ? h('meta', {name: 'author', content: metadata.author}) : undefined,
    metadata.keywords?.length ? h('meta', {name: 'keywords', content: metadata.keywords.join(', ')}) : undefined,
    h('meta', {name: 'generator', content: `Galley ${pkg.version}`}),
    ...(stamp
      ? [
          h('meta', {name: 'galley:revision', content: stamp.revision}),
          h('meta', {name: 'galley:revision-date', content: stamp.date}),
          h('meta', {name: 'galley:dirty', content: String(stamp.dirty)})
        ]
      : []),
    h('style', `${fontFaceCss()}\n${css}${extraCss ? `\n${extraCss}` : ''}`)
  ])
}

function documentTitle({manuscript, metadata}: EditionInput): string {
  const heading = manuscript.chapters.map((chapter) => firstHeading(chapter)).find(Boolean)
  return metadata.title ?? heading ?? path.basename(manuscript.root, path.extname(manuscript.root))
}

function firstHeading(chapter: ParsedChapter): string | undefined {
  const heading = chapter.tree.children.find((node): node is Heading => node.type === 'heading' && node.depth <= 2)
  return heading ? mdastToString(heading) : undefined
}

/**
 * The metadata's description, else the first paragraph cut at a word near 160 characters
 * (what search results show). Read from the sanitised tree: raw HTML is not description.
 */
function descriptionOf(metadata: Metadata, chapters: RenderedChapter[]): string | undefined {
  if (metadata.description) return metadata.description
  const text = chapters
    .flatMap((chapter) => elementsOf(chapter.tree).filter((element) => element.tagName === 'p'))
    .map((paragraph) => hastToString(paragraph).replace(/\s+/g, ' ').trim())
    .find(Boolean)
  if (!text || text.length <= 160) return text
  const cut = text.slice(0, 160)
  const end = cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : 160
  return `${cut.slice(0, end).replace(/[\s,;:.]+$/, '')}…`
}

interface RenderedChapter {
  id: string
  /** The elements whose ids Galley made (the notes' calls, list and label), not the manuscript. */
  made: Set<Element>
  title: string
  lang?: string
  tree: Root
  /** Absolute path of the chapter's file, so links between chapters can be resolved. */
  source: string
  /** The ids a heading has in the chapter on its own (as GitHub slugs it) → its id in the edition. */
  localIds: Map<string, string>
  /** What the chapter's references may name, and its references. */
  targets: ChapterTargets
}

function renderChapter(chapter: ParsedChapter, number: number, folder: string, documentTitle: string, lang: string): RenderedChapter {
  const {file} = chapter
  const frontmatter = file.data.frontmatter ?? {}
  // Each chapter's footnotes start again at 1; the prefix keeps their ids apart.
  const footnotePrefix = `c${number}-`
  const processor = unified()
    .use(remarkRehype, {allowDangerousHtml: true, clobberPrefix: footnotePrefix, footnoteLabel: 'Notes'})
    .use(markMadeIds)
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
  const chapterLang = typeof frontmatter.lang === 'string' && frontmatter.lang !== lang ? frontmatter.lang : undefined
  const marked = markDirectives(chapter.tree, String(file.value))
  const tree = processor.runSync(withTextKept(typographic(marked.tree, chapterLang ?? lang)), file)
  const made = unmarkMadeIds(tree)
  const targets = applyDirectives(tree, made, marked.marked, footnotePrefix)
  prefixFootnoteLabel(tree, footnotePrefix)
  const source = path.resolve(file.cwd, file.path)
  inlineImages(tree, path.dirname(source), folder)
  dropEmptyParagraphs(tree)
  makeFigures(tree)
  const ownTitle = typeof frontmatter.title === 'string' && number > 1 ? frontmatter.title : undefined
  return {
    id: `chapter-${number}`,
    made,
    title: firstHeading(chapter) ?? ownTitle ?? documentTitle,
    lang: chapterLang,
    tree,
    source,
    localIds: new Map(),
    targets
  }
}

/**
 * Raw HTML may carry any id, the ones Galley makes included (`<a id="c1-fn-1">` would take a
 * note's place). Before the raw HTML joins the tree, every id there is one remark-rehype made:
 * each gets a mark the manuscript cannot know, taken off again once the HTML is in.
 */
const madeMark = `galley-${randomUUID()}:`

function markMadeIds() {
  return (tree: Root) => {
    for (const element of elementsOf(tree))
      if (element.properties.id != null) element.properties.id = madeMark + String(element.properties.id)
  }
}

function unmarkMadeIds(tree: Root): Set<Element> {
  const made = new Set<Element>()
  for (const element of elementsOf(tree)) {
    const id = String(element.properties.id ?? '')
    if (!id.startsWith(madeMark)) continue
    element.properties.id = id.slice(madeMark.length)
    made.add(element)
  }
  return made
}

/** remark-rehype leaves the label's id unprefixed, so every chapter's would be `footnote-label`. */
function prefixFootnoteLabel(tree: Root, prefix: string): void {
  for (const element of elementsOf(tree)) {
    if (element.properties.id === 'footnote-label') element.properties.id = `${prefix}footnote-label`
    const described = element.properties.ariaDescribedBy
    if (Array.isArray(described))
      element.properties.ariaDescribedBy = described.map((id) => (id === 'footnote-label' ? `${prefix}footnote-label` : id))
  }
}

/** Paragraphs left empty by a dropped image or sanitised-away HTML would print as blank lines. */
function dropEmptyParagraphs(tree: Root): void {
  walk(tree, [], (element, ancestors) => {
    const empty = element.children.every((child) => child.type === 'text' && child.value.trim() === '')
    if (element.tagName !== 'p' || !empty) return
    const parent = ancestors.at(-1) ?? tree
    parent.children.splice(parent.children.indexOf(element), 1)
  })
}

/** A paragraph holding only an image is a figure; its title (else its alt text) the caption. */
function makeFigures(tree: Root): void {
  walk(tree, [], (element) => {
    if (element.tagName !== 'p') return
    const content = element.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
    const image = content[0]
    if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return
    const caption = String(image.properties.title ?? image.properties.alt ?? '').trim()
    element.tagName = 'figure'
    element.children = caption ? [image, h('figcaption', caption)] : [image]
  })
}

/**
 * Ids unique across the edition: the edition's own (chapters, contents, footnotes) keep
 * theirs; headings get GitHub's slugs, numbered on where an earlier one took the same.
 */
function assignIds(chapter: RenderedChapter, taken: Set<string>): void {
  const local = new GithubSlugger()
  for (const element of elementsOf(chapter.tree)) {
    const id = element.properties.id
    if (id !== undefined && id !== null && !chapter.made.has(element)) {
      if (taken.has(String(id))) delete element.properties.id
      else taken.add(String(id))
    }
    if (!/^h[1-6]$/.test(element.tagName) || classesOf(element).includes('sr-only')) continue
    const text = hastToString(element)
    const own = local.slug(text)
    if (element.properties.id === undefined) {
      const base = slug(text) || 'section'
      let unique = base
      for (let n = 1; taken.has(unique); n++) unique = `${base}-${n}`
      taken.add(unique)
      element.properties.id = unique
    }
    chapter.localIds.set(own, String(element.properties.id))
  }
}

/**
 * Links stay inside the one file: `#slug` means the heading of its own chapter, `other.md#slug`
 * another chapter's. A link to any other file would be dead in the edition and is unwrapped.
 */
function resolveLinks(chapter: RenderedChapter, chapters: RenderedChapter[], taken: Set<string>): void {
  walk(chapter.tree, [], (element, ancestors) => {
    if (element.tagName !== 'a' || element.properties.href === undefined) return
    const href = String(element.properties.href)
    // The sanitiser let through only http(s) and mailto among the schemes.
    const target = linkTarget(href, chapter.source)
    if (!target) return
    const linked = chapters.find((other) => other.source === target.file)
    if (linked) {
      const id = linked.localIds.get(target.fragment) ?? (taken.has(target.fragment) ? target.fragment : undefined)
      element.properties.href = `#${id ?? (href.startsWith('#') ? target.fragment : linked.id)}`
      return
    }
    // A dead link keeps its words; the check's `link-path` rule reports it.
    const parent = ancestors.at(-1) ?? chapter.tree
    parent.children.splice(parent.children.indexOf(element), 1, ...element.children)
  })
}

function tableOfContents(chapters: Array<Pick<RenderedChapter, 'id' | 'title' | 'tree'>>): Element {
  const entries = chapters.flatMap((chapter) => {
    const headings = elementsOf(chapter.tree).filter(
      (element) => /^h[12]$/.test(element.tagName) && element.properties.id !== undefined && !classesOf(element).includes('sr-only')
    )
    // A chapter without headings is still a chapter: its entry leads to the section.
    if (headings.length === 0) return [{level: 1, id: chapter.id, text: chapter.title}]
    return headings.map((heading) => ({level: Number(heading.tagName[1]), id: String(heading.properties.id), text: headingText(heading)}))
  })
  return h('nav.toc', {ariaLabelledBy: 'toc-title'}, [
    h('h2', {id: 'toc-title'}, 'Contents'),
    h(
      'ol',
      entries.map((entry) => h(`li.toc-level-${entry.level}`, [h('a', {href: `#${entry.id}`}, entry.text), ' ', h('span.toc-page')]))
    )
  ])
}
