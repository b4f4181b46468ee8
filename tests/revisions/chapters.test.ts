// Chapters pair up by path, a renamed one by its content; blocks move between chapters.
import {describe, expect, it} from 'vitest'
import {diffManuscripts} from '../../pipeline/revisions/diff.ts'
import {manuscriptOf} from './manuscript-of.ts'

const p1 = 'Traders from the south brought indigo, copper wire and stories nobody in the market believed.'
const p2 = 'Each spring the river rose over the lower meadows and left a line of silt along the orchard wall.'
const p3 = 'Fishermen read the weather in the colour of the gulls and trusted the almanac only in winter.'
const m1 = 'Old maps showed a second lighthouse on the northern spit, although no trace of it remained.'
const m2 = 'The ferry left the eastern quay an hour before dawn, carrying mail, salt and a crate of seedlings.'
const g1 = 'When the telegraph arrived, the postmaster refused to learn it and hired his niece instead.'
const n1 = 'A surveyor from the capital measured the harbour twice and disagreed with himself both times.'

const zero = {wordsAdded: 0, wordsRemoved: 0, blocksAdded: 0, blocksRemoved: 0, blocksMoved: 0, blocksEdited: 0}

describe('chapters across revisions', () => {
  const before = manuscriptOf({
    '01-opening.md': `# Opening\n\n${p1}\n\n${p2}\n\n${p3}\n`,
    '02-b.md': `# Middle\n\n${m1}\n\n${m2}\n`,
    '03-gone.md': `# Gone\n\n${g1}\n`
  })
  const after = manuscriptOf({
    '01-opening.md': `# Opening\n\n${p1}\n\n${p3}\n\n${m2}\n`,
    '02-middle.md': `# Middle\n\n${m1}\n\n${p2}\n`,
    '04-added.md': `# Added\n\n${n1}\n`
  })
  const {ops, summary} = diffManuscripts(before, after)

  it('pairs a renamed chapter by content and keeps a removed one where it stood', () => {
    expect(summary.chapters.map(({chapter, old, new: next, status}) => ({chapter, old, new: next, status}))).toEqual([
      {chapter: '01-opening.md', old: '01-opening.md', new: '01-opening.md', status: 'changed'},
      {chapter: '02-middle.md', old: '02-b.md', new: '02-middle.md', status: 'renamed'},
      {chapter: '03-gone.md', old: '03-gone.md', new: undefined, status: 'removed'},
      {chapter: '04-added.md', old: undefined, new: '04-added.md', status: 'added'}
    ])
  })

  it('sees blocks that changed chapter as moves, counted where they arrived', () => {
    const moves = ops.filter((op) => op.op === 'move')
    expect(moves.map((op) => [op.old.chapter, op.new.chapter, op.new.text])).toEqual([
      ['02-b.md', '01-opening.md', m2],
      ['01-opening.md', '02-middle.md', p2]
    ])
    const counts = Object.fromEntries(summary.chapters.map(({chapter, status: _status, old: _old, new: _new, ...rest}) => [chapter, rest]))
    expect(counts).toEqual({
      '01-opening.md': {...zero, blocksMoved: 1},
      '02-middle.md': {...zero, blocksMoved: 1},
      // "Gone" and the 15 words of its paragraph.
      '03-gone.md': {...zero, blocksRemoved: 2, wordsRemoved: 16},
      '04-added.md': {...zero, blocksAdded: 2, wordsAdded: 16}
    })
  })

  it('shows an only renamed chapter as unchanged text', () => {
    const renamed = diffManuscripts(manuscriptOf({'a.md': `# Middle\n\n${m1}\n`}), manuscriptOf({'b.md': `# Middle\n\n${m1}\n`}))
    expect(renamed.ops.map((op) => op.op)).toEqual(['equal', 'equal'])
    expect(renamed.summary.chapters).toEqual([{chapter: 'b.md', old: 'a.md', new: 'b.md', status: 'renamed', ...zero}])
  })

  it('does not pair chapters with different paths that share too little', () => {
    const {summary: apart} = diffManuscripts(
      manuscriptOf({'a.md': `# Middle\n\n${m1}\n\n${m2}\n`}),
      manuscriptOf({'b.md': `# Middle\n\n${g1}\n\n${n1}\n`})
    )
    expect(apart.chapters.map((chapter) => chapter.status)).toEqual(['removed', 'added'])
  })
})
