// The generic directives (remark-directive) Galley gives a meaning to: `:::figure`, `:::table`
// and `:ref`. Only these names open a directive; any other colon is prose (`ratio 3:1`,
// `Note:see`, `::before`) and parses exactly as it would without directives.
import type {Nodes} from 'mdast'
import type {Processor} from 'unified'

type Directive = Extract<Nodes, {type: 'containerDirective' | 'leafDirective' | 'textDirective'}>

/** What each kind of directive may be called: the block figures and tables, the inline reference. */
export const knownDirectives: Record<Directive['type'], ReadonlySet<string>> = {
  containerDirective: new Set(['figure', 'table']),
  leafDirective: new Set(),
  textDirective: new Set(['ref'])
}

/** A reference to a footnote names it `fn-<label>`, as the editions' note ids do. */
export const notePrefix = 'fn-'

export function isDirective(node: Nodes): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective'
}

/** The `#id` a directive was given (`{#harbour}`), if any. */
export function directiveId(node: Directive): string | undefined {
  const id = node.attributes?.id
  return id ? id : undefined
}

// micromark's tokenizer interface, as far as this file drives it.
type Code = number | null
type State = (code: Code) => State | undefined
interface Effects {
  check(construct: Construct, ok: State, nok: State): State
  enter(type: string): unknown
  exit(type: string): unknown
  consume(code: Code): void
}
interface Construct {
  tokenize(this: unknown, effects: Effects, ok: State, nok: State): State
  concrete?: boolean
  partial?: boolean
}
type Constructs = Record<number, Construct | Construct[]>

const colon = 58
const nameCharacter = /^[\p{L}\p{N}_-]$/u

/**
 * A unified plugin, used right after remark-directive: its syntax (a micromark extension) made
 * to open a directive only where the name that follows the colons is one Galley knows.
 */
export function remarkKnownDirectives(this: Processor): void {
  const extensions = (this.data('micromarkExtensions') ?? []) as Array<{text?: Constructs; flow?: Constructs}>
  const syntax = extensions.at(-1)
  const text = syntax?.text?.[colon]
  const flow = syntax?.flow?.[colon]
  if (!text || !Array.isArray(flow)) throw new Error('remarkKnownDirectives must follow remark-directive')
  syntax.text![colon] = onlyNamed(text as Construct, knownDirectives.textDirective)
  syntax.flow![colon] = flow.map((construct) =>
    onlyNamed(construct, construct.concrete ? knownDirectives.containerDirective : knownDirectives.leafDirective)
  )
}

/** `construct`, tried only where its colons are followed by one of `names`. */
function onlyNamed(construct: Construct, names: ReadonlySet<string>): Construct {
  const named: Construct = {
    partial: true,
    tokenize(effects, ok, nok) {
      let name = ''
      const colons: State = (code) => {
        if (code !== colon) return letters(code)
        effects.consume(code)
        return colons
      }
      const letters: State = (code) => {
        const character = code !== null && code >= 0 ? String.fromCodePoint(code) : ''
        if (!nameCharacter.test(character)) {
          effects.exit('directiveNameCheck')
          return names.has(name) ? ok(code) : nok(code)
        }
        name += character
        effects.consume(code)
        return letters
      }
      return (code) => {
        effects.enter('directiveNameCheck')
        return colons(code)
      }
    }
  }
  return {
    ...construct,
    tokenize(effects, ok, nok) {
      return effects.check(named, construct.tokenize.call(this, effects, ok, nok), nok)
    }
  }
}
