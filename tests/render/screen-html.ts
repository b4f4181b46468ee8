// The HTML edition of a manuscript already read, as the build makes it: parse, the edition
// document, its screen page. For tests that render many small manuscripts in one process.
import {toHtml} from 'hast-util-to-html'
import {metadataOf, parseManuscript} from '../../pipeline/manuscript/read.ts'
import type {Manuscript} from '../../pipeline/manuscript/types.ts'
import {editionDocument} from '../../pipeline/render/document.ts'

export function screenHtml(manuscript: Manuscript): string {
  const parsed = parseManuscript(manuscript)
  return toHtml(editionDocument({manuscript: parsed, metadata: metadataOf(parsed)}).page('screen'))
}
