// What a chapter may reach outside its own text: images inside the manuscript's folder, and
// links to its chapters or to the web. The check reports what is refused (`image-path`,
// `link-path`); the editions embed and link only what is allowed. One decision, two readers.
import {closeSync, openSync, readFileSync, readSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {imageSize} from 'image-size'
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

/** What image-size finds in an image's bytes, as the editions' media types. */
const sniffedTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml'
}

const typeName: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/avif': 'AVIF',
  'image/svg+xml': 'SVG'
}

/**
 * An image is embedded in every edition as a data: URL, and decoded by the printing browser:
 * a 90 MB image crashed it, and a 2 GB one ran the build out of memory. A full page at 300 dpi
 * is 9 megapixels and a few MB.
 */
export const maxImageBytes = 20 * 1024 * 1024
export const maxImagePixels = 50_000_000

/** Enough of an image's start for its dimensions: image-size reads only the headers. */
const headerBytes = 512 * 1024

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
    if (!imageData.test(src)) return `Unexpected image \`${shown}\`, expected a PNG, JPEG, GIF, WebP, AVIF or SVG image`
    const base64 = /^data:[^,]*;base64,/i.exec(src)
    // Text SVG in a data: URL has no pixels to count; it is as big as the chapter allows.
    const claimed = `image/${imageData.exec(src)![1]!.toLowerCase()}`
    const refusal = base64 && contentRefusal(Buffer.from(src.slice(base64[0].length), 'base64'), shown, claimed)
    return refusal || {data: src}
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
  const info = statSync(real)
  if (!info.isFile()) return `Unexpected image path \`${shown}\`, expected a file`
  if (info.size > maxImageBytes) return `Unexpected image \`${shown}\` of ${megabytes(info.size)}, over the limit of ${megabytes(maxImageBytes)}`
  const refusal = contentRefusal(readStart(real, headerBytes), shown, type)
  return refusal ?? {file: real, type}
}

/**
 * Why an image's bytes cannot be embedded: they are not an image, not the type its name or
 * data: URL claims (a browser may sniff past the claim, a print shop's tools do not), or too
 * many pixels to decode.
 */
function contentRefusal(bytes: Uint8Array, shown: string, claimed: string): string | undefined {
  let size: ReturnType<typeof imageSize> | undefined
  try {
    size = imageSize(bytes)
  } catch {
    // image-size throws on bytes it does not know, and on an SVG without a size or viewBox.
    if (/<svg[\s>]/.test(Buffer.from(bytes.subarray(0, 4096)).toString('utf8'))) size = {type: 'svg', width: 0, height: 0}
  }
  const sniffed = size?.type ? sniffedTypes[size.type] : undefined
  if (!size || !sniffed) {
    return `Unexpected image \`${shown}\`, its bytes are not a PNG, JPEG, GIF, WebP, AVIF or SVG image`
  }
  if (sniffed !== claimed) return `Unexpected image \`${shown}\`, its bytes are a ${typeName[sniffed]} image, not the ${typeName[claimed]} its name says`
  const pixels = (size.width ?? 0) * (size.height ?? 0)
  if (size.type !== 'svg' && pixels > maxImagePixels) {
    return `Unexpected image \`${shown}\` of ${size.width}×${size.height} pixels, over the limit of ${maxImagePixels / 1_000_000} megapixels`
  }
  return undefined
}

function readStart(file: string, bytes: number): Uint8Array {
  const buffer = Buffer.alloc(bytes)
  const descriptor = openSync(file, 'r')
  try {
    return buffer.subarray(0, readSync(descriptor, buffer, 0, bytes, 0))
  } finally {
    closeSync(descriptor)
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`
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
