// Soft hyphens go into prose only, in the language of the nearest `lang`.
import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {expect, test} from 'vitest'
import {rehypeHyphenate} from '../../pipeline/render/hyphenate.ts'

async function hyphenated(tree: Root): Promise<string> {
  await rehypeHyphenate()(tree)
  return toHtml(tree).replaceAll('\u00ad', '·')
}

test('prose gets soft hyphens from the American English patterns for `en`', async () => {
  const tree: Root = {type: 'root', children: [h('html', {lang: 'en'}, [h('body', [h('p', 'A certain king had a beautiful garden')])])]}
  expect(await hyphenated(tree)).toBe('<html lang="en"><body><p>A cer·tain king had a beau·ti·ful gar·den</p></body></html>')
})

test('headings, code, the contents and addresses keep their words whole', async () => {
  const tree: Root = {
    type: 'root',
    children: [
      h('html', {lang: 'en'}, [
        h('body', [
          h('h2', 'Beautiful gardens'),
          h('nav.toc', [h('a', {href: '#x'}, 'Beautiful gardens')]),
          h('pre', [h('code', 'beautiful()')]),
          h('p', ['See ', h('a', {href: 'https://example.com/beautiful'}, 'https://example.com/beautiful'), ' for beautiful things'])
        ])
      ])
    ]
  }
  expect(await hyphenated(tree)).toBe(
    '<html lang="en"><body><h2>Beautiful gardens</h2><nav class="toc"><a href="#x">Beautiful gardens</a></nav>' +
      '<pre><code>beautiful()</code></pre><p>See <a href="https://example.com/beautiful">https://example.com/beautiful</a> for beau·ti·ful things</p></body></html>'
  )
})

test('an element in another language uses that language, and one without patterns is left alone', async () => {
  const tree: Root = {
    type: 'root',
    children: [
      h('html', {lang: 'en'}, [h('body', [h('p', {lang: 'de'}, 'wunderschönen Garten'), h('p', {lang: 'x-unknown'}, 'beautiful')])])
    ]
  }
  expect(await hyphenated(tree)).toBe(
    '<html lang="en"><body><p lang="de">wun·der·schö·nen Gar·ten</p><p lang="x-unknown">beautiful</p></body></html>'
  )
})
