// `style.yaml`, the house decisions beside the config: Galley's rules' options by rule id, as
// `galley stylesheet --format yaml` writes them. Like the config, it may come with a pull
// request, so it is read as plain data (no tags, no aliases, no merge keys) under a size limit,
// and validated with the rules' own option schemas before anything reads it.
import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import YAML from 'yaml'
import {defaultSeverity} from '../checks/index.ts'
import {GalleyError} from '../errors.ts'

export const houseName = 'style.yaml'

/**
 * Far above a book's decisions (its learned words, compounds and acronyms come to tens of KB),
 * and small enough that reading it takes a fraction of a second.
 */
export const maxHouseSize = 256 * 1024

export interface House {
  file: string
  /** The options as written, by rule id; validated by the caller against the rules' schemas. */
  rules: Record<string, unknown>
}

/** The `style.yaml` in `folder`, parsed as plain data, or undefined when there is none. */
export async function readHouse(folder: string, label: (file: string) => string): Promise<House | undefined> {
  const file = path.join(folder, houseName)
  if (!existsSync(file)) return undefined
  const refuse = (reason: string) => new GalleyError(label(file), reason)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw refuse(`cannot read the house decisions: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const size = Buffer.byteLength(text)
  if (size > maxHouseSize)
    throw refuse(`${Math.ceil(size / 1024)} KB is over the limit of ${maxHouseSize / 1024} KB for the house decisions`)
  // Unique keys are checked below, once: the YAML reader checks each key against every other
  // one in its mapping, which takes seconds for a file of many keys.
  const document = YAML.parseDocument(text, {schema: 'core', merge: false, uniqueKeys: false, prettyErrors: false})
  const problem = document.errors[0] ?? document.warnings[0]
  if (problem) throw refuse(`invalid YAML: ${problem.message.split('\n')[0]}`)
  const plain = plainDataProblem(document, text)
  if (plain) throw refuse(plain)
  const value: unknown = document.toJS() ?? {}
  if (typeof value !== 'object' || Array.isArray(value)) throw refuse('expected a mapping of rule ids to their options')
  return {file, rules: value as Record<string, unknown>}
}

/** Tags, aliases and repeated keys have no place in a list of options; each is refused, with its line. */
function plainDataProblem(document: YAML.Document, text: string): string | undefined {
  let problem: string | undefined
  const at = (node: YAML.Node) => `line ${text.slice(0, node.range?.[0] ?? 0).split('\n').length}`
  YAML.visit(document, {
    Node(_, node) {
      if (YAML.isAlias(node)) problem = `an alias (*${node.source}) at ${at(node)}; write the value out instead`
      else if (node.tag) problem = `a tag (${node.tag}) at ${at(node)}; the house decisions are plain values`
      else if (YAML.isMap(node)) {
        const seen = new Set<unknown>()
        for (const pair of node.items) {
          const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key
          if (seen.has(key)) problem = `the key "${String(key)}" twice in one mapping, at ${at(pair.key as YAML.Node)}`
          seen.add(key)
        }
      }
      return problem ? YAML.visit.BREAK : undefined
    }
  })
  return problem
}

/**
 * The config's rules with the house's options beneath them: for each rule the house names, its
 * options as the house writes them, then the config's own for that rule key by key over them.
 * The severity stays the config's (a rule it turns off stays off). A setting the config writes
 * wrongly is left as it is, for the config's validation to name.
 */
export function withHouse(rules: unknown, house: Record<string, Record<string, unknown>>): unknown {
  if (rules !== undefined && (rules === null || typeof rules !== 'object' || Array.isArray(rules))) return rules
  const merged: Record<string, unknown> = {...(rules as Record<string, unknown> | undefined)}
  for (const [id, options] of Object.entries(house)) {
    const setting = merged[id]
    if (setting === 'off') continue
    if (setting === undefined) merged[id] = [defaultSeverity, options]
    else if (typeof setting === 'string') merged[id] = [setting, options]
    else if (Array.isArray(setting) && setting.length === 1) merged[id] = [setting[0], options]
    else if (Array.isArray(setting) && setting.length === 2 && isRecord(setting[1])) merged[id] = [setting[0], {...options, ...setting[1]}]
  }
  return merged
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
