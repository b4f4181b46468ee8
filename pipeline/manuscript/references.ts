// What a chapter may reach outside its own text: images inside the manuscript's folder, and
// links to its chapters or to the web. The check reports what is refused (`image-path`,
// `link-path`); the editions embed and link only what is allowed. One decision, two readers.
import {readFileSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {isInside} from '../fs/inside.ts'

/** An image the editions can embed, or why they cannot. */
export type ImageSource = {data: string} | {refused: string}

const imageTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml'
}

const imageData = /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i
const scheme = /^[a-z][a-z\d+.-]*:/i

/** The real folder a manuscript's files must lie in: its folder, or the folder of its one file. */
export function manuscriptFolder(root: string): string {
  const folder = statSync(root, {throwIfNoEntry: false})?.isFile() ? path.dirname(root) : root
  try {
    return realpathSync(folder)
  } catch {
    // A revision read from git may live in a folder the working tree no longer has.
    return path.resolve(folder)
  }
}

/**
 * Why an image cannot be embedded, or undefined when it can. Anything but a file inside the
 * manuscript folder would be a request from the reader's browser (or the printing one) to the
 * network or the disk.
 */
export function imageRefusal(src: string, chapterFolder: string, folder: string): string | undefined {
  const found = locateImage(src, chapterFolder, folder)
  return typeof found === 'string' ? found : undefined
}

/** The image as a data: URL for the editions, or why it is left out. */
export function loadImage(src: string, chapterFolder: string, folder: string): ImageSource {
  const found = locateImage(src, chapterFolder, folder)
  if (typeof found === 'string') return {refused: found}
  if ('data' in found) return found
  return {data: `data:${found.type};base64,${readFileSync(found.file).toString('base64')}`}
}

function locateImage(src: string, chapterFolder: string, folder: string): string | {data: string} | {file: string; type: string} {
  if (!src) return 'no source'
  const shown = src.length > 60 ? `${src.slice(0, 57)}…` : src
  if (src.startsWith('data:')) {
    return imageData.test(src) ? {data: src} : `Unexpected image \`${shown}\`, expected a PNG, JPEG, GIF, WebP, AVIF or SVG image`
  }
  if (/^(https?:)?\/\//i.test(src)) return `Unexpected remote image \`${shown}\`, expected a file inside the manuscript (nothing is fetched)`
  const outside = `Unexpected image path \`${shown}\` outside the manuscript`
  if (scheme.test(src) || path.isAbsolute(src)) return outside
  let relative: string
  try {
    relative = decodeURIComponent(src.replace(/[?#].*$/, ''))
  } catch {
    return `Unexpected image path \`${shown}\`, expected a URL-encoded path`
  }
  const target = path.resolve(chapterFolder, relative)
  let real: string
  try {
    // The real path: a symlink inside the folder must not lead out of it.
    real = realpathSync(target)
  } catch {
    return isInside(target, folder) ? `Unexpected image path \`${shown}\`, no such file` : outside
  }
  if (!isInside(real, folder)) return outside
  const type = imageTypes[path.extname(real).toLowerCase()]
  if (!type) return `Unexpected image \`${shown}\`, expected a PNG, JPEG, GIF, WebP, AVIF or SVG image`
  if (!statSync(real).isFile()) return `Unexpected image path \`${shown}\`, expected a file`
  return {file: real, type}
}

/**
 * Where a link inside the manuscript leads: `file` is the chapter's absolute path (the linking
 * chapter itself for `#fragment`), `fragment` the decoded id. Undefined for a link with a
 * scheme, which leaves the book (http, https, mailto) or which the sanitiser removes.
 */
export function linkTarget(href: string, chapterSource: string): {file: string; fragment: string} | undefined {
  if (scheme.test(href)) return undefined
  const [target = '', fragment = ''] = href.split('#', 2)
  const file = target === '' ? chapterSource : path.resolve(path.dirname(chapterSource), safeDecode(target.replace(/\?.*$/, '')))
  return {file, fragment: safeDecode(fragment)}
}

/** The reason a link that leads to no chapter is dropped from the editions. */
export function linkRefusal(href: string): string {
  return `Unexpected link to \`${href}\`, expected a chapter of the manuscript or a URL`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
