// `image-path`: an image the editions cannot embed: remote, outside the manuscript's folder,
// missing, or not an image. Nothing is fetched; the editions leave such an image out.
import path from 'node:path'
import type {VFile} from 'vfile'
import {z} from 'zod'
import {imageRefusal, manuscriptFolder} from '../manuscript/references.ts'
import {crossFileRule} from './cross-file.ts'
import {targetsOf, type Target} from './targets.ts'

const options = z.strictObject({})

interface Finding extends Target {
  reason: string
}

// A manuscript rule, not a chapter one: whether an image is there depends on the disk, not on
// the chapter's text, so it is decided on every check while what a chapter points at is cached.
export const rule = crossFileRule({
  id: 'image-path',
  summary: 'An image the editions cannot embed: remote, outside the manuscript, missing, or not an image.',
  options,
  collect: (tree) => targetsOf(tree, 'image'),
  analyse(chapters: Target[][], _settings, {root, files}): Finding[][] {
    const folder = manuscriptFolder(root)
    return chapters.map((targets, index) => {
      const chapterFolder = path.dirname(path.resolve(files[index]!.cwd, files[index]!.path))
      return targets.flatMap((target) => {
        // An empty source is no image at all; the editions drop it without a word.
        const reason = target.url ? imageRefusal(target.url, chapterFolder, folder) : undefined
        return reason ? [{...target, reason}] : []
      })
    })
  },
  report(file: VFile, finding: Finding) {
    const message = file.message(finding.reason, {place: finding.place})
    message.actual = finding.url
  }
})
