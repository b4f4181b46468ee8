// The parser reads the generic directives Galley knows, and only those: prose with a colon in it
// parses exactly as it did before directives were read at all.
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {parse} from '../../pipeline/manuscript/parse.ts'

const withoutDirectives = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)

const strip = (tree: Root): unknown => JSON.parse(JSON.stringify(tree))

describe('a colon before a name Galley does not know', () => {
  it.each([
    'The ratio was 3:1, and Note:see the ledger.',
    'At 10:30 the keeper wrote a:b[x *y*]{.c} and went on.',
    'A label:x[the chart](chart.md) stays a link.',
    '::before is a pseudo-element.\n',
    'A line\n::leaf[label]\nand more.\n',
    ':::aside[A *note*]{#n}\nThe body.\n:::\n',
    '- one:two\n  ::three\n',
    '> quoted:text[label]\n',
    '# Heading:with colon\n',
    ':::Figure is not the name, nor ::figure a leaf, nor :figure text.\n',
    'http://example.org:8080/path and mailto:someone@example.org'
  ])('is text, as without directives: %j', (markdown) => {
    expect(strip(parse(new VFile(markdown)))).toEqual(strip(withoutDirectives.parse(markdown)))
  })
})

describe('the directives Galley knows', () => {
  it('are read: figures and tables as containers, references inline', () => {
    const tree = parse(new VFile(':::figure[Caption]{#harbour}\n![alt](bay.png)\n:::\n\n:::table{#tides}\n| a |\n| - |\n:::\n\nSee :ref{#harbour}.\n'))
    const found: string[] = []
    visit(tree, (node) => {
      if (node.type === 'containerDirective' || node.type === 'textDirective') found.push(`${node.type} ${node.name} #${node.attributes?.id}`)
    })
    expect(found).toEqual(['containerDirective figure #harbour', 'containerDirective table #tides', 'textDirective ref #harbour'])
  })
})
