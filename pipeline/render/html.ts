// mdast → hast → the HTML edition: one self-contained file (styles, fonts and images inline)
// that the screen reads as it is and that print.ts lays out on pages.
import {readFileSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {slug} from 'github-slugger'
import GithubSlugger from 'github-slugger'
import type {Element, ElementContent, Root, RootContent} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toString as hastToString} from 'hast-util-to-string'
import {h} from 'hastscript'
import type {Heading} from 'mdast'
import {toString as mdastToString} from 'mdast-util-to-string'
import rehypeAutolinkHeadings from 'rehype-autolink-headings'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import pkg from '../../package.json' with {type: 'json'}
import {ruleUrl} from '../checks/url.ts'
import type {Config} from '../config/schema.ts'
import type {Chapter, Manuscript, Metadata} from '../manuscript/types.ts'
import {fontFaceCss} from './fonts.ts'

export interface EditionInput {
  manuscript: Manuscript
  metadata: Metadata
  config: Config
  stamp?: {revision: string; date: string; dirty: boolean; label: string}
}

export type Medium = 'screen' | 'print'

/** The screen edition as one string: the file written to `output/<slug>.html`. */
export function renderHtml(input: EditionInput): string {
  return toHtml(editionTree(input, 'screen'))
}

/** The whole document as hast, doctype included; `print` swaps in print.css for print.ts. */
export function editionTree(input: EditionInput, medium: Medium): Root {
  const {manuscript, metadata, config, stamp} = input
  const folder = manuscriptFolder(manuscript.root)
  const title = documentTitle(input)
  const chapters = manuscript.chapters.map((chapter, index) => renderChapter(chapter, index + 1, folder, title, metadata.lang))

  const taken = new Set(['toc-title', ...chapters.map((chapter) => chapter.id)])
  for (const chapter of chapters) assignIds(chapter, taken)
  for (const chapter of chapters) resolveLinks(chapter, chapters, taken)
  if (medium === 'screen') {
    const anchor = rehypeAutolinkHeadings({
      behavior: 'append',
      content: [],
      properties: {className: ['heading-anchor'], ariaHidden: 'true', tabIndex: -1},
      test: (element) => !classesOf(element).includes('sr-only')
    })
    for (const chapter of chapters) anchor(chapter.tree)
  }

  const showToc = chapters.length > 1 || config.edition.toc
  const article = h('article.edition', [
    h('header.title-block', [
      h('h1.title', title),
      metadata.author ? h('p.author', metadata.author) : undefined,
      metadata.year !== undefined ? h('p.date', String(metadata.year)) : undefined
    ]),
    showToc ? tableOfContents(chapters) : undefined,
    ...chapters.map((chapter) =>
      h('section.chapter', {id: chapter.id, dataTitle: chapter.title, lang: chapter.lang}, chapter.tree.children as ElementContent[])
    ),
    stamp ? h('footer.colophon', [h('p', stamp.label)]) : undefined
  ])

  return {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: metadata.lang}, [head(input, title, descriptionOf(metadata, chapters), medium), h('body', [article])])
    ]
  }
}

function head({metadata, stamp}: EditionInput, title: string, description: string | undefined, medium: Medium): Element {
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
    h('style', `${fontFaceCss()}\n${css}`)
  ])
}

function documentTitle({manuscript, metadata}: EditionInput): string {
  const heading = manuscript.chapters.map((chapter) => firstHeading(chapter)).find(Boolean)
  return metadata.title ?? heading ?? path.basename(manuscript.root, path.extname(manuscript.root))
}

