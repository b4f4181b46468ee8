// `link-path`: a link that leads neither to a chapter of the manuscript nor to the web, and so
// would be dead in the editions, which keep its text and drop the link.
import path from 'node:path'
import type {VFile} from 'vfile'
import {z} from 'zod'
import {linkRefusal, linkTarget} from '../manuscript/references.ts'
import {crossFileRule} from './cross-file.ts'
import {targetsOf, type Target} from './targets.ts'

const options = z.strictObject({})

export const rule = crossFileRule({
  id: 'link-path',
  summary: 'A link to a file that is not a chapter of the manuscript, which the editions cannot follow.',
  options,
  collect: (tree) => targetsOf(tree, 'link'),
  analyse(chapters: Target[][], _settings, {files}): Target[][] {
    const chapterFiles = new Set(files.map((file) => path.resolve(file.cwd, file.path)))
    return chapters.map((targets, index) => {
      const source = path.resolve(files[index]!.cwd, files[index]!.path)
      return targets.filter((target) => {
        const linked = linkTarget(target.url, source)
        return linked !== undefined && !chapterFiles.has(linked.file)
      })
    })
  },
  report(file: VFile, target: Target) {
    const message = file.message(linkRefusal(target.url), {place: target.place})
    message.actual = target.url
  }
})
