// Where a message may point: inside its file. For the spec and fuzz suites.
import type {VFile} from 'vfile'

interface Point {
  line: number
  column: number
  offset?: number
}

/** Messages whose place is not in the file, each as `reason @ place`; none is the answer wanted. */
export function placesOutside(file: VFile): string[] {
  const text = String(file.value ?? '')
  // Line endings as micromark counts them: \r\n, \r or \n.
  const lines = text.split(/\r\n|\r|\n/)
  const inside = (point: Point | undefined) =>
    point === undefined ||
    (Number.isInteger(point.line) &&
      point.line >= 1 &&
      point.line <= lines.length &&
      point.column >= 1 &&
      point.column <= lines[point.line - 1]!.length + 1 &&
      (point.offset === undefined || (point.offset >= 0 && point.offset <= text.length)))
  const before = (a: Point, b: Point) => a.line < b.line || (a.line === b.line && a.column <= b.column)
  return file.messages.flatMap((message) => {
    const place = message.place as {start?: Point; end?: Point} | Point | undefined
    if (!place) return []
    const start = 'start' in place ? place.start : (place as Point)
    const end = 'end' in place ? place.end : undefined
    const ok = inside(start) && inside(end) && (start === undefined || end === undefined || before(start, end))
    return ok ? [] : [`${message.reason} @ ${JSON.stringify(place)} (${lines.length} lines)`]
  })
}
