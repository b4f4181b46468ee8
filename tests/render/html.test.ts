// The HTML edition, read back as hast and as HTML (never in a browser): its metadata, its
// structure for print.ts, its ids and links, the sanitiser, and the promise of one offline file.
import {mkdtemp, mkdir, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {toString as hastToString} from 'hast-util-to-string'
import type {Paragraph} from 'mdast'
import {toString as mdastToString} from 'mdast-util-to-string'
import {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {toHtml} from 'hast-util-to-html'
import pkg from '../../package.json' with {type: 'json'}
import {check} from '../../pipeline/check.ts'
import {metadataOf, parseManuscript, readManuscript} from '../../pipeline/manuscript/read.ts'
import {editionDocument, type EditionInput, type Medium} from '../../pipeline/render/document.ts'
import {fontFaceCss} from '../../pipeline/render/fonts.ts'

type Input = EditionInput & {toc?: boolean}

async function inputOf(root: string, {toc}: {toc?: boolean} = {}): Promise<Input> {
  const manuscript = parseManuscript(await readManuscript({root, cwd: process.cwd()}))
  return {manuscript, metadata: metadataOf(manuscript), toc}
}

const editionTree = (input: Input, medium: Medium) => editionDocument(input).page(medium, {toc: input.toc})
const renderHtml = (input: Input) => toHtml(editionTree(input, 'screen'))

function elements(tree: Root | Element, test: (element: Element) => boolean = () => true): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (element: Element) => {
    if (test(element)) found.push(element)
  })
  return found
}

const byTag = (tree: Root | Element, tagName: string) => elements(tree, (element) => element.tagName === tagName)
const classes = (element: Element) => (element.properties.className as string[] | undefined) ?? []
const byClass = (tree: Root | Element, name: string) => elements(tree, (element) => classes(element).includes(name))
const meta = (tree: Root, name: string) => byTag(tree, 'meta').find((element) => element.properties.name === name)?.properties.content
const bodyOf = (tree: Root) => byTag(tree, 'body')[0]!
const chaptersOf = (tree: Root) => byClass(tree, 'chapter')

/** What the check says of the images and links the editions leave out; rendering itself says nothing. */
async function findingsOf(root: string): Promise<string[]> {
  const {files} = await check({path: root})
  return files.flatMap((file) => file.messages.filter((message) => /^(image|link)-path$/.test(message.ruleId ?? '')).map(String))
}

describe('the seed manuscript', async () => {
  const input = await inputOf('manuscript')
  const tree = editionTree(input, 'screen')
  const html = renderHtml(input)

  it('is one HTML document in English, titled and described', () => {
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true)
    expect(byTag(tree, 'title').map((title) => hastToString(title))).toEqual(['China-Iran Military Relations'])
    expect(meta(tree, 'author')).toBe('Dr. Muhammad Akram Zaheer')
    expect(meta(tree, 'generator')).toBe(`Galley ${pkg.version}`)
  })

  it('describes itself with the start of its first paragraph, cut at a word', () => {
    const description = String(meta(tree, 'description'))
    expect(description).toMatch(/^Chinese minister of national defense Wei Fenghe visited Tehran in April .*\S…$/)
    expect(description.length).toBeLessThanOrEqual(161)
  })

  it('carries the title block and every paragraph, in order, in one chapter', () => {
    const header = byClass(tree, 'title-block')[0]!
    expect(byTag(header, 'h1').map((h1) => hastToString(h1))).toEqual(['China-Iran Military Relations'])
    expect(byClass(header, 'author').map((p) => hastToString(p))).toEqual(['Dr. Muhammad Akram Zaheer'])
    expect(byClass(header, 'date').map((p) => hastToString(p))).toEqual(['2025'])
    const chapters = chaptersOf(tree)
    expect(chapters.map((chapter) => [chapter.properties.id, chapter.properties.dataTitle])).toEqual([
      ['chapter-1', 'China-Iran Military Relations']
    ])
    const paragraphs: string[] = []
    visit(input.manuscript.chapters[0]!.tree, 'paragraph', (paragraph: Paragraph) => void paragraphs.push(mdastToString(paragraph)))
    expect(paragraphs).toHaveLength(13)
    expect(byTag(chapters[0]!, 'p').map((p) => hastToString(p))).toEqual(paragraphs)
  })

  it('has no contents for one chapter, unless the config asks for them', async () => {
    expect(byClass(tree, 'toc')).toEqual([])
    const withToc = editionTree(await inputOf('manuscript', {toc: true}), 'screen')
    const links = byTag(byClass(withToc, 'toc')[0]!, 'a')
    // The seed has no headings: its one chapter is its one entry.
    expect(links.map((link) => [link.properties.href, hastToString(link)])).toEqual([['#chapter-1', 'China-Iran Military Relations']])
  })

  it('has no colophon without a stamp, and one with it', () => {
    expect(byClass(tree, 'colophon')).toEqual([])
    expect(meta(tree, 'galley:revision')).toBeUndefined()
    const stamp = {
      revision: 'v1.2-3-gabcdef123456-dirty',
      date: '2025-03-01T10:00:00+01:00',
      dirty: true,
      label: 'Revision v1.2-3-gabcdef123456-dirty of 2025-03-01, with uncommitted changes'
    }
    const stamped = editionTree({...input, stamp}, 'screen')
    expect(byClass(stamped, 'colophon').map((footer) => hastToString(footer))).toEqual([stamp.label])
    expect([meta(stamped, 'galley:revision'), meta(stamped, 'galley:revision-date'), meta(stamped, 'galley:dirty')]).toEqual([
      stamp.revision,
      stamp.date,
      'true'
    ])
  })
})

