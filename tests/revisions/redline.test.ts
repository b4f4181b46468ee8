// The redline as hast: <ins>/<del> with the right words, whole blocks marked, lists kept whole,
// and every move a pair of anchors that point at each other.
import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import fc from 'fast-check'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {blocksOf} from '../../pipeline/revisions/blocks.ts'
import {diffManuscripts} from '../../pipeline/revisions/diff.ts'
import {redlineCss, redlineTree} from '../../pipeline/revisions/redline.ts'
import {isWord, tokenize} from '../../pipeline/revisions/words.ts'
import {manuscriptOf} from './manuscript-of.ts'
import {manuscript, revise, revisions} from './random-revisions.ts'

const labels = {title: 'The Harbour Book', oldLabel: 'v1', newLabel: 'v2'}

function redline(before: Record<string, string>, after: Record<string, string>): Root {
  const {ops, summary} = diffManuscripts(manuscriptOf(before), manuscriptOf(after))
  return redlineTree(ops, summary, labels)
}

function elements(tree: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (element: Element) => {
    if (test(element)) found.push(element)
  })
  return found
}

const hasClass = (name: string) => (element: Element) =>
  Array.isArray(element.properties.className) && element.properties.className.includes(name)

describe('redlineTree', () => {
  it('keeps a list one list, with the edited, deleted and inserted items marked', () => {
    const tree = redline(
      {'a.md': '- salt, in twelve barrels\n- copper wire, in coils\n- seedlings of apple and pear\n- letters for the schoolmistress\n'},
      {'a.md': '- salt, in twelve barrels\n- copper wire, in heavy coils\n- letters for the schoolmistress\n- a crate of lamp oil\n'}
    )
    const lists = elements(tree, (element) => element.tagName === 'ul')
    expect(lists).toHaveLength(1)
    expect((lists[0]!.children as Element[]).map((item) => toHtml(item))).toEqual([
      '<li>salt, in twelve barrels</li>',
      '<li class="changed">copper wire, in<ins class="galley-ins"> heavy</ins> coils</li>',
      '<li class="block-deleted"><del class="galley-del">seedlings of apple and pear</del></li>',
      '<li>letters for the schoolmistress</li>',
      '<li class="changed"><ins class="galley-ins">a crate of lamp oil</ins></li>'
    ])
  })

  it('numbers the notes as the editions do, by their first call in the chapter, not by their labels', () => {
    const tree = redline(
      {
        'a.md':
          'The ledger[^ledger] and the log.[^log]\n\n[^log]: Kept daily in ink by the clerks.\n\n[^ledger]: Kept by the harbour master.\n'
      },
      {
        'a.md':
          'The ledger[^ledger] and the log.[^log]\n\n[^log]: Kept daily in blue ink by the clerks.\n\n[^ledger]: Kept by the harbour master.\n'
      }
    )
    expect(elements(tree, hasClass('footnote-ref')).map((call) => toString(call))).toEqual(['1', '2'])
    expect(elements(tree, hasClass('footnote-label')).map((label) => toString(label))).toEqual(['2.', '1.'])
    expect(toString(tree)).not.toMatch(/\[(ledger|log)\]/)
  })

  it('lays the word diff over the paragraph as written, emphasis and links included', () => {
    const tree = redline(
      {'a.md': 'The *old* ferry left [the quay](https://example.org/quay) at dawn, with salt and mail for the islands.\n'},
      {'a.md': 'The *old* ferry left [the quay](https://example.org/quay) an hour before dawn, with salt and mail for the islands.\n'}
    )
    const [changed] = elements(tree, hasClass('changed'))
    expect(toHtml(changed!)).toBe(
      '<p class="changed">The <em>old</em> ferry left <a href="https://example.org/quay">the quay</a> <del class="galley-del">at</del><ins class="galley-ins">an hour before</ins> dawn, with salt and mail for the islands.</p>'
    )
  })

  it('shows an edited table or figure whole: the old struck through, then the new', () => {
    const tree = redline(
      {'a.md': '| Ship | Tons |\n| ---- | ---- |\n| Gull | 40 |\n\n![The old quay](quay.png)\n'},
      {'a.md': '| Ship | Tons |\n| ---- | ---- |\n| Gull | 45 |\n\n![The old quay](quay-1890.png)\n'}
    )
    const changed = elements(tree, hasClass('changed'))
    expect(
      changed.map((element) => (element.children as Element[]).map((child) => [child.tagName, toString(child).replace(/\s+/g, ' ').trim()]))
    ).toEqual([
      [
        ['del', 'Ship Tons Gull 40'],
        ['ins', 'Ship Tons Gull 45']
      ],
      [
        ['del', ''],
        ['ins', '']
      ]
    ])
    const images = elements(changed[1]!, (element) => element.tagName === 'img').map((image) => image.properties.src)
    expect(images).toEqual(['quay.png', 'quay-1890.png'])
  })

  it('links each moved block and its old place both ways, across chapters too', () => {
    const a = 'Traders from the south brought indigo, copper wire and stories nobody in the market believed.'
    const b = 'Each spring the river rose over the lower meadows and left a line of silt along the orchard wall.'
    const c = 'Fishermen read the weather in the colour of the gulls and trusted the almanac only in winter.'
    const d = 'The ferry left the eastern quay an hour before dawn, carrying mail, salt and a crate of seedlings.'
    const e = 'Old maps showed a second lighthouse on the northern spit, although no trace of it remained.'
    const tree = redline(
      {'01.md': `# One\n\n${a}\n\n${b}\n\n${c}\n`, '02.md': `# Two\n\n${d}\n\n${e}\n`},
      // `b` goes to the next chapter, `e` comes up to the first and is edited on the way.
      {'01.md': `# One\n\n${e.replace('second', 'third')}\n\n${a}\n\n${c}\n`, '02.md': `# Two\n\n${d}\n\n${b}\n`}
    )
    const targets = elements(tree, hasClass('moved-to'))
    const placeholders = elements(tree, hasClass('moved-from'))
    expect(targets).toHaveLength(2)
    expect(placeholders).toHaveLength(2)
    const byId = new Map(
      elements(tree, (element) => element.properties.id !== undefined).map((element) => [String(element.properties.id), element])
    )
    expect(byId.size).toBe(elements(tree, (element) => element.properties.id !== undefined).length)
    for (const target of targets) {
      const from = byId.get(String(target.properties.href).slice(1))!
      expect(from).toBeDefined()
      const [back] = elements(from, (element) => element.tagName === 'a')
      expect(back!.properties.href).toBe(`#${target.properties.id}`)
    }
    const sections = elements(tree, (element) => element.tagName === 'section').map((section) =>
      (section.children as Element[]).map((child) => toString(child).slice(0, 30))
    )
    expect(sections).toEqual([
      ['01.md', 'One', 'Moved from ↓ Old maps showed a', 'Traders from the south brought', 'Moved to ↓', 'Fishermen read the weather in '],
      ['02.md', 'Two', 'The ferry left the eastern qua', 'Moved to ↑', 'Moved from ↑ Each spring the r']
    ])
    const [edited] = elements(tree, hasClass('moved')).filter((element) => toString(element).includes('Old maps'))
    expect(
      elements(edited!, (element) => element.tagName === 'del' || element.tagName === 'ins').map((element) => [
        element.tagName,
        toString(element)
      ])
    ).toEqual([
      ['del', 'second'],
      ['ins', 'third']
    ])
  })

  it('names renamed, removed and new chapters in their sections and in the summary table', () => {
    const text = 'Clerks in the customs house counted barrels by lamplight and argued about the new tariff.'
    const tree = redline(
      {'a.md': `# Ledgers\n\n${text}\n`, 'gone.md': 'Gone for good.\n'},
      {'b.md': `# Ledgers\n\n${text}\n`, 'new.md': 'A new chapter.\n'}
    )
    const titles = elements(tree, (element) => element.tagName === 'h2').map((heading) => toString(heading))
    expect(titles).toEqual(['b.md (was a.md)', 'gone.md (removed chapter)', 'new.md (new chapter)'])
    const rows = elements(tree, (element) => element.tagName === 'tr').map((row) => toString(row.children[0] as Element))
    expect(rows).toEqual(['Chapter', 'b.md (was a.md)', 'gone.md (removed chapter)', 'new.md (new chapter)', 'Total'])
  })
})

