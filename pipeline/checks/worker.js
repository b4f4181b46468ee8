// A worker thread of the check: runs the chapter phase (pipeline/checks/chapter.ts) on the
// chapters it is given. Plain JavaScript, like pipeline/bin.js, so it can load the TypeScript
// sources through tsx whether the main thread runs under tsx, vitest or another loader.
import {register} from 'tsx/esm/api'

register()
const {checkChapter} = await import('./chapter.ts')

export default function ({input, settings}) {
  return checkChapter(input, settings)
}
