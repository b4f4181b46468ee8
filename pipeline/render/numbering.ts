// One page's numbers and words for its figures, tables and references: each edition may number
// per chapter or through the book, and word them its own way, so this runs on each page's copy
// of the chapters. The print's references also get the slot their page goes into (page-refs.ts).
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {toString} from 'hast-util-to-string'
import type {FigureKind, TargetKind} from './directives.ts'
import {headingText} from './elements.ts'
import {editionSchema, type EditionSettings, type ReferenceWording} from './settings.ts'

export type NumberingOptions = Partial<Pick<EditionSettings, 'numbering' | 'references' | 'lists'>>

const defaultWording = editionSchema.shape.references.parse(undefined)

interface Numbered {
  kind: FigureKind
  id: string
  label: string
  caption: string
}

/**
 * Number the captions of `chapters` (each a chapter's elements), word their references, and
 * return the lists the options ask for, to stand after the contents. `elsewhere` holds what a
 * reference may name outside the chapters (the notes gathered at the book's end).
 */
export function numberPage(
  chapters: Element[][],
  options: NumberingOptions,
  medium: 'screen' | 'print',
  elsewhere: Element[] = []
): Element[] {
  const words = options.references ?? defaultWording
  const perChapter = (options.numbering ?? (chapters.length > 1 ? 'chapter' : 'book')) === 'chapter'
  const numbered: Numbered[] = []
  const byId = new Map<string, Element>()
  const places = new Map<Element, number>()
  for (const element of [...chapters.flat(), ...elsewhere]) {
    if (element.properties.id !== undefined) byId.set(String(element.properties.id), element)
    // A note's number is its place in its list, unless it carries its own (numbered through the book).
    if (element.tagName === 'ol')
      element.children
        .filter((child): child is Element => child.type === 'element' && child.tagName === 'li')
        .forEach((item, at) => places.set(item, Number(item.properties.value ?? Number(element.properties.start ?? 1) + at)))
  }
  const counts = {figure: 0, table: 0}
  chapters.forEach((elements, index) => {
    if (perChapter) counts.figure = counts.table = 0
    for (const element of elements) {
      const kind = element.properties.dataGalleyFigure as FigureKind | undefined
      if (kind === undefined) continue
      delete element.properties.dataGalleyFigure
      const caption = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption')
      if (!caption) continue
      const number = ++counts[kind]
      // A no-break space: a line never ends between the word and its number.
      const label = `${words[kind]}\u00a0${perChapter ? `${index + 1}.${number}` : number}`
      numbered.push({kind, id: String(element.properties.id), label, caption: toString(caption).replace(/\s+/g, ' ').trim()})
      caption.children.unshift(h('span.caption-label', `${label}.`), {type: 'text', value: ' '})
    }
  })
  const labels = new Map(numbered.map((entry) => [entry.id, entry.label]))
  for (const elements of chapters)
    for (const ref of elements.filter((element) => element.properties.dataGalleyRef !== undefined))
      wordReference(ref, {labels, byId, places}, words, medium)
  return (options.lists ?? []).flatMap((list) => {
    const kind: FigureKind = list === 'figures' ? 'figure' : 'table'
    const entries = numbered.filter((entry) => entry.kind === kind)
    return entries.length ? [listOf(kind, entries, words)] : []
  })
}

/**
 * A reference's words (`Figure 2.3`, `“The Storm”`, `note 4`), unless it has its own
 * (`:ref[the chart]{#harbour}`); in print, with the page template its page fills.
 */
function wordReference(
  ref: Element,
  {labels, byId, places}: {labels: Map<string, string>; byId: Map<string, Element>; places: Map<Element, number>},
  words: ReferenceWording,
  medium: string
): void {
  const kind = ref.properties.dataGalleyRef as TargetKind
  delete ref.properties.dataGalleyRef
  const id = String(ref.properties.href).slice(1)
  const target = byId.get(id)
  const label =
    kind === 'heading'
      ? words.heading.replace('{title}', target ? headingText(target) : id)
      : kind === 'note'
        ? words.note.replace('{number}', String((target && places.get(target)) ?? '?'))
        : (labels.get(id) ?? words[kind])
  const own = toString(ref).trim() !== ''
  const text: ElementContent[] = own ? ref.children : [{type: 'text', value: label}]
  if (medium !== 'print') {
    ref.children = text
    return
  }
  // The template's side that holds the page is refilled after each print; the other is fixed.
  const [before = '', after = ''] = (kind === 'heading' ? words.titledPage : words.numberedPage).split('{label}')
  const slot = (template: string) => (template.includes('{page}') ? [h('span.page-ref', {dataPageOf: id, dataPageText: template})] : [])
  const fixed = (template: string): ElementContent[] => (template && !template.includes('{page}') ? [{type: 'text', value: template}] : [])
  ref.children = [...fixed(before), ...slot(before), ...text, ...fixed(after), ...slot(after)]
}

function listOf(kind: FigureKind, entries: Numbered[], words: ReferenceWording): Element {
  const title = `${kind}-list-title`
  return h(`nav.toc.${kind}-list`, {ariaLabelledBy: title}, [
    h('h2', {id: title}, kind === 'figure' ? words.figureList : words.tableList),
    h(
      'ol',
      entries.map((entry) => h('li', [h('a', {href: `#${entry.id}`}, `${entry.label}. ${entry.caption}`), ' ', h('span.toc-page')]))
    )
  ])
}