describe('redlineTree on random revisions', () => {
  it('reads as the new revision once deletions and move marks are left out, and every move links both ways (200 runs)', () => {
    fc.assert(
      fc.property(revisions, ({blocks, split, commands, newSplit}) => {
        const before = manuscript(blocks, split)
        const after = manuscript(revise(blocks, commands), newSplit)
        const {ops, summary} = diffManuscripts(before, after)
        const tree = redlineTree(ops, summary, labels)
        const expected = blocksOf(after.chapters, after.root).flatMap((chapter) => chapter.blocks.flatMap((block) => wordsOf(block.text)))
        const sections = elements(tree, (element) => element.tagName === 'section')
        expect(sections.flatMap((section) => wordsOf(newText(section)))).toEqual(expected)

        const ids = elements(tree, (element) => element.properties.id !== undefined).map((element) => String(element.properties.id))
        expect(new Set(ids).size).toBe(ids.length)
        const moves = ops.filter((op) => op.op === 'move').length
        expect(elements(tree, hasClass('moved-to')).map((element) => element.properties.href)).toEqual(
          Array.from({length: moves}, (_, k) => `#move-${k + 1}-from`)
        )
        expect(ids.filter((id) => id.endsWith('-from')).sort()).toEqual(Array.from({length: moves}, (_, k) => `move-${k + 1}-from`).sort())
      }),
      {numRuns: 200}
    )
  })
})

function wordsOf(text: string): string[] {
  return tokenize(text).filter(isWord)
}

/** The text of the new revision in a part of the redline: no deletions, no section titles, no move links. */
function newText(node: Element): string {
  return node.children
    .map((child) => {
      if (child.type === 'text') return child.value
      if (child.type !== 'element' || child.tagName === 'del' || child.tagName === 'h2') return ' '
      if (hasClass('moved-to')(child) || hasClass('moved-from')(child)) return ' '
      return ` ${newText(child)} `
    })
    .join('')
}

describe('redlineCss', () => {
  it('tells insertions, deletions and changed blocks apart without colour', () => {
    expect(redlineCss).toMatch(/ins\.galley-ins \{[^}]*text-decoration: underline/)
    expect(redlineCss).toMatch(/del\.galley-del \{[^}]*text-decoration: line-through/)
    expect(redlineCss).toMatch(/\.changed[^{]*\{[^}]*border-left: 3px solid/)
    expect(redlineCss).toMatch(/\.block-deleted \{[^}]*border-left-style: dashed/)
    expect(redlineCss).toMatch(/\.moved-from \{[^}]*border-left-style: double/)
  })
})
