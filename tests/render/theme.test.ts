// Themes: the report look, another @fontsource typeface, font files and CSS of the project, size
// and leading; printed by the real browser, the fonts read back from the PDF.
import {copyFile, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {openBrowser, type BrowserHandle} from '../../pipeline/render/browser.ts'
import {themeCss} from '../../pipeline/render/theme.ts'
import {editionSchema} from '../../pipeline/render/settings.ts'
import {inputOf, printPdf} from './print-input.ts'

const require = createRequire(import.meta.url)

/** Each page's text items with where they stand, as pdf.js reads them. */
async function linesOf(pdf: Uint8Array): Promise<Array<{text: string; y: number}>> {
  const doc = await getDocument({data: pdf.slice(), verbosity: 0}).promise
  const lines: Array<{text: string; y: number}> = []
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number)
    const content = await page.getTextContent()
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue
      lines.push({text: item.str, y: item.transform[5]})
    }
  }
  await doc.destroy()
  return lines
}

let browser: BrowserHandle
let project: string

beforeAll(async () => {
  browser = await openBrowser({})
  project = await mkdtemp(path.join(tmpdir(), 'galley-theme-'))
  await mkdir(path.join(project, 'book'))
  await mkdir(path.join(project, 'fonts'))
  await writeFile(
    path.join(project, 'book', 'a.md'),
    '---\ntitle: The Harbour\n---\n\n# The Harbour\n\nThe harbour master kept a ledger of every ship.\n'
  )
  const sans = path.dirname(require.resolve('@fontsource/source-sans-3/metadata.json'))
  await copyFile(path.join(sans, 'files', 'source-sans-3-latin-400-normal.woff2'), path.join(project, 'fonts', 'harbour.woff2'))
  await writeFile(path.join(project, 'house.css'), '.chapter p { letter-spacing: 0.02em; }\n')
})

afterAll(async () => {
  await browser?.close()
  if (project) await rm(project, {recursive: true, force: true})
})

/** The fonts the PDF embeds, by their names without the subset prefix. */
async function fontsOf(edition: Parameters<typeof inputOf>[1]): Promise<string[]> {
  const printed = await printPdf(await inputOf(path.join(project, 'book'), edition, project), {browser})
  return [...new Set(printed.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')))].sort()
}

describe('a theme', () => {
  test('by default sets everything in Source Serif 4', async () => {
    const fonts = await fontsOf({})
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) expect(font).toMatch(/^SourceSerif4-/)
  })

  test('report sets body and headings in Source Sans 3, and no Source Serif remains', async () => {
    // Fontsource's static faces are cut from the variable font, and keep its first instance's name.
    const fonts = await fontsOf({theme: 'report'})
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) expect(font).toMatch(/^SourceSans3/)
  })

  test('another @fontsource package for the body keeps the classic headings', async () => {
    const fonts = await fontsOf({fonts: {body: '@fontsource/source-sans-3'}})
    expect(fonts.some((font) => font.startsWith('SourceSans3'))).toBe(true)
    expect(fonts.some((font) => font.startsWith('SourceSerif4-'))).toBe(true)
  })

  test('a font file of the project is embedded under the family the config names', async () => {
    const edition = {fonts: {body: {family: 'Harbour Text', files: [{path: 'fonts/harbour.woff2'}]}}}
    const fonts = await fontsOf(edition)
    expect(fonts).toContain('SourceSans3ExtraLight-Regular')
    expect(themeCss(editionSchema.parse(edition), project)).toContain("font-family: 'Harbour Text', serif;")
  })

  test('size and leading set the text: a larger size and leading make lines further apart', async () => {
    const gap = async (edition: Parameters<typeof inputOf>[1]) => {
      const lines = (await linesOf((await printPdf(await inputOf(path.join(project, 'book'), edition, project), {browser})).pdf)).filter(
        (line) => !/^\d+$/.test(line.text)
      )
      return lines
    }
    const small = await gap({})
    const large = await gap({fontSize: '14pt', lineHeight: 2})
    const body = (lines: typeof small) => lines.find((line) => line.text.startsWith('The harbour master'))!
    // The paragraph sits lower under its heading: more leading and a larger size.
    const drop = (lines: typeof small) => lines.find((line) => line.text === 'The Harbour' && line.y > body(lines).y)!.y - body(lines).y
    expect(drop(large)).toBeGreaterThan(drop(small) * 1.2)
  })

  test("the project's CSS files come last, after the built-in styles", () => {
    const css = themeCss(editionSchema.parse({theme: 'report', css: ['house.css']}), project)
    expect(css.indexOf('letter-spacing: 0.02em')).toBeGreaterThan(css.indexOf('text-indent: 0'))
  })

  test('refuses a CSS file or a font outside the project, or one that is not there, naming it', () => {
    const outside = path.relative(project, path.join(tmpdir(), 'elsewhere.css'))
    expect(() => themeCss(editionSchema.parse({css: [outside]}), project)).toThrow(
      /edition\.css: (no such file|the file is outside the project folder)/
    )
    expect(() => themeCss(editionSchema.parse({css: ['../../etc/passwd.css']}), project)).toThrow(/edition\.css/)
    expect(() => themeCss(editionSchema.parse({fonts: {body: '@fontsource/not-installed-anywhere'}}), project)).toThrow(
      '@fontsource/not-installed-anywhere is not installed; install it in the project (npm install @fontsource/not-installed-anywhere)'
    )
    expect(editionSchema.safeParse({fonts: {body: '@fontsource/../../etc'}}).success).toBe(false)
  })

  test('refuses a CSS file over 1 MB, saying so', async () => {
    await writeFile(path.join(project, 'big.css'), `/* ${'x'.repeat(2 * 1024 * 1024)} */`)
    expect(() => themeCss(editionSchema.parse({css: ['big.css']}), project)).toThrow('edition.css: 2 MB is over the limit of 1 MB')
  })
})
