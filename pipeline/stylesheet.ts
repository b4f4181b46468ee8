// `galley stylesheet`: the editor's style sheet of a manuscript, every choice the book makes,
// as the rules learn it (or the config sets it): spelling and dialect, compounds, names,
// acronyms and where each is first defined, punctuation and numbers, and the terms no dictionary
// has. Each entry has its uses and the places the book departs from it. configure → read → check
// → each rule's section (the registry's `sheet`) → Markdown, JSON, or the house decisions as
// `style.yaml`.
import path from 'node:path'
import type {VFileMessage} from 'vfile-message'
import YAML from 'yaml'
import {enabledRules} from './checks/index.ts'
import type {Collected, SheetSection} from './checks/rule.ts'
import {runChecks} from './checks/run.ts'
import {loadConfig, manuscriptLocation} from './config/load.ts'
import {houseSchema, type Config} from './config/schema.ts'
import {metadataOf, parseManuscript, readManuscript} from './manuscript/read.ts'
import type {Manuscript} from './manuscript/types.ts'

export interface StyleSheet {
  title: string
  /** The manuscript it was made from, relative to the working folder. */
  manuscript: string
  sections: Array<SheetSection & {rule: string}>
}

export async function stylesheet(options: {cwd?: string; path?: string; configFile?: string} = {}): Promise<StyleSheet> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  const config = await loadConfig(cwd, options.configFile)
  const location = manuscriptLocation(config, cwd, options.path)
  const manuscript = await readManuscript({...location, cwd})
  return sheetOf(config, manuscript, await runChecks(manuscript, config.rules), cwd)
}

/** The sheet of a manuscript already checked, from what the rules collected (the build's edition carries it too). */
export function sheetOf(config: Config, manuscript: Manuscript, collected: Record<string, Collected>, cwd: string): StyleSheet {
  const messages = manuscript.chapters.flatMap((chapter) => chapter.file.messages)
  const sections = enabledRules(config.rules).flatMap(({rule, options}) => {
    if (rule.kind !== 'manuscript' || !rule.sheet || !collected[rule.id]) return []
    const findings = messages.filter((message: VFileMessage) => message.ruleId === rule.id)
    return [{rule: rule.id, ...rule.sheet(collected[rule.id]!, options, findings)}]
  })
  const order = ['Spelling', 'Terms no dictionary has', 'Compounds', 'Capitalised terms', 'Names', 'Acronyms', 'Punctuation', 'Numbers']
  sections.sort((one, other) => order.indexOf(one.title) - order.indexOf(other.title))
  const first = {...manuscript, chapters: manuscript.chapters.slice(0, 1)}
  const title = metadataOf(parseManuscript(first)).title ?? path.basename(manuscript.root)
  return {title, manuscript: path.relative(cwd, manuscript.root) || '.', sections}
}

/**
 * The sheet's choices as `style.yaml`: each rule's house options, which the config loader reads
 * beside the config so that later checks hold the book to them (see load.ts). Checked against
 * the schema it will be read with, so what is written can be read back.
 */
export function sheetYaml(sheet: StyleSheet): string {
  const house = Object.fromEntries(
    sheet.sections.flatMap((section) => {
      // An empty list decides nothing.
      const options = Object.entries(section.house ?? {}).filter(([, value]) => !isEmpty(value))
      return options.length > 0 ? [[section.rule, Object.fromEntries(options)]] : []
    })
  )
  houseSchema.parse(house)
  const head = [
    `# The house decisions of ${sheet.title.replaceAll('\n', ' ')}, made by \`galley stylesheet --format yaml\`.`,
    '# Each rule’s options; the config’s own options for a rule win over these.'
  ]
  return `${head.join('\n')}\n${YAML.stringify(house, {lineWidth: 0, aliasDuplicateObjects: false})}`
}

/** The sheet as Markdown, to read and to commit beside the manuscript. */
export function sheetMarkdown(sheet: StyleSheet, limit = 200): string {
  const lines = [`# Style sheet: ${sheet.title}`, '', `Made by \`galley stylesheet\` from \`${sheet.manuscript}\`.`, '']
  for (const section of sheet.sections) {
    lines.push(`## ${section.title}`, '')
    if (section.about) lines.push(section.about, '')
    if (section.entries.length === 0) lines.push('None.', '')
    else {
      lines.push('| Form | Uses | Notes | Exceptions |', '| --- | ---: | --- | --- |')
      for (const entry of section.entries.slice(0, limit)) {
        const exceptions = (entry.exceptions ?? []).map((place) => `\`${place}\``).join('<br>')
        lines.push(`| ${cell(entry.term)} | ${entry.count ?? ''} | ${cell(entry.note ?? '')} | ${exceptions} |`)
      }
      if (section.entries.length > limit) lines.push('', `And ${section.entries.length - limit} more (see \`--format json\`).`)
      lines.push('')
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}

function isEmpty(value: unknown): boolean {
  return value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)
}

/** Text in a table cell: a pipe would end it, and a line break would end the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}
