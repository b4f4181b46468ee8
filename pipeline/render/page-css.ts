// The page rules that change with the config and the manuscript: trim size, bleed, margins, text
// size and running heads. What every print edition shares is in styles/print.css.
import type {Root} from 'hast'
import {fullBleed} from './directives.ts'
import {chapterSections, classesOf, elementsOf} from './elements.ts'
import {bookLayoutOf, type EditionSettings} from './settings.ts'

/**
 * Trim sizes, their margins (top, sides, bottom: a deeper foot, as books have) and a text size
 * that keeps lines near 70–85 characters.
 */
const presets = {
  A4: {size: '210mm 297mm', margin: '25mm 35mm 32mm', facing: '25mm 30mm 32mm 40mm', fontSize: '11pt'},
  A5: {size: '148mm 210mm', margin: '17mm 18mm 22mm', facing: '17mm 15mm 22mm 21mm', fontSize: '10pt'},
  letter: {size: '8.5in 11in', margin: '1in 1.3in 1.25in', facing: '1in 1.1in 1.25in 1.5in', fontSize: '11pt'},
  // Facing pages keep the single page's measure, with more of it in the gutter (the
  // binding takes some) and less at the outer edge.
  book: {size: '6in 9in', margin: '0.7in 0.75in 0.85in', facing: '0.7in 0.625in 0.85in 0.875in', fontSize: '10.5pt'}
} as const

interface Chapter {
  id: string
  title?: string
}

/**
 * Trim size and margins, and one named page per chapter of `tree` whose margin boxes carry the
 * book's and the chapter's title. (Chromium matches `@page name:first` only on the document's
 * first page, so a chapter's opening page carries its running head; the finishing takes it off
 * where the layout wants none.)
 */
export function pageCss(edition: EditionSettings, tree: Root, title: string | undefined): string {
  const layout = bookLayoutOf(edition)
  const preset = typeof edition.pageSize === 'string' ? presets[edition.pageSize] : undefined
  const {size, margin, recto, verso} = printedGeometry(edition)
  const rules = [`@page { size: ${size}; margin: ${margin}; }`]
  // Mirrored margins: the shorthand's right is the outer edge, its left the gutter.
  if (layout.facingPages) rules.push(`@page :left { margin: ${verso}; }`, `@page :right { margin: ${recto}; }`)
  const fontSize = edition.fontSize ?? preset?.fontSize
  if (fontSize) rules.push(`html { font-size: ${fontSize}; }`)
  if (edition.justify ?? edition.theme === 'classic') rules.push('.edition { text-align: justify; }')
  const chapters = chaptersOf(tree)
  const book = title && cssString(title)
  for (const chapter of chapters) {
    const own = chapter.title && chapter.title !== title ? cssString(chapter.title) : undefined
    rules.push(`#${chapter.id} { page: ${chapter.id}; }`)
    if (layout.facingPages) {
      // The book's title over the verso, the chapter's over the recto, folios at the outer edge.
      rules.push(
        `@page ${chapter.id}:left { ${book ? `@top-left { content: ${book}; }` : ''} @bottom-left { content: counter(page); } }`,
        `@page ${chapter.id}:right { ${(own ?? book) ? `@top-right { content: ${own ?? book}; }` : ''} @bottom-right { content: counter(page); } }`
      )
    } else {
      const heads = [book && `@top-left { content: ${book}; }`, own && `@top-right { content: ${own}; }`]
      rules.push(`@page ${chapter.id} { ${heads.filter(Boolean).join(' ')} }`)
    }
  }
  if (layout.facingPages) rules.push('@page { @bottom-center { content: none; } }')
  // A blank verso before a chapter that would open on the left: no head, no folio.
  rules.push('.blank-page { page: blank; }', '@page blank { @bottom-center { content: none; } }')
  if (layout.frontMatter) {
    // Front matter carries no folio. A page counter reset on a page is that page's own, so
    // front pages do not count: chapter 1 is page 1, and the PDF's labels number the front in
    // roman. After the blank-page rule, so that a blank in the front matter is one of its pages.
    rules.push('.front-matter, nav.toc { page: front; }', '@page front { counter-reset: page 0; @bottom-center { content: none; } }')
  }
  // A change of named page forces a new page: the colophon stays on the last chapter's.
  const last = chapters.at(-1)
  if (last) rules.push(`.colophon { page: ${last.id}; }`)
  if (elementsOf(tree).some((element) => classesOf(element).includes(fullBleed))) rules.push(fullBleedFigure(edition))
  return rules.join('\n')
}

/**
 * The page as the browser prints it, with the margins of a right-hand page and of a mirrored
 * left-hand one. With a bleed, the page box is the trim and the bleed around it, and every
 * margin grows by the bleed: the page area, and all that is set on it or in its margins, stays
 * where it was on the trim, which the finishing marks with the TrimBox. Without one, the page
 * rules are as they always were.
 */
