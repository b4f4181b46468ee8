// Reading the edition's hast by element and class: what the document, the page rules and the
// printing loop each look up (chapters, the contents, headings and their words).
import type {Element, ElementContent, Root, RootContent} from 'hast'

/** Every element below `node`, in document order. */
export function elementsOf(node: Root | Element): Element[] {
  const found: Element[] = []
  const visit = (children: Array<RootContent | ElementContent>) => {
    for (const child of children) {
      if (child.type !== 'element') continue
      found.push(child)
      visit(child.children)
    }
  }
  visit(node.children)
  return found
}

/** An element's classes, whether hastscript gave them as a list or raw HTML as a string. */
export function classesOf(element: Element): string[] {
  const className = element.properties.className
  return Array.isArray(className) ? className.map(String) : String(className ?? '').split(/\s+/)
}

/** Depth-first over elements, children before later siblings; the visitor may splice its parent. */
export function walk(node: Root | Element, ancestors: Element[], visit: (element: Element, ancestors: Element[]) => void): void {
  const lineage = node.type === 'element' ? [...ancestors, node] : ancestors
  for (const child of [...node.children] as Array<RootContent | ElementContent>) {
    if (child.type !== 'element') continue
    visit(child, lineage)
    if ((node.children as Array<RootContent | ElementContent>).includes(child)) walk(child, lineage, visit)
  }
}

/** The chapters of an edition tree: its `section.chapter` elements, in order. */
export function chapterSections(node: Root | Element): Element[] {
  return elementsOf(node).filter((element) => element.tagName === 'section' && classesOf(element).includes('chapter'))
}

/** A heading's words without its footnote marks, which mean nothing in the contents or a reference. */
export function headingText(heading: Element): string {
  const words = (node: Element): string =>
    node.children
      .map((child) => (child.type === 'text' ? child.value : child.type === 'element' && child.tagName !== 'sup' ? words(child) : ''))
      .join('')
  return words(heading).replace(/\s+/g, ' ').trim()
}
