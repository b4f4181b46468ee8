// Galley's directives in the edition: `:::figure` and `:::table` become figures with their
// captions, `:ref` a link to what it names. The sanitiser lets none of Galley's own markup
// through, so each directive (and each heading, which a reference names by its GitHub slug in
// the Markdown) crosses it as a plain element with an id the document marks as made, and
// becomes itself on the other side. Numbering and wording are per page (numbering.ts).
import GithubSlugger from 'github-slugger'
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {Nodes, Root as MdastRoot} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {directiveId, isDirective, notePrefix} from '../manuscript/directives.ts'
import {classesOf, elementsOf} from './elements.ts'

export type FigureKind = 'figure' | 'table'

/** A target's kind, as its references word it. */
export type TargetKind = FigureKind | 'heading' | 'note'

type Marked =
  {kind: FigureKind; id?: string; fullBleed?: boolean} | {kind: 'ref'; target?: string; written: string} | {kind: 'heading'; slug: string}

/** The class that marks a figure to fill its page out to the bleed (`:::figure[…]{.full-bleed}`). */
export const fullBleed = 'full-bleed'

export interface ChapterTargets {
  /** Figures and tables in order, each with the id its directive gave (`{#harbour}`). */
  figures: Array<{element: Element; id?: string}>
  refs: Array<{element: Element; target?: string; written: string}>
  /** Headings by their GitHub slug in the chapter's Markdown. */
  headings: Map<string, Element>
  /** Footnotes by `fn-<label>`, lower-cased. */
  notes: Map<string, Element>
}

const marker = 'galley-directive-'

/** A copy of `tree` whose headings and Galley directives carry marked ids into the hast. */
export function markDirectives(tree: MdastRoot, source: string): {tree: MdastRoot; marked: Marked[]} {
  const copy = structuredClone(tree)
  const marked: Marked[] = []
  const slugger = new GithubSlugger()
  const mark = (node: Nodes, entry: Marked, hName?: string) => {
    node.data = {...node.data, ...(hName && {hName}), hProperties: {...node.data?.hProperties, id: `${marker}${marked.length}`}}
    marked.push(entry)
  }
  visit(copy, (node) => {
    if (node.type === 'heading') mark(node, {kind: 'heading', slug: slugger.slug(toString(node))})
    if (!isDirective(node)) return
    if (node.type === 'containerDirective' && (node.name === 'figure' || node.name === 'table')) {
      const [label] = node.children
      if (label?.type === 'paragraph' && label.data?.directiveLabel) label.data.hProperties = {id: `${marker}${marked.length}-label`}
      // The attributes stop here, before the sanitiser: only the one class Galley knows goes on.
      const bleeds = node.name === 'figure' && (node.attributes?.class ?? '').split(/\s+/).includes(fullBleed)
      mark(node, {kind: node.name, id: directiveId(node), ...(bleeds && {fullBleed: true})}, 'div')
    } else if (node.type === 'textDirective') {
      const {start, end} = node.position ?? {}
      const written = start?.offset !== undefined && end?.offset !== undefined ? source.slice(start.offset, end.offset) : ''
      mark(node, {kind: 'ref', target: directiveId(node), written}, 'span')
    }
  })
  return {tree: copy, marked}
}

/**
 * After the sanitiser: the marked elements made into figures and references, their marks taken
 * off, and what a reference may name collected. `footnotePrefix` starts the chapter's note ids.
 */
export function applyDirectives(tree: Root, made: Set<Element>, marked: Marked[], footnotePrefix: string): ChapterTargets {
  const targets: ChapterTargets = {figures: [], refs: [], headings: new Map(), notes: new Map()}
  for (const element of elementsOf(tree)) {
    const id = String(element.properties.id ?? '')
    if (made.has(element) && id.startsWith(`${footnotePrefix}${notePrefix}`) && element.tagName === 'li')
      targets.notes.set(safeDecode(id.slice(footnotePrefix.length)).toLowerCase(), element)
    if (!made.has(element) || !id.startsWith(marker)) continue
    made.delete(element)
    delete element.properties.id
    const entry = marked[Number(id.slice(marker.length))]
    if (!entry) continue
    if (entry.kind === 'heading') {
      if (!targets.headings.has(entry.slug)) targets.headings.set(entry.slug, element)
    } else if (entry.kind === 'ref') {
      element.tagName = 'a'
      targets.refs.push({element, target: entry.target, written: entry.written})
    } else {
      makeFigure(element, entry, `${id}-label`, made)
      targets.figures.push({element, id: entry.id})
    }
  }
  return targets
}