describe('a book of three chapters', async () => {
  const input = await inputOf('tests/fixtures/render/book')
  const tree = editionTree(input, 'screen')
  const ids = elements(tree, (element) => element.properties.id !== undefined).map((element) => String(element.properties.id))

  it('keeps its chapters in order, each titled by its first heading', () => {
    expect(chaptersOf(tree).map((chapter) => [chapter.properties.id, chapter.properties.dataTitle])).toEqual([
      ['chapter-1', 'The Opening'],
      ['chapter-2', 'The Middle Years'],
      ['chapter-3', 'The End of the Quay']
    ])
  })

  it('gives every element a unique id, though the chapters repeat headings and footnote labels', () => {
    expect(new Set(ids).size).toBe(ids.length)
    const ledgers = byTag(tree, 'h2').filter((h2) => hastToString(h2) === 'Ledgers')
    expect(ledgers.map((h2) => h2.properties.id)).toEqual(['ledgers', 'ledgers-1', 'ledgers-2'])
  })

  it('lists the headings of levels 1 and 2 in its contents, each linking to its heading', () => {
    const toc = byClass(tree, 'toc')[0]!
    expect(toc.properties.ariaLabelledBy).toEqual(['toc-title'])
    const items = byTag(toc, 'li')
    expect(items.map((item) => classes(item)[0])).toEqual([
      'toc-level-1',
      ...Array(3).fill('toc-level-2'),
      'toc-level-1',
      ...Array(3).fill('toc-level-2'),
      'toc-level-1',
      ...Array(3).fill('toc-level-2')
    ])
    for (const item of items) {
      const link = byTag(item, 'a')[0]!
      const target = elements(tree, (element) => `#${element.properties.id}` === link.properties.href)
      expect(target.map((element) => [element.tagName, hastToString(element)])).toEqual([
        [expect.stringMatching(/^h[12]$/), hastToString(link)]
      ])
      expect(byClass(item, 'toc-page')).toHaveLength(1)
    }
  })

  it('keeps each chapter’s notes at its end, with ids that do not collide', () => {
    for (const [index, chapter] of chaptersOf(tree).entries()) {
      const notes = byClass(chapter, 'footnotes')
      expect(notes).toHaveLength(1)
      expect(chapter.children.filter((child) => child.type === 'element').at(-1)).toBe(notes[0])
      const references = elements(chapter, (element) => element.properties.dataFootnoteRef !== undefined)
      expect(references.map((reference) => reference.properties.href)).toEqual([`#c${index + 1}-fn-1`])
      expect(references[0]!.properties.ariaDescribedBy).toEqual([`c${index + 1}-footnote-label`])
    }
    for (const link of byTag(tree, 'a').filter((a) => String(a.properties.href).startsWith('#'))) {
      expect(ids).toContain(decodeURIComponent(String(link.properties.href).slice(1)))
    }
  })

  it('makes a figure of the image alone in its paragraph, the picture inline', async () => {
    const figures = byTag(tree, 'figure')
    expect(figures).toHaveLength(1)
    const [image, caption] = figures[0]!.children.filter((child) => child.type === 'element')
    expect(String(image?.properties.src)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
    expect(image?.properties.alt).toBe('The bay at low tide')
    expect(caption?.tagName).toBe('figcaption')
    expect(hastToString(caption!)).toBe('The bay at low tide, after the survey')
    expect(await findingsOf('tests/fixtures/render/book')).toEqual([])
  })

  it('renders the list and the table of the manuscript', () => {
    expect(byTag(chaptersOf(tree)[0]!, 'li').map((li) => hastToString(li))).toContain('copper wire, in coils')
    const cells = byTag(chaptersOf(tree)[1]!, 'td').map((td) => hastToString(td))
    expect(cells.slice(0, 3)).toEqual(['1871', '0.4 m', '3'])
  })

  it('resolves links between chapters and to a chapter’s own headings, and unwraps others', async () => {
    const linked = await inputOf('tests/fixtures/render/links')
    const links = editionTree(linked, 'screen')
    const hrefs = chaptersOf(links)
      .flatMap((chapter) => byTag(chapter, 'a'))
      .filter((a) => !classes(a).includes('heading-anchor'))
      .map((a) => [hastToString(a), a.properties.href])
    expect(hrefs).toEqual([
      ['the floods of the second chapter', '#floods'],
      ['the second chapter', '#chapter-2'],
      ['this chapter’s records', '#records'],
      ['these records', '#records-1']
    ])
    expect(hastToString(chaptersOf(links)[0]!)).toContain('and a note beside the manuscript.')
    expect(await findingsOf('tests/fixtures/render/links')).toEqual([
      'tests/fixtures/render/links/01-first.md:8:137-8:178: Unexpected link to `notes.txt`, expected a chapter of the manuscript or a URL'
    ])
  })
})

describe('the print medium', async () => {
  const input = await inputOf('tests/fixtures/render/book')
  const print = editionTree(input, 'print')
  const css = byTag(print, 'style')
    .map((style) => hastToString(style))
    .join('\n')

  it('inlines print.css and the fonts instead of screen.css', async () => {
    const {readFile} = await import('node:fs/promises')
    expect(css).toContain(await readFile('styles/print.css', 'utf8'))
    expect(css).not.toContain(await readFile('styles/screen.css', 'utf8'))
    expect(css).toContain(fontFaceCss())
  })

  it('has no links from headings to themselves, which mean nothing on paper', () => {
    expect(byClass(print, 'heading-anchor')).toEqual([])
    expect(byClass(editionTree(input, 'screen'), 'heading-anchor').length).toBeGreaterThan(0)
  })
})

describe('a hostile manuscript', async () => {
  const input = await inputOf('tests/fixtures/render/hostile')
  const tree = editionTree(input, 'screen')
  const html = renderHtml(input)
  const body = bodyOf(tree)

  it('loses every element that runs, loads or restyles', () => {
    const forbidden = [
      'script',
      'iframe',
      'object',
      'embed',
      'meta',
      'link',
      'style',
      'base',
      'picture',
      'source',
      'svg',
      'video',
      'form',
      'button'
    ]
    expect(elements(body, (element) => forbidden.includes(element.tagName)).map((element) => element.tagName)).toEqual([])
    expect(byTag(tree, 'style')).toHaveLength(1)
    expect(byTag(tree, 'meta').map((element) => String(element.properties.name ?? element.properties.httpEquiv ?? 'charset'))).toEqual([
      'charset',
      'Content-Security-Policy',
      'viewport',
      'description',
      'author',
      'generator'
    ])
  })

  it('loses event handlers, style attributes and script URLs', () => {
    const properties = elements(body).flatMap((element) => Object.keys(element.properties))
    expect(properties.filter((name) => /^on/i.test(name) || name === 'style' || name === 'formAction' || name === 'action')).toEqual([])
    expect(html).not.toMatch(/javascript:|onerror|@import|127\.0\.0\.1|document\.title/i)
    expect(hastToString(body)).toContain('A styled paragraph keeps its words.')
    const links = byTag(body, 'a').filter((a) => !classes(a).includes('heading-anchor'))
    expect(links.map((a) => [hastToString(a), a.properties.href])).toEqual([
      ['link that runs script', undefined],
      ['another', undefined],
      ['a third', undefined],
      ['link to the web', 'https://example.org/']
    ])
  })

  it('keeps the edition’s ids from the manuscript', () => {
    expect(elements(tree, (element) => element.properties.id === 'chapter-1').map((element) => element.tagName)).toEqual(['section'])
  })

  it('drops images from outside the manuscript and from the network, and the check says why', async () => {
    expect(byTag(body, 'img')).toEqual([])
    expect(await findingsOf('tests/fixtures/render/hostile')).toEqual([
      'tests/fixtures/render/hostile/hostile.md:11:1-11:68: Unexpected image path `images/missing.png`, no such file',
      'tests/fixtures/render/hostile/hostile.md:27:1-27:37: Unexpected remote image `http://127.0.0.1:9/x.png`, expected a file inside the manuscript (nothing is fetched)',
      'tests/fixtures/render/hostile/hostile.md:29:1-29:32: Unexpected image path `../../../etc/passwd` outside the manuscript',
      'tests/fixtures/render/hostile/hostile.md:31:1-31:52: Unexpected remote image `https://127.0.0.1:9/remote.png`, expected a file inside the manuscript (nothing is fetched)',
      'tests/fixtures/render/hostile/hostile.md:33:1-33:68: Unexpected remote image `//127.0.0.1:9/protocol-relative.png`, expected a file inside the manuscript (nothing is fetched)',
      'tests/fixtures/render/hostile/hostile.md:35:1-35:41: Unexpected image path `file:///etc/passwd` outside the manuscript',
      'tests/fixtures/render/hostile/hostile.md:37:1-37:91: Unexpected image `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`, expected a PNG, JPEG, GIF, WebP, AVIF or SVG image',
      'tests/fixtures/render/hostile/hostile.md:51:57-51:98: Unexpected link to `//127.0.0.1:9/`, expected a chapter of the manuscript or a URL'
    ])
    const {files} = await check({path: 'tests/fixtures/render/hostile'})
    const messages = files[0]!.messages.filter((message) => /^(image|link)-path$/.test(message.ruleId ?? ''))
    expect(
      messages.every((message) => message.fatal === false && message.source === 'galley' && message.url?.endsWith(`#${message.ruleId}`))
    ).toBe(true)
  })

  it('writes no message onto the chapters, and renders alike each time', () => {
    editionTree(input, 'print')
    expect(renderHtml(input)).toBe(html)
    expect(input.manuscript.chapters.flatMap((chapter) => chapter.file.messages)).toEqual([])
  })

  it('refuses an image whose symlink leads out of the manuscript', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'galley-html-'))
    await mkdir(path.join(folder, 'book'))
    await writeFile(path.join(folder, 'secret.png'), 'not for the edition')
    await symlink(path.join(folder, 'secret.png'), path.join(folder, 'book', 'escape.png'))
    await writeFile(path.join(folder, 'book', 'chapter.md'), '# Chapter\n\n![Escape](escape.png)\n')
    const escaping = await inputOf(path.join(folder, 'book'))
    expect(byTag(editionTree(escaping, 'screen'), 'img')).toEqual([])
    const {files} = await check({cwd: folder, path: 'book'})
    expect(files[0]!.messages.filter((message) => message.ruleId === 'image-path').map((message) => message.reason)).toEqual([
      'Unexpected image path `escape.png` outside the manuscript'
    ])
  })
})

