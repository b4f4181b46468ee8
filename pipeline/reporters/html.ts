// The editor's report: one offline HTML file with each chapter's text as written, every finding
// highlighted where it is, its message beside the text and on hover, related places linked
// across chapters, counts per chapter, and filters by rule and severity. For the editor who
// never opens a terminal; CI uploads it as an artefact. Pure, like every reporter: the text is
// the vfiles' own, and hast escapes all of it.
import type {Element, ElementContent} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {VFile} from 'vfile'
import {findings, type FileFindings, type Finding} from './findings.ts'
import type {ReporterOptions} from './index.ts'

export function html(files: VFile[], options: ReporterOptions): string {
  const chapters = findings(files, options.cwd).filter((chapter) => !options.quiet || chapter.findings.length > 0)
  const all = chapters.flatMap((chapter) => chapter.findings)
  const rules = [...new Set(all.map(ruleOf))].sort()
  const sectionOf = new Map(chapters.map((chapter, index) => [chapter.path, index]))
  const page = h('html', {lang: 'en'}, [
    h('head', [
      h('meta', {charSet: 'utf-8'}),
      // The report runs its own filter script and nothing else, and loads nothing.
      h('meta', {
        httpEquiv: 'Content-Security-Policy',
        content: "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
      }),
      h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
      h('title', `Galley report: ${count(all.length, 'finding')}`),
      h('style', css(rules))
    ]),
    h('body', [
      h('header', [
        h('h1', 'Galley report'),
        h('p.summary', summary(all)),
        filters(rules, all),
        contents(chapters),
        options.fixed && options.fixed.length > 0 ? fixedList(options.fixed) : undefined
      ]),
      h(
        'main',
        chapters.map((chapter, index) => section(chapter, index, rules, sectionOf))
      ),
      h('script', script)
    ])
  ])
  return `<!doctype html>\n${toHtml(page)}\n`
}

function section(chapter: FileFindings, index: number, rules: string[], sectionOf: Map<string | null, number>): Element {
  const text = String(chapter.file.value ?? '')
  return h('section.chapter', {id: `file-${index}`}, [
    h('h2', [chapter.path ?? 'stdin', ' ', h('span.count', `(${count(chapter.findings.length, 'finding')})`)]),
    h('div.columns', [
      h('pre.text', highlighted(text, chapter.findings, index, rules)),
      h(
        'ol.notes',
        chapter.findings.map((finding, at) =>
          h('li', {id: `note-${index}-${at}`, dataRule: String(rules.indexOf(ruleOf(finding))), dataSeverity: finding.severity}, [
            finding.startOffset === null
              ? h('span.where', place(finding))
              : h('a.where', {href: `#finding-${index}-${at}`}, place(finding)),
            ' ',
            h(`span.severity.${finding.severity}`, finding.severity),
            ' ',
            ...codeSpans(finding.message.reason),
            ' ',
            h('span.rule', `(${ruleOf(finding)})`),
            ...finding.related.map((related) => {
              const target = sectionOf.get(related.path ?? chapter.path)
              const label = [...codeSpans(related.reason ?? 'Related'), `: ${related.path ?? chapter.path}:${related.line ?? 1}`]
              return h('div.related', target === undefined ? label : h('a', {href: `#line-${target}-${related.line ?? 1}`}, label))
            })
          ])
        )
      )
    ])
  ])
}

/**
 * The chapter's text cut at every finding's start and end: each piece inside findings is one
 * <mark> naming them all (findings overlap), the first piece of each carries its anchor, and
 * every line starts with an anchor of its own for related places to link to.
 */
function highlighted(text: string, list: Finding[], file: number, rules: string[]): ElementContent[] {
  const spans = list.flatMap((finding, at) =>
    finding.startOffset === null || finding.endOffset === null || finding.endOffset <= finding.startOffset
      ? []
      : [{at, start: finding.startOffset, end: Math.min(finding.endOffset, text.length), finding}]
  )
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b)
  const out: ElementContent[] = []
  let line = 1
  out.push(h('span.line', {id: `line-${file}-1`}))
  for (let index = 0; index < cuts.length - 1; index++) {
    const [from, to] = [cuts[index]!, cuts[index + 1]!]
    const covering = spans.filter((span) => span.start <= from && span.end >= to)
    const pieces: ElementContent[] = []
    // Line anchors inside the piece, after each line break.
    const parts = text.slice(from, to).split('\n')
    parts.forEach((part, at) => {
      if (at > 0) {
        pieces.push({type: 'text', value: '\n'})
        pieces.push(h('span.line', {id: `line-${file}-${++line}`}))
      }
      if (part) pieces.push({type: 'text', value: part})
    })
    if (covering.length === 0) {
      out.push(...pieces)
      continue
    }
    const first = covering.find((span) => span.start === from)
    out.push(
      h(
        'mark',
        {
          id: first ? `finding-${file}-${first.at}` : undefined,
          dataFindings: covering.map((span) => span.at).join(' '),
          dataRule: [...new Set(covering.map((span) => String(rules.indexOf(ruleOf(span.finding)))))].join(' '),
          dataSeverity: [...new Set(covering.map((span) => span.finding.severity))].join(' '),
          title: covering.map((span) => `${span.finding.message.reason} (${ruleOf(span.finding)})`).join('\n')
        },
        pieces
      )
    )
  }
  return out
}

