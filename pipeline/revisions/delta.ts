// Issue deltas: which findings a change introduced, fixed or left standing. A finding is known
// by its rule, the text it flags and the sentence around it — never by its line — so findings
// in moved or shifted blocks keep their identity.
import {createHash} from 'node:crypto'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export type DeltaState = 'introduced' | 'fixed' | 'persisting'

export interface DeltaEntry {
  state: DeltaState
  fingerprint: string
  file: VFile
  message: VFileMessage
}

export function fingerprintOf(file: VFile, message: VFileMessage): string {
  const text = String(file.value)
  const start = message.place && 'start' in message.place ? message.place.start.offset : undefined
  const end = message.place && 'end' in message.place ? message.place.end.offset : start
  const flagged = start === undefined ? (message.actual ?? '') : text.slice(start, end)
  const sentence = start === undefined ? '' : sentenceAround(text, start, end ?? start)
  return createHash('sha256')
    .update([message.source, message.ruleId, normalise(flagged), normalise(sentence)].join('\0'))
    .digest('hex')
    .slice(0, 16)
}

/** Compare the findings of two revisions. Equal fingerprints pair up one to one, like a multiset. */
export function deltaOf(before: VFile[], after: VFile[]): DeltaEntry[] {
  const open = new Map<string, Array<{file: VFile; message: VFileMessage}>>()
  for (const file of before) {
    for (const message of file.messages) {
      const key = fingerprintOf(file, message)
      open.set(key, [...(open.get(key) ?? []), {file, message}])
    }
  }
  const entries: DeltaEntry[] = []
  for (const file of after) {
    for (const message of file.messages) {
      const fingerprint = fingerprintOf(file, message)
      const earlier = open.get(fingerprint)
      const state = earlier && earlier.length > 0 ? 'persisting' : 'introduced'
      if (state === 'persisting') earlier!.shift()
      entries.push({state, fingerprint, file, message})
    }
  }
  for (const [fingerprint, left] of open) {
    for (const {file, message} of left) entries.push({state: 'fixed', fingerprint, file, message})
  }
  return entries
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/** The sentence (or, for a block-long finding, the block) around a range, by punctuation and blank lines. */
function sentenceAround(text: string, start: number, end: number): string {
  let from = start
  while (from > 0 && !/[.!?]\s/.test(text.slice(from - 2, from)) && !text.startsWith('\n\n', from - 2)) from--
  let to = Math.max(end, start)
  while (to < text.length && !/[.!?]/.test(text[to - 1] ?? '') && !text.startsWith('\n\n', to)) to++
  return text.slice(from, to)
}
