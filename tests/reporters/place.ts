// Build a unist position for the first `needle` in `value`, as a parser would report it.
import type {Position} from 'unist'

export function placeOf(value: string, needle: string): Position {
  const start = value.indexOf(needle)
  if (start === -1) throw new Error(`"${needle}" is not in the text`)
  return {start: pointAt(value, start), end: pointAt(value, start + needle.length)}
}

function pointAt(value: string, offset: number) {
  const before = value.slice(0, offset).split('\n')
  return {line: before.length, column: before[before.length - 1]!.length + 1, offset}
}
