// A worker thread of the check: runs the chapter phase (chapter.ts) on the chapters it is given.
import type {RuleSettings} from './index.ts'
import {checkChapter, type ChapterInput} from './chapter.ts'

export default function ({input, settings}: {input: ChapterInput; settings: RuleSettings}) {
  return checkChapter(input, settings)
}
