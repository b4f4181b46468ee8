// The images and links a chapter's text points at, in Markdown and in raw HTML, with their
// places: what `image-path` and `link-path` collect. Plain data, so it caches with the chapter.
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import type {Root} from 'mdast'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'

export interface Target {
  url: string
  place: Position
}

const tags = {image: 'img', link: 'a'} as const
const attributes = {image: 'src', link: 'href'} as const

export function targetsOf(tree: Root, kind: 'image' | 'link'): Target[] {
  const definitions = new Map<string, string>()
  visit(tree, 'definition', (node) => {
    // The first definition of a label wins, as CommonMark says.
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url)
  })
  const found: Target[] = []
  const add = (url: string | undefined, place: Position | undefined) => {
    if (url !== undefined && place) found.push({url, place})
  }
  const tag = tags[kind]
  const opens = new RegExp(`<${tag}\\b`, 'i')
  visit(tree, (node) => {
    if (node.type === kind) add(node.url, node.position)
    else if (node.type === `${kind}Reference` && 'identifier' in node) add(definitions.get(node.identifier), node.position)
    else if (node.type === 'html' && opens.test(node.value)) {
      // Raw HTML reaches the editions through rehype-raw, so its tags count like Markdown's;
      // each is placed at its HTML node, which is as near as the Markdown tree knows.
      visit(fromHtml(node.value, {fragment: true}), 'element', (element: Element) => {
        const url = element.tagName === tag ? element.properties[attributes[kind]] : undefined
        if (url !== undefined && url !== null) add(String(url), node.position)
      })
    }
  })
  return found
}