function printedGeometry(edition: EditionSettings): {size: string; margin: string; recto: string; verso: string} {
  const geometry = geometryOf(edition)
  const [top, right = top, bottom = top, left = right] = geometry.margin.split(/\s+/)
  const bleed = printedBleed(edition)
  if (bleed === 0) return {...geometry, recto: `${top} ${right} ${bottom} ${left}`, verso: `${top} ${left} ${bottom} ${right}`}
  const grow = (length: string | undefined, by = bleed) => `calc(${length} + ${by}pt)`
  const [width, height] = geometry.size.split(/\s+/)
  const margins = (near: string | undefined, far: string | undefined) => [top, far, bottom, near].map((side) => grow(side)).join(' ')
  return {
    size: `${grow(width, 2 * bleed)} ${grow(height, 2 * bleed)}`,
    margin: margins(left, right),
    recto: margins(left, right),
    verso: margins(right, left)
  }
}

/**
 * The bleed the browser prints, in points: the configured one rounded up to whole 3 pt. Chromium
 * rounds the page's margins to whole pixels (0.75 pt) and its size to 300ths of an inch (0.24 pt);
 * margins grown by 3 pt (4 px) and a page by twice that (1/12 in) round as they do without a
 * bleed, so the text block stays where it was to a thousandth of a point. 1/8 in is 9 pt; 3 mm
 * prints as 9 pt, and the finishing's BleedBox is the configured 3 mm.
 */
export function printedBleed(edition: EditionSettings): number {
  const bleed = pointsOf(edition.bleed)
  return bleed === 0 ? 0 : Math.ceil(bleed / 3 - 1e-9) * 3
}

/** The trim size in points. */
export function trimSize(edition: EditionSettings): {width: number; height: number} {
  const [width, height] = geometryOf(edition).size.split(/\s+/).map(pointsOf) as [number, number]
  return {width, height}
}

/**
 * A full-bleed figure (styles/print.css) is as tall as the printed page, and its caption lies over
 * the picture inside the text block: at its foot, and as far from either edge as the wider of
 * the side margins, so that it stays inside on a verso and on a recto.
 */
function fullBleedFigure(edition: EditionSettings): string {
  const bleed = printedBleed(edition)
  const [, right, bottom, left] = sidesOf(geometryOf(edition).margin)
  const [, height] = geometryOf(edition).size.split(/\s+/)
  const points = (value: number) => `${Number(value.toFixed(3))}pt`
  return [
    // After the margins: Chromium weighs a named page no more than `:left` and `:right`, so the later rule wins.
    '@page galley-full-bleed { margin: 0; }',
    `figure.${fullBleed} { height: ${bleed ? `calc(${height} + ${2 * bleed}pt)` : height}; --galley-foot: ${points(bottom + bleed)}; --galley-side: ${points(Math.max(left, right) + bleed)}; }`
  ].join('\n')
}

function geometryOf(edition: EditionSettings): {size: string; margin: string} {
  const preset = typeof edition.pageSize === 'string' ? presets[edition.pageSize] : undefined
  const size = preset?.size ?? (typeof edition.pageSize === 'string' ? '' : `${edition.pageSize.width} ${edition.pageSize.height}`)
  const margin =
    edition.margin === 'auto' ? ((bookLayoutOf(edition).facingPages ? preset?.facing : preset?.margin) ?? '20mm') : edition.margin
  return {size, margin}
}

/** The page area, where the text goes, as CSS lengths: the page box less its margins (mirrored ones sum the same). */
export function pageArea(edition: EditionSettings): {width: string; height: string} {
  const {size, margin} = geometryOf(edition)
  const [width, height] = size.split(/\s+/)
  const [top, right = top, bottom = top, left = right] = margin.split(/\s+/)
  return {width: `calc(${width} - ${left} - ${right})`, height: `calc(${height} - ${top} - ${bottom})`}
}

const points: Record<string, number> = {mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pt: 1, pc: 12, px: 0.75}

type Sides = [top: number, right: number, bottom: number, left: number]

/**
 * The margins in points of a right-hand page and of a left-hand one, as the page rules set
 * them (the same on both without facing pages): where the text block lies on the trim.
 */
export function pageMargins(edition: EditionSettings): {recto: Sides; verso: Sides} {
  const [top, right, bottom, left] = sidesOf(geometryOf(edition).margin)
  const recto: Sides = [top, right, bottom, left]
  return {recto, verso: bookLayoutOf(edition).facingPages ? [top, left, bottom, right] : recto}
}

/** The four sides of the `margin` shorthand, in points. */
function sidesOf(margin: string): Sides {
  const [top, right = top, bottom = top, left = right] = margin.split(/\s+/).map(pointsOf) as [number, ...number[]]
  return [top, right, bottom, left]
}

/** An absolute CSS length (the schema allows no other) in points. */
export function pointsOf(length: string): number {
  const [, value, unit] = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(length) ?? []
  return Number(value) * (points[unit ?? ''] ?? Number.NaN)
}

/** Only chapters whose id is a CSS identifier as it stands can name a page. */
function chaptersOf(tree: Root): Chapter[] {
  return chapterSections(tree)
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
