// A hostile manuscript built by the real CLI into both editions. A canary HTTP server on
// 127.0.0.1 counts every connection and request, and canary files beside the manuscript must
// never reach either edition. Then the HTML edition is opened the way a reader would, with
// JavaScript on, and must load nothing but itself.
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {crc32, deflateSync} from 'node:zlib'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {decodePDFRawStream, PDFDocument, PDFName, PDFRawStream} from 'pdf-lib'
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openBrowser} from '../../pipeline/render/browser.ts'
import {galley, project, removeProjects, type Run} from './run.ts'

const secret = `CANARY-${Math.random().toString(36).slice(2)}`
const magenta = [255, 0, 255]
const teal = [0, 128, 128]
// A magenta picture with the secret after its end: base64 would carry the secret, a raster the colour.
const png = Buffer.concat([solidPng(48, 32, magenta), Buffer.from(secret)])

function solidPng(width: number, height: number, [red, green, blue]: number[]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.from([0, ...Array.from({length: width}, () => [red!, green!, blue!]).flat()])
  const pixels = deflateSync(Buffer.concat(Array.from({length: height}, () => row)))
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/** The RGB pixels of every 8-bit RGB image in the PDF. */
function rastersOf(doc: PDFDocument): Uint8Array[] {
  return doc.context
    .enumerateIndirectObjects()
    .flatMap(([, object]) =>
      object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') ? [object] : []
    )
    .filter(
      (image) =>
        image.dict.get(PDFName.of('BitsPerComponent'))?.toString() === '8' &&
        image.dict.get(PDFName.of('ColorSpace'))?.toString() !== '/DeviceGray'
    )
    .map((image) => decodePDFRawStream(image).decode())
}

function hasColour(pixels: Uint8Array, [red, green, blue]: number[]): boolean {
  for (let index = 0; index + 2 < pixels.length; index += 3) {
    if (Math.abs(pixels[index]! - red!) < 40 && Math.abs(pixels[index + 1]! - green!) < 40 && Math.abs(pixels[index + 2]! - blue!) < 40)
      return true
  }
  return false
}

let server: Server
const requests: string[] = []
let connections = 0
let origin: string
let folder: string
let built: Run

function hostileChapter(outside: string): string {
  const file = (name: string) => pathToFileURL(path.join(outside, name)).href
  return `---
title: 'Hostile </style><script>document.write("TITLE" + "-EXECUTED")</script> "quoted" \\ ../../x'
author: '<img src=${origin}/author.png onerror=alert(1)>'
---

# Everything a manuscript should not do

<script>document.write('SCRIPT' + '-EXECUTED'); fetch('${origin}/fetch')</script>
<noscript><img src="${origin}/noscript.png"></noscript>

<p onclick="fetch('${origin}/onclick')" onmouseover="alert(1)">A paragraph with handlers.</p>

<img src="missing.png" onerror="document.body.innerHTML = 'ONERROR' + '-EXECUTED'; fetch('${origin}/onerror')">

<body onload="fetch('${origin}/onload')"></body>

<iframe src="${origin}/iframe"></iframe>
<iframe srcdoc="<script>document.write('SRCDOC' + '-EXECUTED')</script>"></iframe>
<object data="${origin}/object"></object>
<embed src="${origin}/embed">

<meta http-equiv="refresh" content="0; url=${origin}/refresh">
<link rel="prefetch" href="${origin}/prefetch">
<link rel="preload" as="image" href="${origin}/preload.png">
<link rel="preconnect" href="${origin}">
<link rel="dns-prefetch" href="${origin}">
<link rel="stylesheet" href="${origin}/style.css">
<link rel="stylesheet" href="${file('canary.css')}">
<base href="${origin}/base/">

<style>
@import url(${origin}/import.css);
@import url(${file('canary.css')});
@font-face { font-family: Remote; src: url(${origin}/font.woff2); }
body { font-family: Remote; background: url(${origin}/background.png); }
</style>

<p style="background-image: url(${origin}/inline.png); font-family: Remote">A styled paragraph keeps its words.</p>

<img src="${origin}/image.png"> <img srcset="${origin}/srcset.png 1x"> <img src="${file('canary.png')}">

<picture><source srcset="${origin}/source.png"><img src="${origin}/picture.png"></picture>

<video src="${origin}/video.mp4" poster="${origin}/poster.png"></video>
<audio src="${origin}/audio.mp3"></audio>

<svg><image href="${origin}/svg-image.png"/><use href="${origin}/use.svg#a"/></svg>

<form action="${origin}/form"><input type="image" src="${origin}/input.png"><button formaction="${origin}/button">Send</button></form>

<table background="${origin}/table.png"><tr><td>A cell</td></tr></table>

<a href="${origin}/link" ping="${origin}/ping">A link to the canary</a> is only a link.

![A remote picture](${origin}/markdown.png)

![A picture from the folder above](../secret/canary.png)

![A picture two folders up](../../secret/canary.png)

![The canary by absolute path](${path.join(outside, 'canary.png')})

![The canary by file URL](${file('canary.png')})

![An SVG that loads](images/loads.svg)

![A picture of the manuscript](images/teal.png)

[A reference][canary] and <${origin}/autolink> are links.

[canary]: ${origin}/reference
`
}

// An SVG inside the manuscript is allowed; inlined as an image it must load and run nothing.
const loadingSvg = (
  outside: string
) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
  <style>@import url(${origin}/svg-style.css);</style>
  <script>fetch('${origin}/svg-script')</script>
  <image href="${origin}/svg-remote.png" width="10" height="10"/>
  <image xlink:href="${pathToFileURL(path.join(outside, 'canary.png')).href}" width="10" height="10"/>
  <rect width="10" height="10" fill="teal"/>
</svg>`

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '')
    response.end('reached')
  })
  server.on('connection', () => void connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  folder = await project()
  const outside = path.join(folder, 'secret')
  const files: Record<string, string | Uint8Array> = {
    'secret/canary.png': png,
    'secret/canary.css': `body::before { content: "${secret}"; }`,
    'secret/canary.txt': secret,
    'manuscript/book/01-hostile.md': hostileChapter(outside),
    'manuscript/book/images/loads.svg': loadingSvg(outside),
    'manuscript/book/images/teal.png': solidPng(8, 8, teal)
  }
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), {recursive: true})
    await writeFile(path.join(folder, name), data)
  }
  await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({manuscript: 'manuscript/book'}))
  built = await galley(folder, ['build', '--reporter', 'json'])
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await removeProjects()
})

function elements(tree: Root): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (element: Element) => void found.push(element))
  return found
}

/** The editions a build says it wrote, in order. */
function wrote(stderr: string): string[] {
  return [...stderr.matchAll(/^galley: wrote (\S+)/gm)].map((match) => match[1]!)
}

describe('a hostile manuscript, built into both editions', () => {
  it('builds, with one clear warning for each image it refused', () => {
    expect(built.code).toBe(0)
    // The title's markup, quotes and ../ become a plain slug: the editions land in output/.
    expect(built.stderr).toMatch(/^galley: wrote output\/(hostile-[a-z0-9-]+)\.html\ngalley: wrote output\/\1\.pdf \(\d+ pages?\)\n$/)
    // The report goes to stdout, as check's does.
    const report = JSON.parse(built.stdout) as Array<{messages: Array<{ruleId: string; reason: string; line: number}>}>
    const images = report[0]!.messages.filter((m) => m.ruleId === 'image-path').map((m) => m.reason)
    expect(images).toEqual(
      expect.arrayContaining([
        'Unexpected image path `../secret/canary.png` outside the manuscript',
        'Unexpected image path `../../secret/canary.png` outside the manuscript',
        expect.stringMatching(/^Unexpected image path `\/.*` outside the manuscript$/),
        expect.stringMatching(/^Unexpected image path `file:\/\/\/.*` outside the manuscript$/),
        `Unexpected remote image \`${origin}/markdown.png\`, expected a file inside the manuscript (nothing is fetched)`,
        `Unexpected remote image \`${origin}/image.png\`, expected a file inside the manuscript (nothing is fetched)`
      ])
    )
  })

  it('reached no server while printing: no connection, no request', () => {
    expect({connections, requests}).toEqual({connections: 0, requests: []})
  })

  it('carries no script, handler, frame, embed, refresh, link, base, form or foreign style in the HTML', async () => {
    const html = await readFile(path.join(folder, wrote(built.stderr)[0]!), 'utf8')
    const tree = fromHtml(html)
    const all = elements(tree)
    const forbidden = [
      'script',
      'noscript',
      'iframe',
      'object',
      'embed',
      'link',
      'base',
      'form',
      'button',
      'svg',
      'video',
      'audio',
      'picture',
      'source'
    ]
    expect(all.filter((element) => forbidden.includes(element.tagName)).map((element) => element.tagName)).toEqual([])
    // GitHub's schema keeps an input as a disabled checkbox (task lists), and nothing more.
    expect(all.filter((element) => element.tagName === 'input').map((element) => element.properties)).toEqual([
      {disabled: true, type: 'checkbox'}
    ])
    expect(all.filter((element) => element.tagName === 'style')).toHaveLength(1)
    expect(
      all
        .filter((element) => element.tagName === 'meta')
        .map((element) => element.properties.httpEquiv ?? element.properties.name ?? 'charset')
    ).not.toContainEqual(['refresh'])
    expect(
      all.flatMap((element) =>
        Object.keys(element.properties).filter((name) => /^on/i.test(name) || name === 'style' || name === 'background')
      )
    ).toEqual([])
    // Only links may point at the canary, since following one is the reader's choice; the
    // author's name is text, in its meta tag too.
    const pointing = all.filter((element) => Object.values(element.properties).some((value) => String(value).includes(origin)))
    expect(
      pointing
        .filter((element) => element.properties.name !== 'author')
        .map(
          (element) =>
            `${element.tagName} ${Object.keys(element.properties).filter((name) => String(element.properties[name]).includes(origin))}`
        )
    ).toEqual(['a href', 'a href', 'a href'])
    expect(all.filter((element) => element.tagName === 'img').map((element) => String(element.properties.src).slice(0, 26))).toEqual([
      'data:image/svg+xml;base64,',
      'data:image/png;base64,iVBO'
    ])
    expect(html).not.toMatch(/<script|javascript:|file:\/\//i)
  })

  it('never lets the canary files into either edition', async () => {
    const html = await readFile(path.join(folder, wrote(built.stderr)[0]!), 'utf8')
    for (const text of [secret, png.toString('base64').slice(0, 40), Buffer.from(secret).toString('base64').slice(0, 12)])
      expect(html).not.toContain(text)
    const pdf = await readFile(path.join(folder, wrote(built.stderr)[1]!))
    const document = await getDocument({data: new Uint8Array(pdf), verbosity: 0}).promise
    let text = ''
    for (let number = 1; number <= document.numPages; number++) {
      text += (await (await document.getPage(number)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ')
    }
    await document.destroy()
    // Hyphenation splits words in the extracted text; without spaces they read whole again.
    const joined = text.replace(/\s+/g, '')
    expect(joined).toContain('Astyledparagraphkeepsitswords.')
    expect(joined).not.toMatch(new RegExp(`${secret}|[A-Z]-EXECUTED|reached`))
    // The teal picture of the manuscript is there, read back pixel by pixel; no picture holds
    // the canary's magenta (Chromium prints the SVG that points at it as a broken image).
    const rasters = rastersOf(await PDFDocument.load(pdf))
    expect(rasters.filter((pixels) => hasColour(pixels, teal))).toHaveLength(1)
    expect(rasters.filter((pixels) => hasColour(pixels, magenta))).toEqual([])
  })
})

describe('the HTML edition opened by a reader, with JavaScript on', () => {
  it('loads nothing but itself and runs no script', async () => {
    const file = path.join(folder, wrote(built.stderr)[0]!)
    const browser = await openBrowser({})
    try {
      const seen = await browser.use(async (chromium) => {
        const page = await chromium.newPage()
        const loaded: string[] = []
        page.on('request', (request) => void loaded.push(request.url()))
        await page.goto(pathToFileURL(file).href, {waitUntil: 'load'})
        const text = await page.evaluate(() => document.body.innerText)
        await page.close()
        return {loaded: loaded.filter((url) => !url.startsWith('data:')), text}
      })
      expect(seen.loaded).toEqual([pathToFileURL(file).href])
      expect(seen.text).toContain('A styled paragraph keeps its words.')
      expect(seen.text).not.toMatch(new RegExp(`${secret}|[A-Z]-EXECUTED|reached`))
    } finally {
      await browser.close()
    }
    expect({connections, requests}).toEqual({connections: 0, requests: []})
  })
})
