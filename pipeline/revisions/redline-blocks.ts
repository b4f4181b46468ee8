// How one block looks in the redline: as the edition would show it (from its mdast), and, when
// edited, with its word diff laid over that rendering so emphasis, links and notes survive.
import type {Element, ElementContent, Root, Text} from 'hast'
import {h} from 'hastscript'
import type {FootnoteDefinition, FootnoteReference, Root as MdastRoot, RootContent} from 'mdast'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import type {Block} from './blocks.ts'
import type {Segment} from './words.ts'

/** The block as the HTML edition would show it, as one element (a list item's paragraph becomes the <li>). */
export function renderBlock(block: Block): Element {
  return shell(block, faithful(block))
}

/** An edited block with <ins>/<del> in its text; tables, figures and raw HTML whole, old then new. */
export function renderEdited(old: Block, block: Block, segments: Segment[]): Element {
  if (block.kind === 'table' || block.kind === 'figure' || block.kind === 'html' || old.kind !== block.kind) {
    const before = h('del.galley-del', [renderBlock(old)])
    const after = h('ins.galley-ins', [renderBlock(block)])
    return addClass(h(isListed(block) ? 'li' : 'div', [before, after]), 'changed')
  }
  const element = renderBlock(block)
  // Text the overlay cannot follow (an image's alt text, a hard break) falls back to plain words.
  return addClass(overlay(element, segments) ? element : plain(block, segments), 'changed')
}

export function addClass(element: Element, className: string): Element {
  const current = element.properties.className
  element.properties.className = [...(Array.isArray(current) ? current.map(String) : current ? [String(current)] : []), className]
  return element
}

export function isListed(block: Block): boolean {
  return block.container === 'ul' || block.container === 'ol'
}

function faithful(block: Block): ElementContent[] {
  if (block.kind === 'html') return [h('pre.html-block', [h('code', block.text)])]
  if (block.kind === 'footnote') {
    const node = block.node as FootnoteDefinition
    return [h('div.footnote', [h('span.footnote-label', noteLabel(block, node)), ' ', ...toHast(node.children, block)])]
  }
  const children = toHast([block.node as RootContent], block)
  if (block.kind === 'heading') for (const child of children) if (child.type === 'element') child.tagName = headingTag(block)
  return children
}

function shell(block: Block, children: ElementContent[]): Element {
  const elements = children.filter((child): child is Element => child.type === 'element')
  const only = elements.length === 1 ? elements[0]! : undefined
  if (isListed(block)) return only?.tagName === 'p' ? h('li', only.children) : only?.tagName === 'li' ? only : h('li', children)
  return only ?? h('div', children)
}

/** The word diff as plain text in the block's element. */
function plain(block: Block, segments: Segment[]): Element {
  const words: ElementContent[] = segments.map((segment) =>
    segment.op === 'equal' ? text(segment.text) : h(tagOf(segment.op), segment.text)
  )
  switch (block.kind) {
    case 'heading':
      return h(headingTag(block), words)
    case 'code':
      return shell(block, [h('pre', [h('code', words)])])
    case 'footnote':
      return h('div.footnote', [h('span.footnote-label', noteLabel(block, block.node as FootnoteDefinition)), ' ', ...words])
    default:
      return h(isListed(block) ? 'li' : 'p', words)
  }
}

/**
 * Lay the segments over the element's text nodes. The new text (equal and inserted segments)
 * is matched character by character against the rendering; whitespace may differ in amount
 * (the block's text is collapsed), labels of notes are skipped, and deletions go in where the
 * new text reaches them. Returns false, leaving the element as it was, when the text differs.
 */
