// The editions' look beyond the built-in styles: the theme, the body and heading typefaces, the
// base size and leading, and the project's own CSS files, as one stylesheet appended after
// styles/. Fonts go in as data: URLs, like the built-in one, so an edition stays one file.
import {readFileSync, realpathSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {Root} from 'hast'
import {h} from 'hastscript'
import {GalleyError} from '../errors.ts'
import {isInside} from '../fs/inside.ts'
import {elementsOf} from './elements.ts'
import type {EditionSettings} from './settings.ts'

type Typeface = NonNullable<EditionSettings['fonts']['body']>

/** The faces a text needs: body, semibold headings, bold, italic (bold italic is synthesised). */
const faces = [
  {weight: 400, style: 'normal'},
  {weight: 600, style: 'normal'},
  {weight: 700, style: 'normal'},
  {weight: 400, style: 'italic'}
] as const

/** Latin and Latin Extended cover English and the diacritics of transliterated names. */
const subsets = ['latin', 'latin-ext']

/** A theme's typefaces, where it has its own. */
const themeFonts: Record<EditionSettings['theme'], {body?: Typeface; headings?: Typeface}> = {
  classic: {},
  report: {body: '@fontsource/source-sans-3', headings: '@fontsource/source-sans-3'}
}

/** A CSS file of the project is a stylesheet, not a book: more than this is refused. */
const maxCssBytes = 1024 * 1024

/** The stylesheet for `edition`, whose paths are relative to `base` (the config's folder); empty for the defaults. */
export function themeCss(edition: EditionSettings, base: string): string {
  const parts: string[] = []
  if (edition.theme !== 'classic') parts.push(readFileSync(new URL(`../../styles/themes/${edition.theme}.css`, import.meta.url), 'utf8'))
  const body = edition.fonts.body ?? themeFonts[edition.theme].body
  const headings = edition.fonts.headings ?? themeFonts[edition.theme].headings
  const families = new Map<string, string>()
  for (const typeface of [body, headings]) {
    if (typeface === undefined) continue
    const key = JSON.stringify(typeface)
    if (families.has(key)) continue
    const {family, generic, css} = fontFaces(typeface, base)
    families.set(key, `${cssString(family)}, ${generic}`)
    parts.push(css)
  }
  const family = (typeface: Typeface | undefined) => typeface && families.get(JSON.stringify(typeface))
  if (body) {
    parts.push(
      `html, .title-block, .half-title { font-family: ${family(body)}; }`,
      `@page { @top-left { font-family: ${family(body)}; } @top-right { font-family: ${family(body)}; } @bottom-left { font-family: ${family(body)}; } @bottom-center { font-family: ${family(body)}; } @bottom-right { font-family: ${family(body)}; } }`
    )
  }
  // A new body face alone leaves the headings in the built-in one, rather than in the body's.
  const headingFamily = headings ? family(headings) : body ? "'Source Serif 4', serif" : undefined
  if (headingFamily) parts.push(`h1, h2, h3, h4, h5, h6, .title-block .title, .half-title .title { font-family: ${headingFamily}; }`)
  if (edition.fontSize) parts.push(`html { font-size: ${edition.fontSize}; }`)
  if (edition.lineHeight) parts.push(`html { line-height: ${edition.lineHeight}; }`)
  for (const file of edition.css) parts.push(projectFile(file, base, 'edition.css').toString('utf8'))
  return parts.join('\n')
}

/** Add `css` at the end of the page's head, after the built-in styles. */
export function appendTheme(tree: Root, css: string): Root {
  if (!css) return tree
  const head = elementsOf(tree).find((element) => element.tagName === 'head')
  // A style element's text is raw: `</style` inside it would end it and let the rest be HTML.
  head?.children.push(h('style', css.replace(/<\/(style)/gi, '<\\/$1')))
  return tree
}

interface Faces {
  family: string
  /** The generic family to fall back on for a missing glyph. */
  generic: string
  css: string
}

function fontFaces(typeface: Typeface, base: string): Faces {
  if (typeof typeface === 'string') return fontsourceFaces(typeface, base)
  const css = typeface.files.map((file) => {
    const data = projectFile(file.path, base, 'edition.fonts')
    const format = path.extname(file.path).slice(1).toLowerCase()
    return fontFace(typeface.family, file.weight, file.style, `data:font/${format};base64,${data.toString('base64')}`, format)
  })
  return {family: typeface.family, generic: 'serif', css: css.join('\n')}
}

/**
 * A `@fontsource` package's faces: from the project's own packages first, then Galley's. The
 * name is a plain package name (the schema holds it to one), so it cannot point elsewhere.
 */
function fontsourceFaces(name: string, base: string): Faces {
  const resolve = (from: string) => {
    try {
      return path.dirname(createRequire(from).resolve(`${name}/metadata.json`))
    } catch {
      return undefined
    }
  }
  const folder = resolve(path.join(base, 'package.json')) ?? resolve(import.meta.url)
  if (!folder) throw new GalleyError('edition.fonts', `${name} is not installed; install it in the project (npm install ${name})`)
  const metadata = JSON.parse(readFileSync(path.join(folder, 'metadata.json'), 'utf8')) as {id: string; family: string; category?: string}
  const ranges = JSON.parse(readFileSync(path.join(folder, 'unicode.json'), 'utf8')) as Record<string, string>
  const css = faces.flatMap((face) =>
    subsets.flatMap((subset) => {
      let data: Buffer
      try {
        data = readFileSync(path.join(folder, 'files', `${metadata.id}-${subset}-${face.weight}-${face.style}.woff2`))
      } catch {
        // A family without this weight, style or subset: the browser makes do, as it does for bold italic.
        return []
      }
      return [
        fontFace(metadata.family, face.weight, face.style, `data:font/woff2;base64,${data.toString('base64')}`, 'woff2', ranges[subset])
      ]
    })
  )
  if (css.length === 0) throw new GalleyError('edition.fonts', `${name} has no regular, semibold, bold or italic face in woff2`)
  const generic = ['serif', 'sans-serif', 'monospace'].includes(metadata.category ?? '') ? metadata.category! : 'serif'
  return {family: metadata.family, generic, css: css.join('\n')}
}

const formats: Record<string, string> = {woff2: 'woff2', woff: 'woff', ttf: 'truetype', otf: 'opentype'}

function fontFace(family: string, weight: number, style: string, url: string, format: string, range?: string): string {
  return [
    '@font-face {',
    `  font-family: ${cssString(family)};`,
    `  font-style: ${style};`,
    `  font-weight: ${weight};`,
    '  font-display: block;',
    `  src: url(${url}) format('${formats[format] ?? format}');`,
    range ? `  unicode-range: ${range};` : '',
    '}'
  ]
    .filter(Boolean)
    .join('\n')
}

/**
 * A file the config names: it may come with a pull request, so it must be a file inside the
 * project (links resolved), and small.
 */
function projectFile(file: string, base: string, key: string): Buffer {
  const target = path.resolve(base, file)
  let real: string
  try {
    real = realpathSync(target)
  } catch {
    throw new GalleyError(file, `${key}: no such file`)
  }
  if (!isInside(real, realpathSync(base))) throw new GalleyError(file, `${key}: the file is outside the project folder`)
  const info = statSync(real)
  const size = info.size
  if (!info.isFile()) throw new GalleyError(file, `${key}: expected a file`)
  if (size > maxCssBytes * 16) throw new GalleyError(file, `${key}: ${Math.round(size / 1024 / 1024)} MB is over the limit of 16 MB`)
  if (key === 'edition.css' && size > maxCssBytes)
    throw new GalleyError(file, `${key}: ${Math.round(size / 1024)} KB is over the limit of 1 MB`)
  return readFileSync(real)
}

/** A CSS string that cannot end the string. */
function cssString(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`
}
