// What opens on a right-hand page (edition.openRight): the title page, the dedication, the
// contents and every chapter. Chromium prints `break-before: right` as a plain page break, so
// each such element gets a blank page before it, hidden; a print shows where the element
// falls, and the blanks that put every one on an odd page are shown for the next print.
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import {classesOf, elementsOf} from './elements.ts'

export interface Recto {
  /** The element's id. */
  id: string
  /** The id of the blank page before it. */
  blank: string
  chapter: boolean
}

const opensRight = (element: Element) =>
  (element.tagName === 'header' && classesOf(element).includes('title-block')) ||
  (element.tagName === 'section' && classesOf(element).some((name) => name === 'dedication' || name === 'chapter')) ||
  (element.tagName === 'nav' && classesOf(element).includes('toc'))

/** Give each element that opens on a recto an id, if it has none, and a hidden blank page before it. */
export function prepareRectos(tree: Root): Recto[] {
  const taken = new Set(elementsOf(tree).map((element) => String(element.properties.id ?? '')))
  const fresh = (stem: string) => {
    let id = stem
    for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`
    taken.add(id)
    return id
  }
  const rectos: Recto[] = []
  const visit = (parent: Root | Element) => {
    for (let index = 0; index < parent.children.length; index++) {
      const child = parent.children[index]!
      if (child.type !== 'element') continue
      if (!opensRight(child)) {
        visit(child)
        continue
      }
      const id = child.properties.id ? String(child.properties.id) : (child.properties.id = fresh('galley-recto'))
      const blank = fresh(`galley-blank-${id}`)
      // Blanks up to the first chapter are front matter, numbered with it (page-css.ts).
      const front = !classesOf(child).includes('chapter') || !rectos.some((recto) => recto.chapter)
      parent.children.splice(
        index,
        0,
        h('div.blank-page', {id: blank, hidden: true, ariaHidden: 'true', className: front ? ['front-matter'] : []})
      )
      index++
      rectos.push({id, blank, chapter: classesOf(child).includes('chapter')})
    }
  }
  visit(tree)
  return rectos
}

/**
 * Empty links to `ids` at the start of the first element of the book: the browser writes a named
 * destination for every element a link points to, and that is how a print tells their pages.
 */
export function addProbes(tree: Root, ids: string[]): void {
  const article = elementsOf(tree).find((element) => classesOf(element).includes('edition'))
  const first = article?.children.find((child): child is Element => child.type === 'element' && !classesOf(child).includes('blank-page'))
  if (!first || ids.length === 0) return
  first.children.unshift(
    h(
      'span.page-probes',
      {ariaHidden: 'true'},
      ids.map((id) => h('a', {href: `#${id}`}))
    )
  )
}

export interface BlankPlan {
  /** The blank pages to show. */
  blanks: Set<string>
  /** A page of the print planned from, as it will be in the next. */
  move(page: number): number
}

/**
 * Which blanks put every recto on an odd page, from a print with `shown` blanks where each
 * recto starts on `starts`: the pages without blanks first, then a blank wherever a recto
 * would land on an even page, counting those put before it.
 */
export function planBlanks(rectos: Recto[], starts: Map<string, number>, shown: Set<string>): BlankPlan {
  const bare = (page: number) => page - rectos.filter((recto) => shown.has(recto.blank) && starts.get(recto.id)! <= page).length
  const blanks = new Set<string>()
  const shifts: Array<{from: number; shift: number}> = []
  for (const recto of rectos) {
    const page = bare(starts.get(recto.id)!)
    if ((page + blanks.size) % 2 === 0) blanks.add(recto.blank)
    shifts.push({from: page, shift: blanks.size})
  }
  return {
    blanks,
    move(page) {
      const base = bare(page)
      // The shift of the last recto at or before the page (rectos are in page order).
      let shift = 0
      for (const step of shifts) if (step.from <= base) shift = step.shift
      return base + shift
    }
  }
}
