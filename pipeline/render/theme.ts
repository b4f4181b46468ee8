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
import {cssString, fontFace, fontsourceFaces, type Faces} from './fonts.ts'
import type {EditionSettings} from './settings.ts'

type Typeface = NonNullable<EditionSettings['fonts']['body']>

/** A theme's typefaces, where it has its own. */
const themeFonts: Record<EditionSettings['theme'], {body?: Typeface; headings?: Typeface}> = {
  classic: {},
  report: {body: '@fontsource/source-sans-3', headings: '@fontsource/source-sans-3'}
}

/** A CSS file of the project is a stylesheet, not a book; a font file, one face of a typeface. */
const maxCssBytes = 1024 * 1024
const maxFontBytes = 16 * 1024 * 1024

const kilobytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`)

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
      // The margin boxes inherit the page's font (styles/print.css).
      `@page { font-family: ${family(body)}; }`
    )
  }
  // A new body face alone leaves the headings in the built-in one, rather than in the body's.
  const headingFamily = headings ? family(headings) : body ? "'Source Serif 4', serif" : undefined
  if (headingFamily) parts.push(`h1, h2, h3, h4, h5, h6, .title-block .title, .half-title .title { font-family: ${headingFamily}; }`)
  if (edition.fontSize) parts.push(`html { font-size: ${edition.fontSize}; }`)
  if (edition.lineHeight) parts.push(`html { line-height: ${edition.lineHeight}; }`)
  for (const file of edition.css) parts.push(projectFile(file, base, 'edition.css', maxCssBytes).toString('utf8'))
  return parts.join('\n')
}

/** The type families an edition asks for: the built-in one, the theme's and the config's (a package or a family). */
export function typefacesOf(edition: EditionSettings): string[] {
  const typefaces = [edition.fonts.body, edition.fonts.headings, themeFonts[edition.theme].body, themeFonts[edition.theme].headings]
  const names = typefaces.flatMap((typeface) => (typeface === undefined ? [] : [typeof typeface === 'string' ? typeface : typeface.family]))
  return [...new Set(['Source Serif 4', ...names])]
}

/** Add `css` at the end of the page's head, after the built-in styles. */
export function appendTheme(tree: Root, css: string): Root {
  if (!css) return tree
  const head = elementsOf(tree).find((element) => element.tagName === 'head')
  // A style element's text is raw: `</style` inside it would end it and let the rest be HTML.
  head?.children.push(h('style', css.replace(/<\/(style)/gi, '<\\/$1')))
  return tree
}

function fontFaces(typeface: Typeface, base: string): Faces {
  if (typeof typeface === 'string') return packageFaces(typeface, base)
  const css = typeface.files.map((file) => {
    const data = projectFile(file.path, base, 'edition.fonts', maxFontBytes)
    const extension = path.extname(file.path).slice(1).toLowerCase()
    return fontFace(typeface.family, file, `data:font/${extension};base64,${data.toString('base64')}`, extension)
  })
  return {family: typeface.family, generic: 'serif', css: css.join('\n')}
}

/**
 * A `@fontsource` package's faces: from the project's own packages first, then Galley's. The
 * name is a plain package name (the schema holds it to one), so it cannot point elsewhere.
 */
function packageFaces(name: string, base: string): Faces {
  const resolve = (from: string) => {
    try {
      return path.dirname(createRequire(from).resolve(`${name}/metadata.json`))
    } catch {
      return undefined
    }
  }
  const folder = resolve(path.join(base, 'package.json')) ?? resolve(import.meta.url)
  if (!folder) throw new GalleyError('edition.fonts', `${name} is not installed; install it in the project (npm install ${name})`)
  const faces = fontsourceFaces(folder)
  if (!faces.css) throw new GalleyError('edition.fonts', `${name} has no regular, semibold, bold or italic face in woff2`)
  return faces
}

/**
 * A file the config names: it may come with a pull request, so it must be a file inside the
 * project (links resolved), and small.
 */
function projectFile(file: string, base: string, key: string, limit: number): Buffer {
  const target = path.resolve(base, file)
  let real: string
  try {
    real = realpathSync(target)
  } catch {
    throw new GalleyError(file, `${key}: no such file`)
  }
  if (!isInside(real, realpathSync(base))) throw new GalleyError(file, `${key}: the file is outside the project folder`)
  const info = statSync(real)
  if (!info.isFile()) throw new GalleyError(file, `${key}: expected a file`)
  if (info.size > limit) throw new GalleyError(file, `${key}: ${kilobytes(info.size)} is over the limit of ${kilobytes(limit)}`)
  return readFileSync(real)
}
