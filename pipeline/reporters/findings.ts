// What every machine-readable reporter needs from a message, worked out once: files in the
// given order, messages in place order, severity, place, related locations and the paths
// relative to the folder the report is for.
import path from 'node:path'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {compareMessage} from 'vfile-sort'

export interface Related {
  path: string | null
  line: number | null
  column: number | null
  reason: string | null
}

export interface Finding {
  message: VFileMessage
  severity: 'error' | 'warning' | 'info'
  line: number | null
  column: number | null
  endLine: number | null
  endColumn: number | null
  /** Offsets into the file's text, to read the flagged text back. */
  startOffset: number | null
  endOffset: number | null
  related: Related[]
  /** `message.data` without `related`, which has its own field. */
  data: Record<string, unknown>
}

export interface FileFindings {
  file: VFile
  path: string | null
  findings: Finding[]
}

/** vfile's own fields do not include the `data` our rules attach to messages. */
type MessageWithData = VFileMessage & {data?: unknown}

export function findings(files: VFile[], cwd: string): FileFindings[] {
  return files.map((file) => {
    const own = file.path ? reportPath(cwd, file.cwd, file.path) : null
    const sorted = [...file.messages].sort(compareMessage)
    return {file, path: own, findings: sorted.map((message) => toFinding(message, file, cwd, own))}
  })
}

/** `filePath` as resolved from `base`, relative to `cwd`, with forward slashes on every platform. */
export function reportPath(cwd: string, base: string, filePath: string): string {
  return path.relative(cwd, path.resolve(base, filePath)).split(path.sep).join('/')
}

function toFinding(message: MessageWithData, file: VFile, cwd: string, own: string | null): Finding {
  const {related, ...data} = isRecord(message.data) ? message.data : {}
  return {
    message,
    severity: fromFatal(message.fatal),
    ...placeOf(message.place),
    related: unique([...relatedFromData(related, file, cwd, own), ...relatedFromCause(message.cause, file, cwd, own)]),
    data
  }
}

function placeOf(place: Point | Position | undefined) {
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : undefined
  return {
    line: positive(start?.line),
    column: positive(start?.column),
    endLine: positive(end?.line),
    endColumn: positive(end?.column),
    startOffset: offset(start?.offset),
    endOffset: offset(end?.offset)
  }
}

function relatedFromData(value: unknown, file: VFile, cwd: string, own: string | null): Related[] {
  if (!Array.isArray(value)) return []
  return value.filter(isRecord).map((entry) => ({
    // A related place without a path is in the same file as the finding.
    path: typeof entry.path === 'string' && entry.path ? reportPath(cwd, file.cwd, entry.path) : own,
    line: positive(entry.line),
    column: positive(entry.column),
    reason: typeof entry.reason === 'string' ? entry.reason : null
  }))
}

function relatedFromCause(cause: unknown, file: VFile, cwd: string, own: string | null): Related[] {
  if (!(cause instanceof VFileMessage) || !cause.place) return []
  const {line, column} = placeOf(cause.place)
  // A cause made with `new VFileMessage` rather than `file.message` has no file: it is this one.
  return [{path: cause.file ? reportPath(cwd, file.cwd, cause.file) : own, line, column, reason: cause.reason}]
}

function unique(related: Related[]): Related[] {
  const seen = new Set<string>()
  return related.filter((entry) => {
    const key = JSON.stringify(entry)
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

/** Lines and columns are 1-based; anything else is no place at all, so SARIF stays valid. */
function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null
}

function offset(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** vfile's `fatal` flag as reports name it: `true` an error, `false` a warning, `undefined` information. */
function fromFatal(fatal: boolean | null | undefined): Finding['severity'] {
  return fatal === true ? 'error' : fatal === false ? 'warning' : 'info'
}
