// The editions' typefaces as @font-face rules with the font files inline, so an edition is one
// file that looks the same offline, in any browser and in the PDF: Source Serif 4, built in,
// and any `@fontsource` package or font file a theme names (theme.ts).
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/** Latin and Latin Extended cover English and the diacritics of transliterated names. */
const subsets = ['latin', 'latin-ext']

/** Body, semibold headings, bold and italic; bold italic is rare enough to be synthesised. */
const faces = [
  {weight: 400, style: 'normal'},
  {weight: 600, style: 'normal'},
  {weight: 700, style: 'normal'},
  {weight: 400, style: 'italic'}
] as const

export interface Faces {
  family: string
  /** The generic family to fall back on for a missing glyph. */
  generic: string
  /** The @font-face rules; empty when the package has none of the faces. */
  css: string
}

let memo: string | undefined

/** Source Serif 4, the built-in typeface. */
export function fontFaceCss(): string {
  memo ??= fontsourceFaces(path.dirname(require.resolve('@fontsource/source-serif-4/metadata.json'))).css
  return memo
}

/** The faces of the `@fontsource` package in `folder`, as woff2; a face the package lacks is left to the browser. */
export function fontsourceFaces(folder: string): Faces {
  const metadata = JSON.parse(readFileSync(path.join(folder, 'metadata.json'), 'utf8')) as {id: string; family: string; category?: string}
  const ranges = JSON.parse(readFileSync(path.join(folder, 'unicode.json'), 'utf8')) as Record<string, string>
  const css = faces.flatMap((face) =>
    subsets.flatMap((subset) => {
      let data: Buffer
      try {
        data = readFileSync(path.join(folder, 'files', `${metadata.id}-${subset}-${face.weight}-${face.style}.woff2`))
      } catch {
        return []
      }
      return [fontFace(metadata.family, face, `data:font/woff2;base64,${data.toString('base64')}`, 'woff2', ranges[subset])]
    })
  )
  const generic = ['serif', 'sans-serif', 'monospace'].includes(metadata.category ?? '') ? metadata.category! : 'serif'
  return {family: metadata.family, generic, css: css.join('\n')}
}

const formats: Record<string, string> = {woff2: 'woff2', woff: 'woff', ttf: 'truetype', otf: 'opentype'}

/** One @font-face rule; `extension` is the file's (woff2, woff, ttf, otf). */
export function fontFace(family: string, face: {weight: number; style: string}, url: string, extension: string, range?: string): string {
  return [
    '@font-face {',
    `  font-family: ${cssString(family)};`,
    `  font-style: ${face.style};`,
    `  font-weight: ${face.weight};`,
    // The font is already in the file: no reason to show a fallback first.
    '  font-display: block;',
    `  src: url(${url}) format('${formats[extension] ?? extension}');`,
    range ? `  unicode-range: ${range};` : '',
    '}'
  ]
    .filter(Boolean)
    .join('\n')
}

/** A CSS string that cannot end the string. */
export function cssString(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`
}
