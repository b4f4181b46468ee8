// The diff replayed: the old revision's block texts, changed only as the operations say, give
// the new revision's block texts. Old texts come from the caller, not from the operations, so
// a diff that dropped or invented text cannot hide it.
import type {Op} from './align.ts'
import {applyWords} from './words.ts'

/**
 * `oldTexts[block.index]` is the text of each old block. Returns the new texts in order; throws
 * when an old block is used twice or not at all, or a word diff does not fit its old text.
 */
export function applyOps(oldTexts: string[], ops: Op[]): string[] {
  const used = new Set<number>()
  const take = (index: number) => {
    if (used.has(index)) throw new Error(`old block ${index} is used twice`)
    if (index < 0 || index >= oldTexts.length) throw new Error(`old block ${index} does not exist`)
    used.add(index)
    return oldTexts[index]!
  }
  const texts: string[] = []
  for (const op of ops) {
    switch (op.op) {
      case 'equal':
        texts.push(take(op.old.index))
        break
      case 'insert':
        texts.push(op.new.text)
        break
      case 'delete':
        take(op.old.index)
        break
      case 'edit':
        texts.push(applyWords(take(op.old.index), op.words.segments))
        break
      case 'move':
        texts.push(op.words ? applyWords(take(op.old.index), op.words.segments) : take(op.old.index))
        break
    }
  }
  if (used.size !== oldTexts.length)
    throw new Error(`${oldTexts.length - used.size} old blocks are neither kept, moved, edited nor deleted`)
  return texts
}
