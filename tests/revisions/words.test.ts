// Word diffs inside a block: phrase-sized changes, and a block rewritten beyond recognition
// shown as deleted and written anew.
import {describe, expect, it} from 'vitest'
import {diffManuscripts} from '../../pipeline/revisions/diff.ts'
import {applyWords, diffWords, rewrittenBelow, tokenize} from '../../pipeline/revisions/words.ts'
import {manuscriptOf} from './manuscript-of.ts'

const quiet = 'The harbour was quiet in the morning.'
const market = 'Nobody in the market believed the traders.'
const ferry = 'The ferry left the eastern quay an hour before dawn, carrying mail and salt to the islands.'
const slipped = 'Before dawn the old ferry slipped away from the eastern quay, laden with letters and salt for the islands.'

describe('diffWords', () => {
  it('keeps words whole, with their apostrophes, hyphens and decimal points', () => {
    expect(tokenize('Wei Feng’s 97.97 million, US-led “axis”')).toEqual([
      'Wei',
      ' ',
      'Feng’s',
      ' ',
      '97.97',
      ' ',
      'million',
      ',',
      ' ',
      'US-led',
      ' ',
      '“',
      'axis',
      '”'
    ])
  })

  it('turns a rewritten sentence into a few phrase-sized changes, not one per word', () => {
    const diff = diffWords(`${quiet} ${ferry} ${market}`, `${quiet} ${slipped} ${market}`)
    const changes = diff.segments.filter((segment) => segment.op !== 'equal')
    // Without the semantic clean-up the same diff is 22 changes of a word or two, with spaces
    // and "the" kept between them.
    expect(changes).toEqual([
      {op: 'delete', text: 'The ferry left the eastern quay an hour before dawn, carrying mail'},
      {op: 'insert', text: 'Before dawn the old ferry slipped away from the eastern quay, laden with letters'},
      {op: 'delete', text: 'to'},
      {op: 'insert', text: 'for'}
    ])
    expect(diff.segments[0]).toEqual({op: 'equal', text: `${quiet} `})
    expect(diff.segments.at(-1)).toEqual({op: 'equal', text: ` the islands. ${market}`})
    expect({added: diff.added, removed: diff.removed}).toEqual({added: 15, removed: 13})
  })

  it('gives segments that rebuild the new text from the old', () => {
    const before = `${quiet}\n${ferry}  ${market}`
    const after = `${slipped} ${market} ${quiet}`
    expect(applyWords(before, diffWords(before, after).segments)).toBe(after)
  })

  it('measures a mostly rewritten block as below the edit threshold', () => {
    const diff = diffWords(
      'The chapel bell was recast after the fire, and its new voice sounded a little lower than before.',
      'After the fire the town council ordered a different bell from the foundry, which rang lower than before.'
    )
    expect(diff.similarity).toBeLessThan(rewrittenBelow)
  })
})

describe('edits in a revision', () => {
  const opening = 'Traders from the south brought indigo, copper wire and stories nobody in the market believed.'
  const closing = 'Clerks in the customs house counted barrels by lamplight and argued about the new tariff.'

  it('shows a paragraph with one rewritten sentence as an edit with few changes', () => {
    const before = manuscriptOf({'a.md': `# Harbour\n\n${opening} ${quiet} ${ferry} ${market} ${closing}\n`})
    const after = manuscriptOf({'a.md': `# Harbour\n\n${opening} ${quiet} ${slipped} ${market} ${closing}\n`})
    const {ops, summary} = diffManuscripts(before, after)
    expect(ops.map((op) => op.op)).toEqual(['equal', 'edit'])
    const edit = ops[1]!
    expect(edit.op === 'edit' && edit.words.segments.filter((segment) => segment.op !== 'equal').length).toBe(4)
    expect(summary.total).toMatchObject({blocksEdited: 1, wordsAdded: 15, wordsRemoved: 13})
  })

  it('shows a mostly rewritten paragraph as deleted and inserted, not as an edit', () => {
    const before = manuscriptOf({
      'a.md': `${opening}\n\nThe chapel bell was recast after the fire, and its new voice sounded a little lower than before.\n\n${closing}\n`
    })
    const after = manuscriptOf({
      'a.md': `${opening}\n\nAfter the fire the town council ordered a different bell from the foundry, which rang lower than before.\n\n${closing}\n`
    })
    const {ops, summary} = diffManuscripts(before, after)
    expect(ops.map((op) => op.op)).toEqual(['equal', 'delete', 'insert', 'equal'])
    expect(summary.total).toEqual({wordsAdded: 18, wordsRemoved: 18, blocksAdded: 1, blocksRemoved: 1, blocksMoved: 0, blocksEdited: 0})
  })
})