function filters(rules: string[], all: Finding[]): Element {
  const box = (kind: string, value: string, label: string, total: number) =>
    h('label', [h('input', {type: 'checkbox', checked: true, dataFilter: kind, value}), ` ${label} (${total})`])
  return h('form.filters', [
    h('fieldset', [
      h('legend', 'Rules'),
      ...rules.map((rule, index) => box('rule', String(index), rule, all.filter((finding) => ruleOf(finding) === rule).length))
    ]),
    h('fieldset', [
      h('legend', 'Severity'),
      ...(['error', 'warning', 'info'] as const).map((severity) =>
        box('severity', severity, severity, all.filter((finding) => finding.severity === severity).length)
      )
    ])
  ])
}

function contents(chapters: FileFindings[]): Element {
  return h('table.contents', [
    h('thead', h('tr', [h('th', 'Chapter'), h('th', 'Errors'), h('th', 'Warnings'), h('th', 'Info')])),
    h(
      'tbody',
      chapters.map((chapter, index) =>
        h('tr', [
          h('td', h('a', {href: `#file-${index}`}, chapter.path ?? 'stdin')),
          ...(['error', 'warning', 'info'] as const).map((severity) =>
            h('td', String(chapter.findings.filter((finding) => finding.severity === severity).length))
          )
        ])
      )
    )
  ])
}

function fixedList(fixed: NonNullable<ReporterOptions['fixed']>): Element {
  return h('section.fixed', [
    h('h2', `Fixed since the base revision (${fixed.length})`),
    h(
      'ul',
      fixed.map((entry) =>
        h('li', [h('code', `${entry.path}:${entry.line ?? 1}`), ' ', ...codeSpans(entry.reason), ` (${entry.ruleId ?? 'galley'})`])
      )
    )
  ])
}

function summary(all: Finding[]): string {
  const by = (severity: Finding['severity']) => all.filter((finding) => finding.severity === severity).length
  return `${count(all.length, 'finding')}: ${count(by('error'), 'error')}, ${count(by('warning'), 'warning')}, ${by('info')} info.`
}

function place(finding: Finding): string {
  return finding.line === null ? 'file' : `${finding.line}:${finding.column ?? 1}`
}

function ruleOf(finding: Finding): string {
  return finding.message.ruleId ?? finding.message.source ?? 'galley'
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/**
 * A reason's `quoted` words as code, as the terminal report shows them. The redline has the
 * same few lines (revisions/redline-document.ts): reporters import nothing of Galley's, and
 * revisions nothing of the reporters, so neither can lend it to the other.
 */
function codeSpans(reason: string): ElementContent[] {
  return reason
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`') ? h('code', part.slice(1, -1)) : {type: 'text', value: part}
    )
}

/** Unticking a rule or a severity hides its notes and unmarks its text: one class on <body> each. */
function css(rules: string[]): string {
  const perRule = rules
    .map(
      (_, index) =>
        `body.no-rule-${index} li[data-rule="${index}"] { display: none } body.no-rule-${index} mark[data-rule~="${index}"] { background: none; border: 0 }`
    )
    .join('\n')
  const perSeverity = ['error', 'warning', 'info']
    .map(
      (severity) =>
        `body.no-${severity} li[data-severity="${severity}"] { display: none } body.no-${severity} mark[data-severity~="${severity}"] { background: none; border: 0 }`
    )
    .join('\n')
  return `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 84rem; padding: 1rem 1.5rem; color: #1d1d1d; }
h1 { margin-bottom: 0.2rem; } .summary { color: #444; margin-top: 0; }
.filters { display: flex; gap: 1rem; flex-wrap: wrap; } fieldset { border: 1px solid #ccc; } label { margin-right: 0.8rem; white-space: nowrap; }
table.contents { border-collapse: collapse; margin: 1rem 0; } .contents td, .contents th { padding: 0.2rem 0.7rem; border-bottom: 1px solid #ddd; text-align: right; }
.contents td:first-child, .contents th:first-child { text-align: left; }
.chapter { border-top: 2px solid #999; margin-top: 2rem; } .count { color: #666; font-weight: normal; font-size: 0.9em; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.6 Georgia, 'Times New Roman', serif; margin: 0; }
mark { background: #fff1a8; border-bottom: 2px solid #d6a700; } mark[data-severity~="error"] { background: #ffd6d2; border-color: #b3261e; }
ol.notes { margin: 0; padding-left: 1.4rem; font-size: 0.92em; position: sticky; top: 0; max-height: 100vh; overflow: auto; }
ol.notes li { margin-bottom: 0.5rem; } .rule, .where { color: #555; } .severity.error { color: #b3261e; } .related { margin-left: 1rem; }
${perRule}
${perSeverity}
`
}

const script = `
for (const box of document.querySelectorAll('input[data-filter]')) {
  box.addEventListener('change', () => {
    const name = box.dataset.filter === 'rule' ? 'no-rule-' + box.value : 'no-' + box.value
    document.body.classList.toggle(name, !box.checked)
  })
}
`
