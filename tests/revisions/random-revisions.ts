// Random pairs of revisions for the property tests: two chapters of paragraphs, headings and
// list items from a small word pool (so blocks repeat), and a second revision made from the
// first by deleting, inserting, moving and editing blocks.
import fc from 'fast-check'
import type {ParsedManuscript as Manuscript} from '../../pipeline/manuscript/types.ts'
import {manuscriptOf} from './manuscript-of.ts'

const pool = [
  'harbour',
  'ferry',
  'quay',
  'salt',
  'mail',
  'dawn',
  'bell',
  'chapel',
  'fire',
  'voice',
  'river',
  'meadow',
  'silt',
  'orchard',
  'wall',
  'trader',
  'indigo',
  'copper',
  'wire',
  'market',
  'clerk',
  'customs',
  'barrel',
  'tariff',
  'lighthouse',
  'gull',
  'almanac',
  'winter',
  'telegraph',
  'niece'
]

interface Spec {
  kind: 'p' | 'h' | 'li'
  words: string[]
}

const fresh: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom<Spec['kind']>('p', 'p', 'p', 'h', 'li'),
  words: fc.array(fc.constantFrom(...pool), {minLength: 1, maxLength: 20})
})
// A few blocks that recur, so that repeated text (no unique anchor) is exercised too.
const stock: fc.Arbitrary<Spec> = fc.constantFrom<Spec>(
  {kind: 'p', words: ['the', 'ferry', 'left', 'at', 'dawn']},
  {kind: 'p', words: ['salt', 'and', 'mail']},
  {kind: 'h', words: ['winter']}
)
const block = fc.oneof({weight: 4, arbitrary: fresh}, {weight: 1, arbitrary: stock})

type Command =
  | {type: 'delete'; at: number}
  | {type: 'insert'; at: number; block: Spec}
  | {type: 'move'; from: number; to: number}
  | {type: 'edit'; at: number; word: number; change: 'replace' | 'insert' | 'delete'; with: string}

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({type: fc.constant('delete' as const), at: fc.nat()}),
  fc.record({type: fc.constant('insert' as const), at: fc.nat(), block}),
  fc.record({type: fc.constant('move' as const), from: fc.nat(), to: fc.nat()}),
  fc.record({
    type: fc.constant('edit' as const),
    at: fc.nat(),
    word: fc.nat(),
    change: fc.constantFrom<'replace' | 'insert' | 'delete'>('replace', 'insert', 'delete'),
    with: fc.constantFrom(...pool)
  })
)

/** Two chapters; the boundary between them may shift, so blocks also move between chapters. */
export const revisions = fc.record({
  blocks: fc.array(block, {maxLength: 30}),
  split: fc.nat(),
  commands: fc.array(command, {maxLength: 10}),
  newSplit: fc.nat()
})

export function revise(blocks: Spec[], commands: Command[]): Spec[] {
  const result = blocks.map((spec) => ({...spec, words: [...spec.words]}))
  for (const command of commands) {
    const size = result.length
    if (command.type === 'insert') result.splice(command.at % (size + 1), 0, command.block)
    if (size === 0) continue
    if (command.type === 'delete') result.splice(command.at % size, 1)
    if (command.type === 'move') result.splice(command.to % size, 0, ...result.splice(command.from % size, 1))
    if (command.type === 'edit') {
      const {words} = result[command.at % size]!
      const at = command.word % words.length
      if (command.change === 'replace') words[at] = command.with
      if (command.change === 'insert') words.splice(at, 0, command.with)
      if (command.change === 'delete' && words.length > 1) words.splice(at, 1)
    }
  }
  return result
}

function markdown(spec: Spec): string {
  const text = spec.words.join(' ')
  if (spec.kind === 'h') return `## ${text}`
  if (spec.kind === 'li') return `- ${text}`
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`
}

export function manuscript(blocks: Spec[], split: number): Manuscript {
  const at = split % (blocks.length + 1)
  const chapter = (specs: Spec[]) => `${specs.map(markdown).join('\n\n')}\n`
  return manuscriptOf({'a.md': chapter(blocks.slice(0, at)), 'b.md': chapter(blocks.slice(at))})
}