function firstHeading(chapter: Chapter): string | undefined {
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

function manuscriptFolder(root: string): string {
  const folder = statSync(root, {throwIfNoEntry: false})?.isFile() ? path.dirname(root) : root
  return realpathSync(folder)
}

interface RenderedChapter {
  id: string
  /** What remark-rehype put before the ids of this chapter's footnotes. */
  footnotePrefix: string
  title: string
  lang?: string
  tree: Root
  file: VFile
  /** Absolute path of the chapter's file, so links between chapters can be resolved. */
  source: string
  /** The ids a heading has in the chapter on its own (as GitHub slugs it) → its id in the edition. */
  localIds: Map<string, string>
}

function renderChapter(chapter: Chapter, number: number, folder: string, documentTitle: string, lang: string): RenderedChapter {
  const {file} = chapter
  const frontmatter = file.data.frontmatter ?? {}
  // Each chapter's footnotes start again at 1; the prefix keeps their ids apart.
  const footnotePrefix = `c${number}-`
  const processor = unified()
    .use(remarkRehype, {allowDangerousHtml: true, clobberPrefix: footnotePrefix, footnoteLabel: 'Notes'})
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
  const tree = processor.runSync(chapter.tree, file)
  prefixFootnoteLabel(tree, footnotePrefix)
  const source = path.resolve(file.cwd, file.path)
  inlineImages(tree, file, path.dirname(source), folder)
  dropEmptyParagraphs(tree)
  makeFigures(tree)
  const chapterLang = typeof frontmatter.lang === 'string' && frontmatter.lang !== lang ? frontmatter.lang : undefined
  const ownTitle = typeof frontmatter.title === 'string' && number > 1 ? frontmatter.title : undefined
  return {
    id: `chapter-${number}`,
    footnotePrefix,
    title: firstHeading(chapter) ?? ownTitle ?? documentTitle,
    lang: chapterLang,
    tree,
    file,
    source,
    localIds: new Map()
  }
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

/**
 * GitHub's schema, tightened for a file that must load nothing: no <picture>/<source> (their
 * srcset escapes the protocol check), no longdesc, and elements whose content is code or
 * raw text are removed whole instead of left behind as text. Image sources keep every
 * scheme here so that inlineImages can say why it drops one. Ids are not clobbered: the
 * edition runs no script to be clobbered, and `#id` links in the manuscript keep working.
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: defaultSchema.tagNames?.filter((name) => name !== 'picture' && name !== 'source'),
  attributes: {
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).filter(([name]) => name !== 'source')),
    img: (defaultSchema.attributes?.img ?? []).filter((attribute) => attribute !== 'longDesc')
  },
  protocols: {
    cite: ['http', 'https'],
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https', 'data', 'file']
  },
  clobber: [],
  strip: [
    'script',
    'style',
    'noscript',
    'template',
    'iframe',
    'object',
    'embed',
    'applet',
    'frame',
    'frameset',
    'noembed',
    'noframes',
    'textarea',
    'title',
    'xmp',
    'svg',
    'math'
  ]
}

const imageTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml'
}

const imageData = /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i
const scheme = /^[a-z][a-z\d+.-]*:/i

/**
 * Images from inside the manuscript folder become data: URLs, so the edition is one file.
 * Anything else would be a request from the reader's browser (or the printing one) to the
 * network or the disk: it is dropped, and the chapter's file says so.
 */
function inlineImages(tree: Root, file: VFile, chapterFolder: string, folder: string): void {
  walk(tree, [], (element, ancestors) => {
    if (element.tagName !== 'img') return
    const src = String(element.properties.src ?? '')
    const refusal = src ? imageRefusal(src, chapterFolder, folder) : 'no source'
    if (typeof refusal !== 'string') {
      element.properties.src = refusal.data
      return
    }
    const place = ancestors
      .concat(element)
      .reverse()
      .find((node) => node.position)?.position
    if (src) warn(file, refusal, {place, ruleId: 'image-path', actual: src})
    const parent = ancestors.at(-1) ?? tree
    parent.children.splice(parent.children.indexOf(element), 1)
  })
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

function imageRefusal(src: string, chapterFolder: string, folder: string): string | {data: string} {
  const shown = src.length > 60 ? `${src.slice(0, 57)}…` : src
  if (src.startsWith('data:')) {
    return imageData.test(src) ? {data: src} : `Unexpected image \`${shown}\`, expected a PNG, JPEG, GIF, WebP, AVIF or SVG image`
  }
  if (/^(https?:)?\/\//i.test(src))
    return `Unexpected remote image \`${shown}\`, expected a file inside the manuscript (nothing is fetched)`
  const outside = `Unexpected image path \`${shown}\` outside the manuscript`
  if (scheme.test(src) || path.isAbsolute(src)) return outside
  let relative: string
  try {
    relative = decodeURIComponent(src.replace(/[?#].*$/, ''))
  } catch {
    return `Unexpected image path \`${shown}\`, expected a URL-encoded path`
  }
  const target = path.resolve(chapterFolder, relative)
  let real: string
  try {
    // The real path: a symlink inside the folder must not lead out of it.
    real = realpathSync(target)
  } catch {
    return isInside(target, folder) ? `Unexpected image path \`${shown}\`, no such file` : outside
  }
  if (!isInside(real, folder)) return outside
  const type = imageTypes[path.extname(real).toLowerCase()]
  if (!type) return `Unexpected image \`${shown}\`, expected a PNG, JPEG, GIF, WebP, AVIF or SVG image`
  if (!statSync(real).isFile()) return `Unexpected image path \`${shown}\`, expected a file`
  return {data: `data:${type};base64,${readFileSync(real).toString('base64')}`}
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
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
  const elements = elementsOf(chapter.tree)
  const footnoteMachinery = (element: Element) =>
    element.properties.dataFootnoteRef !== undefined || String(element.properties.id ?? '').startsWith(chapter.footnotePrefix)
  const local = new GithubSlugger()
  for (const element of [...elements.filter(footnoteMachinery), ...elements.filter((element) => !footnoteMachinery(element))]) {
    const id = element.properties.id
    if (id !== undefined && id !== null) {
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
    if (scheme.test(href)) return
    const [target = '', fragment] = href.split('#', 2) as [string, string | undefined]
    const decoded = safeDecode(fragment ?? '')
    const file = path.resolve(path.dirname(chapter.source), safeDecode(target.replace(/\?.*$/, '')))
    const linked = target === '' ? chapter : chapters.find((other) => other.source === file)
    if (linked) {
      const id = linked.localIds.get(decoded) ?? (taken.has(decoded) ? decoded : undefined)
      element.properties.href = `#${id ?? (target === '' ? decoded : linked.id)}`
      return
    }
    const place = ancestors
      .concat(element)
      .reverse()
      .find((node) => node.position)?.position
    warn(chapter.file, `Unexpected link to \`${href}\`, expected a chapter of the manuscript or a URL`, {
      place,
      ruleId: 'link-path',
      actual: href
    })
    const parent = ancestors.at(-1) ?? chapter.tree
    parent.children.splice(parent.children.indexOf(element), 1, ...element.children)
  })
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function tableOfContents(chapters: RenderedChapter[]): Element {
  const entries = chapters.flatMap((chapter) => {
    const headings = elementsOf(chapter.tree).filter(
      (element) => /^h[12]$/.test(element.tagName) && element.properties.id !== undefined && !classesOf(element).includes('sr-only')
    )
    // A chapter without headings is still a chapter: its entry leads to the section.
    if (headings.length === 0) return [{level: 1, id: chapter.id, text: chapter.title}]
    return headings.map((heading) => ({level: Number(heading.tagName[1]), id: String(heading.properties.id), text: tocText(heading)}))
  })
  return h('nav.toc', {ariaLabelledBy: 'toc-title'}, [
    h('h2', {id: 'toc-title'}, 'Contents'),
    h(
      'ol',
      entries.map((entry) => h(`li.toc-level-${entry.level}`, [h('a', {href: `#${entry.id}`}, entry.text), ' ', h('span.toc-page')]))
    )
  ])
}

/** A heading's words without its footnote marks, which mean nothing in the contents. */
function tocText(heading: Element): string {
  const words = (node: Element): string =>
    node.children
      .map((child) => (child.type === 'text' ? child.value : child.type === 'element' && child.tagName !== 'sup' ? words(child) : ''))
      .join('')
  return words(heading).replace(/\s+/g, ' ').trim()
}

/** Rendering runs twice (screen, print) on one vfile; a finding is reported once. */
function warn(file: VFile, reason: string, {place, ruleId, actual}: {place: Element['position']; ruleId: string; actual: string}): void {
  const line = place?.start.line
  const column = place?.start.column
  if (
    file.messages.some(
      (message) => message.ruleId === ruleId && message.reason === reason && message.line === line && message.column === column
    )
  )
    return
  // rehype-raw ends an element that HTML closes on its own (an `<a href>` left open) before it starts.
  const backwards =
    place && (place.end.line < place.start.line || (place.end.line === place.start.line && place.end.column < place.start.column))
  const message = file.message(reason, {place: backwards ? place.start : place, ruleId, source: 'galley'})
  message.fatal = false
  message.actual = actual
  message.url = ruleUrl(ruleId)
}

type Parent = Root | Element

/** Depth-first over elements, children before later siblings; the visitor may splice its parent. */
function walk(node: Parent, ancestors: Element[], visit: (element: Element, ancestors: Element[]) => void): void {
  const lineage = node.type === 'element' ? [...ancestors, node] : ancestors
  for (const child of [...node.children] as Array<RootContent | ElementContent>) {
    if (child.type !== 'element') continue
    visit(child, lineage)
    if ((node.children as Array<RootContent | ElementContent>).includes(child)) walk(child, lineage, visit)
  }
}

function elementsOf(node: Parent): Element[] {
  const found: Element[] = []
  walk(node, [], (element) => found.push(element))
  return found
}

function classesOf(element: Element): string[] {
  const className = element.properties.className
  return Array.isArray(className) ? className.map(String) : String(className ?? '').split(/\s+/)
}
