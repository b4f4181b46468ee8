// The shapes that travel through the pipeline: one chapter is one vfile and its mdast.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'

export interface Chapter {
  file: VFile
  tree: Root
}

/** Every chapter of one manuscript, in reading order; cross-file rules read it whole. */
export interface Manuscript {
  root: string
  chapters: Chapter[]
}

/** What the frontmatter of the first chapter (or the config) says about the work. */
export interface Metadata {
  title?: string
  author?: string
  year?: number
  lang: string
  description?: string
  keywords?: string[]
  subject?: string
}
