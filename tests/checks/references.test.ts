// `image-path` and `link-path`: what the editions cannot embed or follow, reported by the check
// like every rule, at the config's severity, silenced by comments, with the real CLI's exit code.
import {execFile} from 'node:child_process'
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {check} from '../../pipeline/check.ts'

async function messagesOf(fixture: string): Promise<string[]> {
  const {files} = await check({cwd: process.cwd(), path: path.join('tests/fixtures', fixture)})
  return files[0]!.messages.map((m) => `${m}  [${m.source}:${m.ruleId}]`)
}

describe('image-path', () => {
  it('flags remote, missing, outside, non-image, mistyped and oversized sources, in Markdown, HTML and references, unless silenced', async () => {
    expect(await messagesOf('image-path/not-ok.md')).toEqual([
      'tests/fixtures/image-path/not-ok.md:3:1-3:49: Unexpected remote image `https://example.org/bay.png`, expected a file inside the manuscript (nothing is fetched)  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:5:1-5:41: Unexpected image path `images/missing.png`, no such file  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:7:1-7:71: Unexpected image path `../render/book/images/bay.png` outside the manuscript  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:9:1-9:70: Unexpected remote image `http://example.org/raw.png`, expected a file inside the manuscript (nothing is fetched)  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:11:1-11:62: Unexpected image `data:text/html;base64,PHNjcmlwdD4=`, expected a PNG, JPEG, GIF, WebP, AVIF or SVG image  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:13:1-13:34: Unexpected remote image `//example.org/by-reference.png`, expected a file inside the manuscript (nothing is fetched)  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:17:1-17:51: Unexpected image `images/fake.png`, its bytes are not a PNG, JPEG, GIF, WebP, AVIF or SVG image  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:19:1-19:48: Unexpected image `images/huge.png` of 20000×20000 pixels, over the limit of 50 megapixels  [galley:image-path]',
      'tests/fixtures/image-path/not-ok.md:21:1-21:54: Unexpected image `images/photo.png`, its bytes are a JPEG image, not the PNG its name says  [galley:image-path]'
    ])
  })

  it('is quiet on pictures inside the manuscript, inline data and references', async () => {
    expect(await messagesOf('image-path/ok.md')).toEqual([])
  })

  it('gives the source as `actual`, so a tool can show what was refused', async () => {
    const {files} = await check({cwd: process.cwd(), path: 'tests/fixtures/image-path/not-ok.md'})
    expect(files[0]!.messages.map((message) => message.actual)).toEqual([
      'https://example.org/bay.png',
      'images/missing.png',
      '../render/book/images/bay.png',
      'http://example.org/raw.png',
      'data:text/html;base64,PHNjcmlwdD4=',
      '//example.org/by-reference.png',
      'images/fake.png',
      'images/huge.png',
      'images/photo.png'
    ])
  })
})

describe('link-path', () => {
  it('flags links to files that are not chapters, in Markdown, HTML and references, unless silenced', async () => {
    expect(await messagesOf('link-path/not-ok.md')).toEqual([
      'tests/fixtures/link-path/not-ok.md:3:5-3:27: Unexpected link to `notes.txt`, expected a chapter of the manuscript or a URL  [galley:link-path]',
      'tests/fixtures/link-path/not-ok.md:3:29-3:64: Unexpected link to `missing.md#top`, expected a chapter of the manuscript or a URL  [galley:link-path]',
      'tests/fixtures/link-path/not-ok.md:3:69-3:88: Unexpected link to `draft.md`, expected a chapter of the manuscript or a URL  [galley:link-path]',
      'tests/fixtures/link-path/not-ok.md:5:5-5:40: Unexpected link to `../elsewhere.md`, expected a chapter of the manuscript or a URL  [galley:link-path]'
    ])
  })

  it('is quiet on links to the web, to fragments and to the manuscript’s chapters', async () => {
    const {files} = await check({cwd: process.cwd(), path: 'tests/fixtures/link-path'})
    expect(files.map((file) => [file.path, file.messages.length])).toEqual([
      ['tests/fixtures/link-path/not-ok.md', 4],
      ['tests/fixtures/link-path/ok.md', 0]
    ])
  })
})

describe('the config and comments decide, as for every rule', () => {
  const bin = path.resolve('pipeline/bin.js')
  const galley = async (cwd: string) => {
    try {
      const {stdout} = await promisify(execFile)(process.execPath, [bin, 'check', '--reporter', 'json'], {cwd})
      return {code: 0, stdout}
    } catch (error) {
      return error as {code: number; stdout: string}
    }
  }
  const project = async (chapter: string, rules: Record<string, string>) => {
    const folder = await mkdtemp(path.join(tmpdir(), 'galley-references-'))
    await mkdir(path.join(folder, 'manuscript'))
    await writeFile(path.join(folder, 'manuscript/chapter.md'), chapter)
    await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({rules}))
    return folder
  }
  const remote = '# Harbour\n\n![The bay](https://example.org/bay.png)\n'

  it('fails the check with image-path at error, and passes it with the image silenced or the rule off', async () => {
    const failing = await galley(await project(remote, {'image-path': 'error'}))
    expect(failing.code).toBe(1)
    const [file] = JSON.parse(failing.stdout) as Array<{messages: Array<{ruleId: string; severity: string}>}>
    expect(file!.messages.map((message) => [message.ruleId, message.severity])).toEqual([['image-path', 'error']])

    const silenced = remote.replace('![The bay]', '<!-- galley ignore image-path -->\n![The bay]')
    expect((await galley(await project(silenced, {'image-path': 'error'}))).code).toBe(0)
    expect((await galley(await project(remote, {'image-path': 'off'}))).code).toBe(0)
  })

  it('sets link-path’s severity too', async () => {
    const failing = await galley(await project('# Harbour\n\nSee [the notes](notes.txt).\n', {'link-path': 'error'}))
    expect(failing.code).toBe(1)
  })
})
