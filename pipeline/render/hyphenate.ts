// Soft hyphens in the prose of the print edition, from TeX's hyphenation patterns for each
// element's language (Liang's algorithm, the `hyphen` package), so justified lines can break
// words where a dictionary would rather than stretch their spaces; and only where a typesetter
// would: not near a word's edge, not in a name, not in a word that has a hyphen of its own.
import type {Element, Root} from 'hast'
import type {HyphenationFunctionSync} from 'hyphen'

type Hyphenate = (text: string) => string

/** Text that is not running prose, or must stay exactly as typed. */
const untouched = new Set([
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'script',
  'style',
  'title',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'nav',
  'svg',
  'math',
  // Captions are display type, like headings: a broken word reads as a fault there.
  'figcaption',
  'caption'
])

/** Addresses keep their letters together: a soft hyphen inside one corrupts a copied URL. */
const address = /(\S+:\/\/\S+|www\.\S+|\S+@\S+\.\S+)/

/** As CSS's `hyphenate-limit-chars`: the shortest word broken, and the fewest letters before and after a break. */
export type HyphenateLimits = readonly [word: number, before: number, after: number]

/** A rehype plugin; the language comes from the nearest `lang` attribute, as in the browser. */
export function rehypeHyphenate(limits: HyphenateLimits) {
  return async (tree: Root): Promise<void> => {
    const hyphenators = new Map<string, Hyphenate | undefined>()
    for (const lang of languagesOf(tree)) {
      const patterns = await hyphenatorFor(lang)
      hyphenators.set(lang, patterns && settled(patterns, limits, lang))
    }
    walk(tree, undefined, hyphenators)
  }
}

/** A word as the patterns leave it: letters, marks, apostrophes, soft and hard hyphens. */
const word = /[\p{L}\p{M}\u00ad'’\-‐]+/gu

/** Languages that capitalise every noun: a capital there does not mark a name. */
const capitalisedNouns = new Set(['de', 'lb'])

/**
 * Each word hyphenated and settled once: a book repeats its words, and the patterns read text
 * a character at a time (the print of 100 Brown chapters spent a second here, most of it on
 * words already seen).
 */
function settled(patterns: Hyphenate, limits: HyphenateLimits, lang: string): Hyphenate {
  const done = new Map<string, string>()
  return (text) =>
    text.replace(word, (found) => {
      let kept = done.get(found)
      if (kept === undefined) {
        kept = settle(patterns(found), limits, lang)
        done.set(found, kept)
      }
      return kept
    })
}

/** The soft hyphens of one word that a typesetter would keep. */
function settle(found: string, [shortest, before, after]: HyphenateLimits, lang: string): string {
  if (!found.includes('\u00ad')) return found
  const letters = found.replace(/\u00ad/g, '')
  const name = /^\p{Lu}/u.test(letters) && !capitalisedNouns.has(lang.split('-')[0]!)
  if (name || /[-‐]/.test(letters) || [...letters].length < shortest) return letters
  const pieces = found.split('\u00ad')
  let kept = pieces[0]!
  let seen = [...kept].length
  const total = [...letters].length
  for (const piece of pieces.slice(1)) {
    kept += seen >= before && total - seen >= after ? `\u00ad${piece}` : piece
    seen += [...piece].length
  }
  return kept
}

function walk(node: Root | Element, lang: string | undefined, hyphenators: Map<string, Hyphenate | undefined>): void {
  for (const child of node.children) {
    if (child.type === 'text') {
      const hyphenate = lang === undefined ? undefined : hyphenators.get(lang)
      if (hyphenate) {
        child.value = child.value
          .split(address)
          .map((part, index) => (index % 2 === 1 ? part : hyphenate(part)))
          .join('')
      }
    } else if (child.type === 'element' && !untouched.has(child.tagName) && !isDisplay(child)) {
      walk(child, langOf(child) ?? lang, hyphenators)
    }
  }
}

/** The title page is display type, set unbroken. */
function isDisplay(element: Element): boolean {
  const className = element.properties.className
  return Array.isArray(className) && className.includes('title-block')
}

function languagesOf(node: Root | Element, found = new Set<string>()): Set<string> {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const lang = langOf(child)
    if (lang !== undefined) found.add(lang)
    languagesOf(child, found)
  }
  return found
}

function langOf(element: Element): string | undefined {
  const lang = element.properties.lang
  return typeof lang === 'string' ? lang.toLowerCase() : undefined
}

/**
 * The patterns for a BCP 47 tag: the whole tag (`en-gb`), else its language (`de-at` → `de`);
 * plain `en` is American English, as in TeX. A language without patterns is not hyphenated.
 */
async function hyphenatorFor(lang: string): Promise<Hyphenate | undefined> {
  const primary = lang.split('-')[0]
  for (const code of [lang === 'en' ? 'en-us' : lang, primary === 'en' ? 'en-us' : primary]) {
    // The tag comes from the manuscript: only plain tags may become a module path.
    if (!code || !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(code)) continue
    try {
      const patterns = (await import(`hyphen/${code}/index.js`)) as {default: {hyphenateSync: HyphenationFunctionSync}}
      return (text) => patterns.default.hyphenateSync(text)
    } catch {
      // No patterns under this name; try the next.
    }
  }
  return undefined
}