function overlay(element: Element, segments: Segment[]): boolean {
  const chars: string[] = []
  const ops: Array<'equal' | 'insert'> = []
  const deletedAt = new Map<number, string>()
  for (const segment of segments) {
    if (segment.op === 'delete') deletedAt.set(chars.length, (deletedAt.get(chars.length) ?? '') + segment.text)
    else {
      for (const char of segment.text) {
        chars.push(char)
        ops.push(segment.op)
      }
    }
  }

  const replacements = new Map<Text, ElementContent[]>()
  let cursor = 0
  let last: ElementContent[] | undefined
  const visit = (node: Element): boolean => {
    for (const child of node.children) {
      if (child.type === 'element') {
        const label = ['footnote-ref', 'footnote-label'].some((name) => String(child.properties.className ?? '').includes(name))
        if (!label && !visit(child)) return false
        continue
      }
      if (child.type !== 'text') continue
      const pieces: ElementContent[] = []
      const put = (op: 'equal' | 'insert', char: string) => {
        const previous = pieces.at(-1)
        if (op === 'equal' && previous?.type === 'text') previous.value += char
        else if (op === 'insert' && previous?.type === 'element' && previous.tagName === 'ins') (previous.children[0] as Text).value += char
        else pieces.push(op === 'equal' ? text(char) : h(tagOf('insert'), char))
      }
      for (const char of child.value) {
        const space = /\s/.test(char)
        if (cursor < chars.length && (char === chars[cursor] || (space && /\s/.test(chars[cursor]!)))) {
          const deleted = deletedAt.get(cursor)
          if (deleted !== undefined) pieces.push(h(tagOf('delete'), deleted))
          deletedAt.delete(cursor)
          put(ops[cursor]!, chars[cursor]!)
          cursor++
        } else if (space) put('equal', char)
        else return false
      }
      replacements.set(child, pieces)
      last = pieces
    }
    return true
  }
  if (!visit(element) || cursor !== chars.length) return false
  const trailing = deletedAt.get(chars.length)
  if (trailing !== undefined) {
    if (!last) return false
    last.push(h(tagOf('delete'), trailing))
  }
  replace(element, replacements)
  return true
}

function replace(node: Element, replacements: Map<Text, ElementContent[]>): void {
  node.children = node.children.flatMap((child) => {
    if (child.type === 'text') return replacements.get(child) ?? [child]
    if (child.type === 'element') replace(child, replacements)
    return [child]
  })
}

function tagOf(op: 'insert' | 'delete'): string {
  return op === 'insert' ? 'ins.galley-ins' : 'del.galley-del'
}

function text(value: string): Text {
  return {type: 'text', value}
}

/** The chapter's own h1 sits under the redline's title (h1) and the chapter's name (h2). */
function headingTag(block: Block): string {
  const depth = block.node.type === 'heading' ? block.node.depth : 1
  return `h${Math.min(depth + 2, 6)}`
}

/** A note's number in its chapter, as the editions print it; a note never called keeps its label. */
function noteNumber(block: Block, node: FootnoteReference | FootnoteDefinition): string {
  return String(block.notes[node.identifier.toLowerCase()] ?? node.label ?? node.identifier)
}

function noteLabel(block: Block, node: FootnoteDefinition): string {
  return `${noteNumber(block, node)}.`
}

// A note's call renders as a superscript mark, numbered afterwards from the block's chapter
// (`noteNumber`); the redline shows the notes themselves as blocks of their own.
const processor = unified().use(remarkRehype, {
  handlers: {
    footnoteReference: (_state: unknown, node: FootnoteReference): Element =>
      h('sup.footnote-ref', {dataNote: node.identifier.toLowerCase()}, node.label ?? node.identifier),
    // A cross-reference is shown as written: the redline compares the text, not the edition's numbers.
    textDirective: (_state: unknown, node: Extract<RootContent, {type: 'textDirective'}>): Text =>
      text(`:${node.name}{#${node.attributes?.id ?? ''}}`)
  }
})

function toHast(nodes: RootContent[], block: Block): ElementContent[] {
  const tree: MdastRoot = {type: 'root', children: [...nodes, ...block.definitions]}
  const rendered = (processor.runSync(tree) as Root).children.filter((child): child is ElementContent => child.type !== 'doctype')
  numberCalls(rendered, block)
  return rendered
}

function numberCalls(nodes: ElementContent[], block: Block): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    const id = node.properties.dataNote
    if (typeof id === 'string') {
      node.children = [text(String(block.notes[id] ?? id))]
      delete node.properties.dataNote
    } else numberCalls(node.children, block)
  }
}
