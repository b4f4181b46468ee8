// Where the manuscript has each printed block: headings, paragraphs and images found by their
// text (an image by its alternative text) in the chapters' Markdown trees, whose nodes carry
// positions. The print adds text the manuscript lacks (the title page, the contents, notes'
// labels), so blocks and nodes are aligned in order, as the longest run of matches that keeps
// both orders: a paragraph written twice is placed at each of its places, not twice at one.
import type {Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import type {ParsedManuscript} from '../manuscript/types.ts'
import type {PrintedBlock} from './pages.ts'

interface Written {
  role: PrintedBlock['role']
  key: Key
  path: string
  position: Position
}

interface Key {
  letters: string
  /** Latin letters alone: a glyph the font lacked prints as nothing, so other scripts may be missing from the print. */
  latin: string
}

/** Letters only: the print adds quotes, dashes, hyphens at line ends, soft hyphens and notes' numbers. */
function keyOf(text: string): Key {
  const letters = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '')
  return {letters, latin: letters.replace(/\P{Script=Latin}/gu, '')}
}

/** Enough of a paragraph to tell it from another, and not so much that a note's text or a missing glyph at its end loses it. */
const prefix = 40

/** The ways a block's text may find a node: all its letters, their first `prefix`, or its Latin letters. */
function lookupsOf(role: string, key: Key): string[] {
  const lookups = [`${role}:=${key.letters}`]
  if (key.letters.length >= prefix) lookups.push(`${role}:<${key.letters.slice(0, prefix)}`)
  if (key.latin.length > 0) lookups.push(`${role}:~${key.latin}`)
  return lookups
}

function writtenBlocks(manuscript: ParsedManuscript): Written[] {
  const written: Written[] = []
  for (const chapter of manuscript.chapters) {
    visit(chapter.tree, (node: Nodes) => {
      const role =
        node.type === 'heading' ? 'heading' : node.type === 'paragraph' ? 'paragraph' : node.type === 'image' ? 'figure' : undefined
      if (!role || !node.position) return
      const text = node.type === 'image' ? (node.alt ?? '') : toString(node)
      written.push({role, key: keyOf(text), path: chapter.file.path, position: node.position})
    })
  }
  return written
}

/** Sets `place` on each block found in the manuscript. */
export function placeBlocks(blocks: PrintedBlock[], manuscript: ParsedManuscript): void {
  const written = writtenBlocks(manuscript)
  const index = new Map<string, number[]>()
  written.forEach((node, at) => {
    for (const lookup of lookupsOf(node.role, node.key)) {
      if (!index.has(lookup)) index.set(lookup, [])
      index.get(lookup)!.push(at)
    }
  })
  const candidates = blocks.map((block) => {
    const key = keyOf(block.text)
    if (block.role !== 'figure' && key.letters === '') return []
    const found = new Set(lookupsOf(block.role, key).flatMap((lookup) => index.get(lookup) ?? []))
    return [...found].sort((a, b) => a - b)
  })
  for (const [block, node] of longestIncreasing(candidates)) {
    const {path, position} = written[node]!
    blocks[block]!.place = {path, position}
  }
}

/**
 * Pairs (block, node), one node per block at most, with nodes increasing as blocks do, as many
 * as can be: patience sorting for the longest increasing subsequence, a block's candidates
 * taken from the last to the first so that no two of them join one run.
 */
function longestIncreasing(candidates: number[][]): Array<[number, number]> {
  const steps: Array<{block: number; node: number; previous: number | undefined}> = []
  /** For each length of run, the step that ends one on the smallest node. */
  const tails: number[] = []
  candidates.forEach((nodes, block) => {
    for (const node of [...nodes].reverse()) {
      let low = 0
      let high = tails.length
      while (low < high) {
        const middle = (low + high) >> 1
        if (steps[tails[middle]!]!.node < node) low = middle + 1
        else high = middle
      }
      steps.push({block, node, previous: low > 0 ? tails[low - 1] : undefined})
      tails[low] = steps.length - 1
    }
  })
  const pairs: Array<[number, number]> = []
  for (let at = tails.at(-1); at !== undefined; at = steps[at]!.previous) pairs.unshift([steps[at]!.block, steps[at]!.node])
  return pairs
}