/**
 * A figure holds its picture and its caption after it: the label, else the picture's title or
 * alt text. A table's caption comes before it, where a reader looks first.
 */
function makeFigure(
  element: Element,
  {kind, fullBleed: bleeds}: {kind: FigureKind; fullBleed?: boolean},
  labelId: string,
  made: Set<Element>
): void {
  const label = element.children.find((child): child is Element => child.type === 'element' && child.properties.id === labelId)
  if (label) made.delete(label)
  let children = element.children.filter((child) => child !== label)
  if (kind === 'figure') children = children.flatMap((child) => (isPicture(child) ? child.children : [child]))
  const image = elementsOf(element).find((child) => child.tagName === 'img')
  const fallback = String(image?.properties.title ?? image?.properties.alt ?? '').trim()
  const words: ElementContent[] = label?.children.length
    ? label.children
    : kind === 'figure' && fallback
      ? [{type: 'text', value: fallback}]
      : []
  const caption = words.length ? [h('figcaption', words)] : []
  element.tagName = 'figure'
  const className = kind === 'table' ? ['table-figure'] : bleeds ? [fullBleed] : undefined
  element.properties = {...(className && {className}), dataGalleyFigure: kind}
  element.children = kind === 'table' ? [...caption, ...children] : [...children, ...caption]
}

/** A paragraph of nothing but pictures, which a figure holds without the paragraph. */
function isPicture(node: ElementContent): node is Element {
  if (node.type !== 'element' || node.tagName !== 'p') return false
  const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  return content.length > 0 && content.every((child) => child.type === 'element' && child.tagName === 'img')
}

/**
 * Figures and tables keep the ids their directives gave them, before any heading or raw HTML
 * takes one (the first of two alike wins); the rest get one. Each is then Galley's, in `made`.
 */
export function claimFigureIds(chapters: Array<{targets: ChapterTargets; made: Set<Element>}>, taken: Set<string>): void {
  const claim = (figure: {element: Element}, id: string, made: Set<Element>) => {
    figure.element.properties.id = id
    taken.add(id)
    made.add(figure.element)
  }
  for (const {targets, made} of chapters)
    for (const figure of targets.figures) if (figure.id && !taken.has(figure.id)) claim(figure, figure.id, made)
  chapters.forEach(({targets, made}, index) => {
    const counts = new Map<unknown, number>()
    for (const figure of targets.figures) {
      const kind = figure.element.properties.dataGalleyFigure
      counts.set(kind, (counts.get(kind) ?? 0) + 1)
      if (figure.element.properties.id) continue
      const base = `${String(kind)}-${index + 1}-${counts.get(kind)}`
      let id = base
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
      claim(figure, id, made)
    }
  })
}

/**
 * Each reference made a link to what it names, found as the check's `missing-reference` finds
 * it: a figure or table by its id, then a note (`fn-<label>`) or a heading, in the reference's
 * own chapter first. One that names nothing prints as it was written.
 */
export function resolveReferences(chapters: ChapterTargets[]): void {
  const figures = new Map<string, Element>()
  for (const targets of chapters)
    for (const figure of targets.figures)
      if (figure.id && figure.element.properties.id === figure.id) figures.set(figure.id, figure.element)
  chapters.forEach((targets, index) => {
    const inOrder = [targets, ...chapters.filter((_, other) => other !== index)]
    for (const ref of targets.refs) {
      const id = ref.target ?? ''
      const note = id.toLowerCase().startsWith(notePrefix) ? inOrder.find((chapter) => chapter.notes.has(id.toLowerCase())) : undefined
      const found: [TargetKind, Element] | undefined = figures.has(id)
        ? [String(figures.get(id)!.properties.dataGalleyFigure) as FigureKind, figures.get(id)!]
        : note
          ? ['note', note.notes.get(id.toLowerCase())!]
          : headingIn(inOrder, id)
      if (!found) {
        ref.element.tagName = 'span'
        ref.element.properties = {}
        ref.element.children = [{type: 'text', value: ref.written}]
        continue
      }
      ref.element.properties = {href: `#${String(found[1].properties.id)}`, className: ['xref'], dataGalleyRef: found[0]}
    }
  })
}

function headingIn(chapters: ChapterTargets[], slug: string): [TargetKind, Element] | undefined {
  const heading = chapters.map((chapter) => chapter.headings.get(slug)).find((element) => element?.properties.id !== undefined)
  return heading && !classesOf(heading).includes('sr-only') ? ['heading', heading] : undefined
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
