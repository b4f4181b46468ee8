// Soft hyphens go into prose only, in the language of the nearest `lang`, and only where a
// typesetter would break a word.
import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {expect, test} from 'vitest'
import {rehypeHyphenate, type HyphenateLimits} from '../../pipeline/render/hyphenate.ts'

async function hyphenated(tree: Root, limits: HyphenateLimits = [6, 3, 3]): Promise<string> {
  await rehypeHyphenate(limits)(tree)
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

const paragraph = (text: string, lang = 'en'): Root => ({type: 'root', children: [h('html', {lang}, [h('body', [h('p', text)])])]})

test('no break leaves fewer than three letters on either side, or breaks a word under six', async () => {
  // The patterns give most·ly, de·spite, ac·cord·ing and pro·vide.
  expect(await hyphenated(paragraph('mostly despite according provide'))).toBe(
    '<html lang="en"><body><p>mostly despite accord·ing pro·vide</p></body></html>'
  )
  // The limits are the config's: with CSS's own default, `auto` (5 2 2), the patterns' breaks come back.
  expect(await hyphenated(paragraph('mostly despite according provide'), [5, 2, 2])).toBe(
    '<html lang="en"><body><p>most·ly de·spite ac·cord·ing pro·vide</p></body></html>'
  )
})

test('names, words with a hyphen of their own, and captions are not broken', async () => {
  const tree: Root = {
    type: 'root',
    children: [
      h('html', {lang: 'en'}, [
        h('body', [
          h('p', 'Margaret wrote ninety-seven beautiful letters'),
          h('figure', [h('figcaption', 'Beautiful harbours')]),
          h('table', [h('caption', 'Beautiful harbours')])
        ])
      ])
    ]
  }
  expect(await hyphenated(tree)).toBe(
    '<html lang="en"><body><p>Margaret wrote ninety-seven beau·ti·ful let·ters</p>' +
      '<figure><figcaption>Beautiful harbours</figcaption></figure><table><caption>Beautiful harbours</caption></table></body></html>'
  )
})

test('German nouns are capitalised, not names, and are broken by the German patterns', async () => {
  expect(await hyphenated(paragraph('Die Gartenmauer', 'de'))).toBe('<html lang="de"><body><p>Die Gar·ten·mauer</p></body></html>')
})
