// Every page number the print edition states about itself: the contents' and the lists' entries
// and the cross-references' `(p. 41)`. Chromium has no `target-counter()`, so each is a slot
// whose text the printing loop (print.ts) fills from where the last print put its target.
import type {Element, Root} from 'hast'
import {classesOf, elementsOf} from './elements.ts'

export interface PageRef {
  /** The id of what it names, whose page the print's named destinations tell. */
  target: string
  /** The id of the element whose text carries the page. */
  slot: string
  /** The slot's text for the target's folio. */
  text(folio: number): string
}

/**
 * The page references of `tree`, each slot given an id. An entry of a `nav.toc` (the contents,
 * a list of figures) links to its target and holds a `.toc-page`; a cross-reference's slot says
 * what it points at and how its page reads (`data-page-of`, `data-page-text`).
 */
export function pageRefsOf(tree: Root): PageRef[] {
  const taken = new Set(elementsOf(tree).map((element) => String(element.properties.id ?? '')))
  const found: Array<{target: string; element: Element; template: string}> = []
  for (const nav of elementsOf(tree).filter((element) => element.tagName === 'nav' && classesOf(element).includes('toc'))) {
    for (const item of elementsOf(nav).filter((element) => element.tagName === 'li')) {
      const link = elementsOf(item).find((element) => element.tagName === 'a')
      const number = elementsOf(item).find((element) => classesOf(element).includes('toc-page'))
      const href = String(link?.properties.href ?? '')
      if (href.startsWith('#') && number) found.push({target: decodeURIComponent(href.slice(1)), element: number, template: '{page}'})
    }
  }
  for (const element of elementsOf(tree)) {
    const {dataPageOf, dataPageText} = element.properties
    if (dataPageOf === undefined || dataPageText === undefined) continue
    delete element.properties.dataPageOf
    delete element.properties.dataPageText
    const template = String(dataPageText)
    // Room for three figures in the first print, which lays the text out (and the notes at the
    // foot cut it into pages) before the pages are known: a real number takes no more room.
    element.children = [{type: 'text', value: fill(template, '000')}]
    found.push({target: String(dataPageOf), element, template})
  }
  let next = 1
  return found.map(({target, element, template}) => {
    let slot = `page-ref-${next++}`
    while (taken.has(slot)) slot = `page-ref-${next++}`
    element.properties.id = slot
    return {target, slot, text: (folio) => fill(template, String(folio))}
  })
}

function fill(template: string, page: string): string {
  return template.replaceAll('{page}', page)
}
