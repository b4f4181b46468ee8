// The shapes that travel through the pipeline: one chapter is one vfile and its mdast.
import type {Root} from 'mdast'
import type {VFile} from 'vfile'

/** Where a manuscript lives: its folder or file (absolute), and its chapters' order if the config gives one. */
export interface Location {
  root: string
  chapters?: string[]
}

/** A chapter as read: its text on a vfile, which the check's messages land on. */
export interface Chapter {
  file: VFile
}

/** A chapter and its Markdown tree, for the stages that work on trees. */
export interface ParsedChapter extends Chapter {
  tree: Root
}

/** Every chapter of one manuscript, in reading order; cross-file rules read it whole. */
export interface Manuscript<C extends Chapter = Chapter> {
  root: string
  chapters: C[]
}

export type ParsedManuscript = Manuscript<ParsedChapter>

/** What the frontmatter of the first chapter (or the config) says about the work. */
export interface Metadata {
  title?: string
  author?: string
  year?: number
  lang: string
  description?: string
  keywords?: string[]
  subject?: string
  /** For the copyright page of a book's front matter. */
  rights?: string
  isbn?: string
  publisher?: string
  /** Which edition this is ("Second edition"). */
  edition?: string
  dedication?: string
}
