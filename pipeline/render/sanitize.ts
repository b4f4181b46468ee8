// What the editions let into a page, whatever made it: the sanitiser's schema, and images
// embedded from inside the manuscript folder or left out. The editions' chapters pass through
// both, and so does the redline of \`galley diff\`, which renders old revisions of the text.
import path from 'node:path'
import type {Element, Root} from 'hast'
import rehypeSanitize, {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'
import {unified} from 'unified'
import {swallowing} from '../manuscript/raw-html.ts'
import {loadImage, manuscriptFolder} from '../manuscript/references.ts'
import {walk} from './elements.ts'

/**
 * GitHub's schema, tightened for a file that must load nothing: no <picture>/<source> (their
 * srcset escapes the protocol check), no longdesc, and elements whose content is code or
 * raw text are removed whole instead of left behind as text (the same elements that
 * `unclosed-html` reports when they are left open). Image sources keep every
 * scheme here, so that the editions leave such an image out for the reason the check gives. Ids are not clobbered: the
 * edition runs no script to be clobbered, and `#id` links in the manuscript keep working.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: defaultSchema.tagNames?.filter((name) => name !== 'picture' && name !== 'source'),
  attributes: {
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).filter(([name]) => name !== 'source')),
    img: (defaultSchema.attributes?.img ?? []).filter((attribute) => attribute !== 'longDesc')
  },
  protocols: {
    cite: ['http', 'https'],
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https', 'data', 'file']
  },
  clobber: [],
  strip: swallowing
}

/**
 * Images from inside the manuscript folder become data: URLs, so the edition is one file.
 * Anything else would be a request from the reader's browser (or the printing one) to the
 * network or the disk: it is left out, and the check's `image-path` rule says why.
 */
export function inlineImages(tree: Root, chapterFolder: string, folder: string): void {
  walk(tree, [], (element, ancestors) => {
    if (element.tagName !== 'img') return
    const image = loadImage(String(element.properties.src ?? ''), chapterFolder, folder)
    if ('data' in image) {
      element.properties.src = image.data
      return
    }
    const parent = ancestors.at(-1) ?? tree
    parent.children.splice(parent.children.indexOf(element), 1)
  })
}

/**
 * Galley's own markup around the text: the redline's marks and sections (classes, data
 * attributes). Its text comes from the manuscript, so links and images are held to the
 * editions' rules all the same.
 */
const redlineSchema: SanitizeSchema = {
  ...sanitizeSchema,
  tagNames: [...(sanitizeSchema.tagNames ?? []), 'article', 'header', 'section', 'caption'],
  attributes: Object.fromEntries(
    Object.entries(sanitizeSchema.attributes ?? {}).map(([tag, allowed]) => [
      tag,
      // An element's own list wins over `*`, and GitHub's limits some classes to a few values.
      [...allowed.filter((attribute) => !(Array.isArray(attribute) && attribute[0] === 'className')), 'className', 'id', 'data*']
    ])
  )
}

/**
 * The redline's article, sanitised as an edition's chapters are, with each image embedded from
 * the manuscript folder (relative to its chapter, which each section names in \`data-chapter\`)
 * or left out. \`root\` is the manuscript's folder in the working tree.
 */
export function safeArticle(article: Element, root: string): Element {
  const folder = manuscriptFolder(root)
  const tree = unified()
    .use(rehypeSanitize, redlineSchema)
    .runSync({type: 'root', children: [structuredClone(article)]}) as Root
  const safe = tree.children.find((child): child is Element => child.type === 'element')!
  walk(safe, [], (element) => {
    if (element.tagName !== 'section' || element.properties.dataChapter === undefined) return
    const chapter = path.resolve(folder, String(element.properties.dataChapter))
    inlineImages({type: 'root', children: [element]}, path.dirname(chapter), folder)
  })
  return safe
}
