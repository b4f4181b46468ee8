// Where a page puts the footnotes remark-rehype wrote at each chapter's end, and how they are
// numbered (edition.notes, edition.noteNumbering). At the foot of the page is the print's own
// work (notes-layout.ts); here the notes are renumbered through the book, or gathered into a
// Notes chapter at the book's end.
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {classesOf, elementsOf} from './elements.ts'

export interface NotesOptions {
  notes?: 'foot' | 'chapter-end' | 'book-end'
  noteNumbering?: 'chapter' | 'book'
}

interface Chapter {
  title: string
  tree: Root
}

/** The id of the Notes chapter at the book's end; the document claims it before any heading's. */
export const bookNotesId = 'book-notes'

/**
 * Renumbers the chapters' notes in place when they run through the book, and, for `book-end`,
 * takes each chapter's list out and returns the Notes chapter that holds them all.
 */
export function arrangeNotes(chapters: Chapter[], options: NotesOptions): {tree: Root; title: string} | undefined {
  let before = 0
  const gathered: ElementContent[] = []
  for (const chapter of chapters) {
    const section = chapter.tree.children.find(
      (node): node is Element => node.type === 'element' && node.tagName === 'section' && classesOf(node).includes('footnotes')
    )
    if (!section) continue
    const items = elementsOf(section).filter((element) => element.tagName === 'li')
    if (options.noteNumbering === 'book') {
      for (const [index, item] of items.entries()) item.properties.value = String(before + index + 1)
      for (const call of elementsOf(chapter.tree).filter((element) => element.properties.dataFootnoteRef !== undefined))
        call.children = [{type: 'text', value: String(before + Number(textOf(call)))}]
    }
    before += items.length
    if (options.notes !== 'book-end') continue
    chapter.tree.children.splice(chapter.tree.children.indexOf(section), 1)
    const list = elementsOf(section).find((element) => element.tagName === 'ol')
    if (list) gathered.push(h('h2.notes-chapter', chapter.title), list)
  }
  if (gathered.length === 0) return undefined
  return {title: 'Notes', tree: {type: 'root', children: [h('h1', 'Notes'), h('section.footnotes.book-end', gathered)]}}
}

function textOf(element: Element): string {
  return element.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')
}
