// In-memory manuscripts for the diff tests: chapters parsed by the project's one parser, with
// paths as `readManuscript` would give them, so nothing touches the disk.
import {chapterFromBytes, parseManuscript} from '../../pipeline/manuscript/read.ts'
import type {ParsedManuscript} from '../../pipeline/manuscript/types.ts'

const cwd = '/book'

/** `{'01-opening.md': '# Opening\n\n…'}` → a manuscript rooted at /book/manuscript. */
export function manuscriptOf(chapters: Record<string, string>): ParsedManuscript {
  return parseManuscript({
    root: 'manuscript',
    chapters: Object.entries(chapters).map(([name, text]) => chapterFromBytes(`manuscript/${name}`, Buffer.from(text), cwd))
  })
}
