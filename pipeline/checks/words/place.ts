// Offsets in a chapter's text → the line-and-column places of the unified message model. One
// index per file, kept while the file lives, as every cross-file rule reports many findings on it.
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'

export interface Span {
  start: number
  end: number
}

const places = new WeakMap<VFile, ReturnType<typeof location>>()

export function positionOf(file: VFile, span: Span): Position {
  let place = places.get(file)
  if (!place) places.set(file, (place = location(file)))
  return {start: place.toPoint(span.start)!, end: place.toPoint(span.end)!}
}
