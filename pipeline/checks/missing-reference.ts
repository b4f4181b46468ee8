// `missing-reference`: a cross-reference (`:ref{#harbour}`) that names no figure, table, heading
// or note anywhere in the manuscript, which the editions would print as it was written; and a
// figure or table id given twice, so that a reference could mean either.
import GithubSlugger from 'github-slugger'
import {distance} from 'fastest-levenshtein'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {z} from 'zod'
import {directiveId, isDirective, notePrefix} from '../manuscript/directives.ts'
import {crossFileRule} from './cross-file.ts'

const options = z.strictObject({})

interface Named {
  id: string
  place: Position
}

interface Features {
  /** Ids given to figures and tables, which a reference names first. */
  given: Named[]
  /** Headings by GitHub's slug of their words in this chapter, and footnotes as `fn-<label>`. */
  implied: Named[]
  refs: Array<{id?: string; place: Position}>
}

type Finding =
  | {kind: 'missing'; id: string; near?: string; place: Position}
  | {kind: 'no-id'; place: Position}
  | {kind: 'duplicate'; id: string; place: Position; first: {chapter: number; place: Position}}

export const rule = crossFileRule({
  id: 'missing-reference',
  summary: 'A cross-reference (`:ref{#id}`) to an id that no figure, table, heading or note has, or an id given twice.',
  options,
  collect(tree: Root): Features {
    const features: Features = {given: [], implied: [], refs: []}
    const slugger = new GithubSlugger()
    const called = new Set<string>()
    const notes: Array<{label: string; place: Position}> = []
    visit(tree, (node) => {
      const place = node.position
      if (node.type === 'footnoteReference') called.add(node.identifier.toLowerCase())
      if (!place) return
      if (node.type === 'heading') features.implied.push({id: slugger.slug(toString(node)), place})
      else if (node.type === 'footnoteDefinition') notes.push({label: node.identifier.toLowerCase(), place})
      else if (isDirective(node) && node.type === 'containerDirective') {
        const id = directiveId(node)
        if (id) features.given.push({id, place})
      } else if (isDirective(node) && node.type === 'textDirective') features.refs.push({id: directiveId(node), place})
    })
    // The editions print a note only where its chapter calls it.
    for (const {label, place} of notes) if (called.has(label)) features.implied.push({id: `${notePrefix}${label}`, place})
    return features
  },
  analyse(chapters: Features[]): Finding[][] {
    const first = new Map<string, {chapter: number; place: Position}>()
    const findings: Finding[][] = chapters.map(() => [])
    chapters.forEach((features, chapter) => {
      for (const {id, place} of features.given) {
        const earlier = first.get(id)
        if (earlier) findings[chapter]!.push({kind: 'duplicate', id, place, first: earlier})
        else first.set(id, {chapter, place})
      }
    })
    const known = [...first.keys(), ...chapters.flatMap((features) => features.implied.map((named) => named.id))]
    const ids = new Set(known)
    chapters.forEach((features, chapter) => {
      for (const {id, place} of features.refs) {
        if (id === undefined) findings[chapter]!.push({kind: 'no-id', place})
        else if (!ids.has(id) && !(id.toLowerCase().startsWith(notePrefix) && ids.has(id.toLowerCase())))
          findings[chapter]!.push({kind: 'missing', id, near: nearest(id, known), place})
      }
      findings[chapter]!.sort((one, other) => (one.place.start.offset ?? 0) - (other.place.start.offset ?? 0))
    })
    return findings
  },
  report(file: VFile, finding: Finding, files: VFile[]) {
    if (finding.kind === 'no-id') {
      file.message('Unexpected reference without an id, expected `:ref{#id}`', {place: finding.place})
      return
    }
    if (finding.kind === 'missing') {
      const expected = finding.near ? `\`${finding.near}\`` : 'the id of a figure, table, heading or note'
      const message = file.message(`Unexpected reference to missing id \`${finding.id}\`, expected ${expected}`, {place: finding.place})
      message.actual = finding.id
      if (finding.near) message.expected = [finding.near]
      return
    }
    const firstFile = files[finding.first.chapter]!
    const causeReason = `\`${finding.id}\` first given here`
    const cause = Object.assign(new VFileMessage(causeReason, {place: finding.first.place}), {file: firstFile.path})
    const message = file.message(`Unexpected second figure or table with id \`${finding.id}\`, expected an id of its own`, {
      place: finding.place,
      cause
    })
    message.actual = finding.id
    const {line, column} = finding.first.place.start
    Object.assign(message, {data: {related: [{path: firstFile.path, line, column, reason: causeReason}]}})
  }
})

/** The known id a slip would most likely have meant: at most a third of its letters away. */
function nearest(id: string, known: string[]): string | undefined {
  let best: string | undefined
  let least = Math.max(1, Math.floor(id.length / 3)) + 1
  for (const candidate of known) {
    const edits = distance(id, candidate)
    if (edits < least) [best, least] = [candidate, edits]
  }
  return best
}
