// The page rules that change with the config and the manuscript: trim size, margins, text size
// and running heads. What every print edition shares is in styles/print.css.
import type {Root} from 'hast'
import {classesOf, elementsOf} from './elements.ts'
import type {EditionSettings} from './settings.ts'

/**
 * Trim sizes, their margins (top, sides, bottom: a deeper foot, as books have) and a text size
 * that keeps lines near 70–85 characters.
 */
const presets = {
  A4: {size: '210mm 297mm', margin: '25mm 35mm 32mm', fontSize: '11pt'},
  A5: {size: '148mm 210mm', margin: '17mm 18mm 22mm', fontSize: '10pt'},
  letter: {size: '8.5in 11in', margin: '1in 1.3in 1.25in', fontSize: '11pt'},
  book: {size: '6in 9in', margin: '0.7in 0.75in 0.85in', fontSize: '10.5pt'}
} as const

interface Chapter {
  id: string
  title?: string
}

/**
 * Trim size and margins, and one named page per chapter of `tree` whose margin boxes carry the
 * book's and the chapter's title. (Chromium matches `@page name:first` only on the document's
 * first page, so a chapter's opening page carries its running head too.)
 */
export function pageCss(edition: EditionSettings, tree: Root, title: string | undefined): string {
  const preset = typeof edition.pageSize === 'string' ? presets[edition.pageSize] : undefined
  const size = preset?.size ?? (typeof edition.pageSize === 'string' ? '' : `${edition.pageSize.width} ${edition.pageSize.height}`)
  const margin = edition.margin === 'auto' ? (preset?.margin ?? '20mm') : edition.margin
  const rules = [`@page { size: ${size}; margin: ${margin}; }`]
  if (preset) rules.push(`html { font-size: ${preset.fontSize}; }`)
  if (edition.justify) rules.push('.edition { text-align: justify; }')
  const chapters = chaptersOf(tree)
  for (const chapter of chapters) {
    const heads = [title && `@top-left { content: ${cssString(title)}; }`]
    if (chapter.title && chapter.title !== title) heads.push(`@top-right { content: ${cssString(chapter.title)}; }`)
    rules.push(`#${chapter.id} { page: ${chapter.id}; }`, `@page ${chapter.id} { ${heads.filter(Boolean).join(' ')} }`)
  }
  // A change of named page forces a new page: the colophon stays on the last chapter's.
  const last = chapters.at(-1)
  if (last) rules.push(`.colophon { page: ${last.id}; }`)
  return rules.join('\n')
}

/** Only chapters whose id is a CSS identifier as it stands can name a page. */
function chaptersOf(tree: Root): Chapter[] {
  return elementsOf(tree)
    .filter((element) => element.tagName === 'section' && classesOf(element).includes('chapter'))
    .map((element) => ({id: String(element.properties.id ?? ''), title: element.properties.dataTitle?.toString()}))
    .filter((chapter) => /^[A-Za-z][\w-]*$/.test(chapter.id))
}

/** A CSS string that cannot end the string, nor the `<style>` element it sits in. */
function cssString(text: string): string {
  const short = text.length > 70 ? `${text.slice(0, 69).trimEnd()}…` : text
  return `"${short
    .replace(/[\\"]/g, '\\$&')
    .replace(/</g, '\\3C ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')}"`
}
