// What a rule is to the rest of Galley: one descriptor, whatever its kind. The registry
// (index.ts) lists them; the check runs each kind where it belongs, and the config, comment
// control and the README's rule table read the same list.
import type {Root} from 'mdast'
import type {Root as NlcstRoot} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {z} from 'zod'

/**
 * Where a rule looks, which decides when it runs:
 * - `markdown`: one chapter's Markdown tree (remark-lint rules);
 * - `prose`: one chapter's natural-language tree, inside remark-retext;
 * - `manuscript`: every chapter at once (collected per chapter, then analysed whole), for
 *   findings across chapters and for what depends on the files beside the text.
 */
export type RuleKind = 'markdown' | 'prose' | 'manuscript'

interface Described<Options> {
  id: string
  /** The `source` its messages carry; comment control is set up for every source in the registry. */
  source: string
  /** One line for the README's rule table. */
  summary: string
  /** Validates the rule's options where the config sets them; the rule receives the parsed value. */
  options: z.ZodType<Options>
  /**
   * `safe` when a finding with one `expected` can be applied as it stands (`galley check --fix`):
   * the house form of a word, not a guess at what a slip meant.
   */
  fix?: 'safe'
}

export interface MarkdownRule extends Described<unknown> {
  kind: 'markdown'
  plugin: Plugin<any[], Root>
  /** The options its preset gives it when the config gives none. */
  defaults: unknown
}

export interface ProseRule<Options = any> extends Described<Options> {
  kind: 'prose'
  plugin: Plugin<[Options], NlcstRoot>
}

export interface ManuscriptRule<Options = any, Features = any> extends Described<Options> {
  kind: 'manuscript'
  /** From one chapter, after the prose pass (its tree is on `file.data.prose`): plain data, cached by content. */
  collect(tree: Root, file: VFile, options: Options): Features
  /** Reports each chapter's findings, given every chapter's collection as `manuscript`. */
  plugin: Plugin<[(Partial<Options> & {manuscript?: Collected<Features>})?], Root>
}

export type Rule = MarkdownRule | ProseRule | ManuscriptRule

/** Every chapter's vfile, in reading order, and what one manuscript rule collected from each. */
export interface Collected<Features = unknown> {
  /** The manuscript's folder (or its one file), for rules that resolve paths against it. */
  root: string
  files: VFile[]
  features: Features[]
}