describe('one offline file', async () => {
  const editions = await Promise.all(
    ['manuscript', 'tests/fixtures/render/book', 'tests/fixtures/render/hostile'].map(async (root) =>
      editionTree(await inputOf(root), 'screen')
    )
  )

  it('loads only data: URLs; only its links lead elsewhere, to its own fragments or the web', () => {
    const loading = ['src', 'srcSet', 'poster', 'data', 'action', 'formAction', 'cite', 'longDesc', 'background', 'manifest', 'icon']
    for (const tree of editions) {
      const loaded = elements(tree).flatMap((element) =>
        loading.flatMap((name) => (element.properties[name] === undefined ? [] : [String(element.properties[name])]))
      )
      expect(loaded.filter((url) => !url.startsWith('data:'))).toEqual([])
      expect(elements(tree, (element) => element.properties.href !== undefined && element.tagName !== 'a')).toEqual([])
      const hrefs = byTag(tree, 'a').flatMap((a) => (a.properties.href === undefined ? [] : [String(a.properties.href)]))
      expect(hrefs.filter((href) => !/^(#|https?:\/\/|mailto:)/.test(href))).toEqual([])
    }
  })

  it('loads nothing from its CSS but data: URLs', () => {
    for (const tree of editions) {
      const css = byTag(tree, 'style')
        .map((style) => hastToString(style))
        .join('\n')
      expect(css).not.toMatch(/@import/)
      expect(
        [...css.matchAll(/url\(\s*['"]?([^'")]{0,12})/g)].map((match) => match[1]!.slice(0, 5)).filter((start) => start !== 'data:')
      ).toEqual([])
    }
  })

  it('carries Source Serif 4 inline: regular, semibold, bold and italic, Latin and Latin Extended', () => {
    const faces = [...fontFaceCss().matchAll(/@font-face \{([^}]*)\}/g)].map((match) => match[1]!)
    expect(faces).toHaveLength(8)
    const described = faces.map(
      (face) =>
        `${/font-weight: (\d+)/.exec(face)?.[1]} ${/font-style: (\w+)/.exec(face)?.[1]} ${/unicode-range: U\+(\w+)/.exec(face)?.[1]}`
    )
    expect(described.sort()).toEqual([
      '400 italic 0000',
      '400 italic 0100',
      '400 normal 0000',
      '400 normal 0100',
      '600 normal 0000',
      '600 normal 0100',
      '700 normal 0000',
      '700 normal 0100'
    ])
    for (const face of faces) {
      const data = /src: url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\) format\('woff2'\)/.exec(face)?.[1]
      expect(
        Buffer.from(data ?? '', 'base64')
          .subarray(0, 4)
          .toString('latin1')
      ).toBe('wOF2')
    }
    expect(hastToString(byTag(editions[0]!, 'style')[0]!).startsWith(fontFaceCss())).toBe(true)
  })
})

describe("a book's front matter", async () => {
  const input = await inputOf('manuscript')
  const metadata = {
    ...input.metadata,
    publisher: 'Harbour Press',
    edition: 'Second edition',
    isbn: '978-0-00-000000-0',
    dedication: 'For the lighthouse keepers.'
  }
  const stamp = {revision: 'abc1234', date: '2026-12-03', dirty: false, label: 'Revision abc1234, 2026-12-03'}
  const page = (frontMatter: boolean) => editionDocument({...input, metadata, stamp}).page('print', {frontMatter})
  const parts = (tree: Root) =>
    byTag(tree, 'article')[0]!.children.flatMap((child) =>
      child.type === 'element' ? [[classes(child).find((name) => name !== 'front-matter') ?? child.tagName, hastToString(child)]] : []
    )

  it('comes in order: half-title, title page, copyright page, dedication, contents, then the chapters', () => {
    expect(parts(page(true)).slice(0, 6)).toEqual([
      ['half-title', 'China-Iran Military Relations'],
      ['title-block', 'China-Iran Military RelationsDr. Muhammad Akram Zaheer2025Harbour Press'],
      ['copyright', '© 2025 Dr. Muhammad Akram ZaheerSecond editionISBN 978-0-00-000000-0Revision abc1234, 2026-12-03'],
      ['dedication', 'For the lighthouse keepers.'],
      ['toc', 'ContentsChina-Iran Military Relations '],
      ['chapter', expect.stringMatching(/^Chinese minister/)]
    ])
    // The stamp is on the copyright page, so there is no colophon.
    expect(byClass(page(true), 'colophon')).toEqual([])
  })

  it('gives the rights as written, and without front matter keeps the report layout and its colophon', () => {
    const tree = editionDocument({...input, metadata: {...metadata, rights: 'All rights reserved.'}, stamp}).page('print', {
      frontMatter: true
    })
    expect(hastToString(byClass(tree, 'copyright')[0]!)).toMatch(/^All rights reserved\.Second edition/)
    expect(parts(page(false)).map(([name]) => name)).toEqual(['title-block', 'chapter', 'colophon'])
  })
})

describe('typographic punctuation', () => {
  const render = (markdown: string, lang = 'en') => {
    const manuscript = parseManuscript({root: '/book', chapters: [{file: new VFile({path: '/book/a.md', value: markdown})}]})
    const tree = editionDocument({manuscript, metadata: {lang}}).page('screen')
    return toHtml(byTag(tree, 'section')[0]!)
  }

  it('curls quotes and apostrophes, and sets dashes and ellipses, in prose only', () => {
    const html = render(
      `"It's the *keeper's* ledger," she said -- 1990--95 --- and then... \`"code" -- stays\` <https://example.org/a--b> <b title="x--y">'raw'</b>\n`
    )
    expect(html).toContain('“It’s the <em>keeper’s</em> ledger,” she said – 1990–95 — and then…')
    expect(html).toContain('<code>"code" -- stays</code>')
    expect(html).toContain('>https://example.org/a--b</a>')
    expect(html).toContain('title="x--y"')
  })

  it('uses the quotation marks of the language', () => {
    expect(render('"Garten" und \'Haus\'\n', 'de')).toContain('„Garten“ und ‚Haus‘')
    expect(render('"jardin"\n', 'fr')).toContain('«\u202fjardin\u202f»')
    expect(render('"garden"\n', 'en-GB')).toContain('“garden”')
  })

  it('leaves the manuscript as written, for the checks', () => {
    const manuscript = parseManuscript({root: '/book', chapters: [{file: new VFile({path: '/book/a.md', value: '"Quoted" -- text\n'})}]})
    editionDocument({manuscript, metadata: {lang: 'en'}}).page('screen')
    expect(mdastToString(manuscript.chapters[0]!.tree)).toBe('"Quoted" -- text')
  })
})
