// What changed inside one block, word by word. diff-match-patch does the diffing on a string in
// which every token (word, run of spaces, punctuation mark) is one character, the way its own
// line mode works, and its semantic clean-up then merges the confetti of one-word changes in a
// rewritten sentence into phrase-sized ones.
import DiffMatchPatch from 'diff-match-patch'

export type Segment = {op: 'equal' | 'insert' | 'delete'; text: string}

export interface WordDiff {
  segments: Segment[]
  /** Words inserted and deleted. */
  added: number
  removed: number
  /** Dice coefficient of the words the two versions share, 0 to 1. */
  similarity: number
}

/** Below this similarity a block is shown as deleted and re-written, not as an edit. */
export const rewrittenBelow = 0.4

// Numbers keep their decimal points ("97.97"); words keep inner apostrophes and hyphens ("Fenghe’s", "US-led").
const token = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*|\s+|[^]/gu
const wordLike = /[\p{L}\p{N}]/u

export function tokenize(text: string): string[] {
  return text.match(token) ?? []
}

export function isWord(token: string): boolean {
  return wordLike.test(token)
}

export function countWords(text: string): number {
  return tokenize(text).filter(isWord).length
}

export function diffWords(before: string, after: string): WordDiff {
  const encoder = new TokenEncoder()
  const a = encoder.encode(tokenize(before))
  const b = encoder.encode(tokenize(after))
  if (a === undefined || b === undefined) return replaced(before, after)
  const dmp = new DiffMatchPatch()
  // No deadline: a diff that depended on the machine's speed would not be reproducible.
  dmp.Diff_Timeout = 0
  const diffs = dmp.diff_main(a, b, false)
  dmp.diff_cleanupSemantic(diffs)
  const segments = diffs.map(([op, chars]): Segment => ({
    op: op === 0 ? 'equal' : op === 1 ? 'insert' : 'delete',
    text: encoder.decode(chars)
  }))
  return measure(merge(segments))
}

/** The old text with the segments applied: what `diffWords(before, after)` claims gives `after`. */
export function applyWords(before: string, segments: Segment[]): string {
  let cursor = 0
  let result = ''
  for (const segment of segments) {
    if (segment.op === 'insert') {
      result += segment.text
      continue
    }
    if (!before.startsWith(segment.text, cursor)) {
      throw new Error(`word diff does not fit the old text at ${cursor}: expected ${JSON.stringify(segment.text)}`)
    }
    if (segment.op === 'equal') result += segment.text
    cursor += segment.text.length
  }
  if (cursor !== before.length) throw new Error(`word diff leaves ${before.length - cursor} characters of the old text unaccounted for`)
  return result
}

function replaced(before: string, after: string): WordDiff {
  const segments: Segment[] = []
  if (before) segments.push({op: 'delete', text: before})
  if (after) segments.push({op: 'insert', text: after})
  return measure(segments)
}

function merge(segments: Segment[]): Segment[] {
  const merged: Segment[] = []
  for (const segment of segments) {
    const last = merged.at(-1)
    if (last?.op === segment.op) last.text += segment.text
    else if (segment.text) merged.push({...segment})
  }
  return merged
}

function measure(segments: Segment[]): WordDiff {
  let added = 0
  let removed = 0
  let kept = 0
  for (const segment of segments) {
    const words = countWords(segment.text)
    if (segment.op === 'insert') added += words
    else if (segment.op === 'delete') removed += words
    else kept += words
  }
  const total = 2 * kept + added + removed
  return {segments, added, removed, similarity: total === 0 ? 1 : (2 * kept) / total}
}

/**
 * One UTF-16 code unit per distinct token. Runs of whitespace get real whitespace characters
 * (line breaks for runs with a newline) so that diff-match-patch's lossless clean-up, which
 * scores boundaries by character class, still slides edits onto word boundaries. Everything
 * else gets a code unit from U+0100 up, skipping whitespace and surrogates.
 */
export class TokenEncoder {
  private readonly codes = new Map<string, string>()
  private readonly tokens = new Map<string, string>()
  private readonly breaks = ['\n', '\r']
  private readonly spaces = [' ', '\t', '\v', '\f', '\u00a0', '\u1680', ...range(0x2000, 0x200a), '\u202f', '\u205f', '\u3000', '\ufeff']
  private next = 0x100

  encode(tokens: string[]): string | undefined {
    let result = ''
    for (const token of tokens) {
      let code = this.codes.get(token)
      if (code === undefined) {
        code = this.allocate(token)
        if (code === undefined) return undefined
        this.codes.set(token, code)
        this.tokens.set(code, token)
      }
      result += code
    }
    return result
  }

  decode(chars: string): string {
    let text = ''
    for (const char of chars) text += this.tokens.get(char)!
    return text
  }

  private allocate(token: string): string | undefined {
    if (/^\s+$/.test(token)) {
      const pool = token.includes('\n') && this.breaks.length > 0 ? this.breaks : this.spaces
      if (pool.length > 0) return pool.shift()
    }
    while (this.next <= 0xffff && (/\s/.test(String.fromCharCode(this.next)) || (this.next >= 0xd800 && this.next <= 0xdfff))) this.next++
    // More distinct tokens than code units: the caller shows the block as replaced.
    return this.next > 0xffff ? undefined : String.fromCharCode(this.next++)
  }
}

function range(from: number, to: number): string[] {
  return Array.from({length: to - from + 1}, (_, offset) => String.fromCharCode(from + offset))
}
