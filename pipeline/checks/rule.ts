// What a rule is to the rest of Galley: one descriptor, whatever its kind. The registry
// (index.ts) lists them; the check runs each kind where it belongs, and the config, comment
// control and the README's rule table read the same list.
import type {Root} from 'mdast'
import type {Root as NlcstRoot} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {z} from 'zod'
import type {PreflightContext, PreflightFinding, PrintedBook} from '../preflight/pages.ts'

/**
 * Where a rule looks, which decides when it runs:
 * - `markdown`: one chapter's Markdown tree (remark-lint rules);
 * - `prose`: one chapter's natural-language tree, inside remark-retext;
 * - `manuscript`: every chapter at once (collected per chapter, then analysed whole), for
 *   findings across chapters and for what depends on the files beside the text;
 * - `preflight`: the printed PDF, read back after `galley build` prints it (`galley check`
 *   prints nothing, so it skips them).
 */
export type RuleKind = 'markdown' | 'prose' | 'manuscript' | 'preflight'

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

/** One choice the book makes, for the editor's style sheet (`galley stylesheet`). */
export interface SheetEntry {
  /** The house form: `colour`, `e-mail`, `Wei Fenghe`, `JCPOA: Joint Comprehensive Plan of Action`. */
  term: string
  /** How often the book uses it. */
  count?: number
  note?: string
  /** Where the book departs from it, as the findings place them: `chapter.md:12:5 color`. */
  exceptions?: string[]
}

export interface SheetSection {
  title: string
  /** One line on the choice as a whole: `American spelling (the manuscript's majority: 212 to 3)`. */
  about?: string
  entries: SheetEntry[]
  /**
   * The section's choices as the rule's own options (`{dialect: 'en-US'}`), which
   * `galley stylesheet --format yaml` writes into `style.yaml` for later checks to hold the book
   * to; none where the options cannot say the choice.
   */
  house?: Record<string, unknown>
}

export interface ManuscriptRule<Options = any, Features = any> extends Described<Options> {
  kind: 'manuscript'
  /** The choices the manuscript makes, from every chapter's collection and the rule's own findings. */
  sheet?(manuscript: Collected<Features>, options: Options, findings: VFileMessage[]): SheetSection
  /** From one chapter, after the prose pass (its tree is on `file.data.prose`): plain data, cached by content. */
  collect(tree: Root, file: VFile, options: Options): Features
  /** Reports each chapter's findings, given every chapter's collection as `manuscript`. */
  plugin: Plugin<[(Partial<Options> & {manuscript?: Collected<Features>})?], Root>
}

export interface PreflightRule<Options = any> extends Described<Options> {
  kind: 'preflight'
  /** The findings on the pages of one printed edition; the build places them in the manuscript. */
  run(book: PrintedBook, context: PreflightContext<Options>): PreflightFinding[]
}

export type Rule = MarkdownRule | ProseRule | ManuscriptRule | PreflightRule

/** Every chapter's vfile, in reading order, and what one manuscript rule collected from each. */
export interface Collected<Features = unknown> {
  /** The manuscript's folder (or its one file), for rules that resolve paths against it. */
  root: string
  files: VFile[]
  features: Features[]
}
