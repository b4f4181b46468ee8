// The editor's style sheet in an edition (`edition.styleSheet`): the sheet `galley stylesheet`
// makes, as hast, in the colophon or as a page of its own. It is built from the sheet's data,
// the same the Markdown and the JSON are written from; the checks make the data, render only
// lays it out.
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'

/** The sheet as the checks make it (`StyleSheet` of `galley stylesheet`), as much as an edition prints. */
export interface StyleSheetData {
  sections: Array<{
    title: string
    about?: string
    entries: Array<{term: string; count?: number; note?: string; exceptions?: string[]}>
  }>
}

export type StyleSheetPlace = 'colophon' | 'page'

/** The page's id, claimed before any heading's. */
export const styleSheetId = 'style-sheet'

export const styleSheetTitle = 'Style sheet'

/** Entries a section prints, as the Markdown sheet does: a book's names can run to thousands. */
const shownEntries = 200

/**
 * The sheet as a chapter after the others (`page`), with its title over it in the running
 * head, or as a section of the colophon; its sections' headings a level below its title.
 */
export function styleSheetElement(sheet: StyleSheetData, place: StyleSheetPlace): Element {
  const [title, section] = place === 'page' ? (['h1', 'h2'] as const) : (['h2', 'h3'] as const)
  const content: ElementContent[] = [h(title, styleSheetTitle)]
  for (const {title: heading, about, entries} of sheet.sections) {
    content.push(h(section, heading))
    if (about) content.push(h('p.style-sheet-about', withCode(about)))
    content.push(entries.length === 0 ? h('p', 'None.') : table(entries))
    if (entries.length > shownEntries) content.push(h('p', `And ${entries.length - shownEntries} more.`))
  }
  return place === 'page'
    ? h('section.chapter.style-sheet', {id: styleSheetId, dataTitle: styleSheetTitle}, content)
    : h('section.style-sheet', {ariaLabel: styleSheetTitle}, content)
}

function table(entries: StyleSheetData['sections'][number]['entries']): Element {
  return h('table', [
    h('thead', [h('tr', [h('th', 'Form'), h('th.count', 'Uses'), h('th', 'Notes'), h('th', 'Exceptions')])]),
    h(
      'tbody',
      entries.slice(0, shownEntries).map((entry) =>
        h('tr', [
          h('td', entry.term),
          h('td.count', entry.count === undefined ? '' : String(entry.count)),
          h('td', entry.note ? withCode(entry.note) : []),
          h(
            'td',
            (entry.exceptions ?? []).flatMap((place, index) => (index === 0 ? [h('code', place)] : [h('br'), h('code', place)]))
          )
        ])
      )
    )
  ])
}

/** The sheet's notes mark options and places as Markdown code: `` `words` ``. */
function withCode(text: string): ElementContent[] {
  return text.split('`').flatMap((part, index): ElementContent[] => {
    if (part === '') return []
    return [index % 2 === 1 ? h('code', part) : {type: 'text', value: part}]
  })
}

/** The page option of an edition that places the sheet, when there is a sheet to place. */
export function placedStyleSheet(
  place: StyleSheetPlace | false,
  sheet: StyleSheetData | undefined
): {place: StyleSheetPlace; sheet: StyleSheetData} | undefined {
  return place && sheet ? {place, sheet} : undefined
}
