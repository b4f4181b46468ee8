// The editions' typeface, Source Serif 4, as @font-face rules with the woff2 files inline,
// so an edition is one file that looks the same offline, in any browser and in the PDF.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)

/** Latin and Latin Extended cover English and the diacritics of transliterated names. */
const subsets = ['latin', 'latin-ext'] as const

/** Body, semibold headings, bold and italic; bold italic is rare enough to be synthesised. */
const faces = [
  {weight: 400, style: 'normal'},
  {weight: 600, style: 'normal'},
  {weight: 700, style: 'normal'},
  {weight: 400, style: 'italic'}
] as const

let memo: string | undefined

export function fontFaceCss(): string {
  memo ??= faces.flatMap((face) => subsets.map((subset) => fontFace(subset, face.weight, face.style))).join('\n')
  return memo
}

function fontFace(subset: (typeof subsets)[number], weight: number, style: string): string {
  const ranges = require('@fontsource/source-serif-4/unicode.json') as Record<string, string>
  const file = require.resolve(`@fontsource/source-serif-4/files/source-serif-4-${subset}-${weight}-${style}.woff2`)
  const data = readFileSync(file).toString('base64')
  return [
    '@font-face {',
    "  font-family: 'Source Serif 4';",
    `  font-style: ${style};`,
    `  font-weight: ${weight};`,
    // The font is already in the file: no reason to show a fallback first.
    '  font-display: block;',
    `  src: url(data:font/woff2;base64,${data}) format('woff2');`,
    `  unicode-range: ${ranges[subset]};`,
    '}'
  ].join('\n')
}
