// Find the config, read it, validate it against the schema once, and say exactly what is wrong.
import {existsSync, realpathSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {closest} from 'fastest-levenshtein'
import {tsImport} from 'tsx/esm/api'
import YAML from 'yaml'
import {z} from 'zod'
import {ruleIds} from '../checks/index.ts'
import {GalleyError} from '../errors.ts'
import {isInside} from '../fs/inside.ts'
import type {Location} from '../manuscript/types.ts'
import {formats, type FormatName} from '../render/formats/index.ts'
import type {EditionSettings} from '../render/settings.ts'
import {readHouse, withHouse} from './house.ts'
import {configSchema, houseSchema, type Config} from './schema.ts'

export const configNames = [
  'galley.config.ts',
  'galley.config.mts',
  'galley.config.cts',
  'galley.config.mjs',
  'galley.config.cjs',
  'galley.config.js',
  'galley.config.json',
  'galley.config.yaml',
  'galley.config.yml'
]

/** Load `file`, or the first config found in `cwd`, or a `galley` key in its package.json, or the defaults. */
export async function loadConfig(cwd: string, file?: string): Promise<Config> {
  const present = configNames.map((name) => path.join(cwd, name)).filter((p) => existsSync(p))
  // Two configs side by side would leave which one counts to an order few would guess, and a
  // pull request could add a code config beside the repository's data one to take over.
  if (!file && present.length > 1) {
    const [first, second] = present.map((p) => path.basename(p))
    throw new GalleyError(
      path.relative(process.cwd(), cwd) || '.',
      `two configs, ${first} and ${second}; keep one, or name it with --config`
    )
  }
  const found = file ? path.resolve(cwd, file) : present[0]
  if (found) return validate(await readConfig(found), found, '', cwd, await houseIn(path.dirname(found)))

  const pkgPath = path.join(cwd, 'package.json')
  const house = await houseIn(cwd)
  if (existsSync(pkgPath)) {
    const pkg = parseJson(await readText(pkgPath), pkgPath)
    if (pkg && typeof pkg === 'object' && 'galley' in pkg)
      return validate((pkg as {galley: unknown}).galley, pkgPath, 'galley.', cwd, house)
  }
  return validate({}, undefined, '', cwd, house)
}

/** The house decisions in `style.yaml` beside the config, validated with each rule's options schema. */
async function houseIn(folder: string): Promise<{file: string; rules: Record<string, Record<string, unknown>>} | undefined> {
  const house = await readHouse(folder, labelOf)
  if (!house) return undefined
  const result = houseSchema.safeParse(house.rules)
  if (!result.success) throw new GalleyError(labelOf(house.file), describe(result.error.issues[0]!, '', houseSchema))
  // The options as written, now known to be valid: they go beneath the config's as written, and
  // the whole is parsed once, so that defaults come in once, after the merge.
  return {file: house.file, rules: house.rules as Record<string, Record<string, unknown>>}
}

function labelOf(file: string): string {
  return path.relative(process.cwd(), file) || file
}

async function readConfig(file: string): Promise<unknown> {
  const ext = path.extname(file)
  if (ext === '.json') return parseJson(await readText(file), file)
  if (ext === '.yaml' || ext === '.yml') {
    try {
      return YAML.parse(await readText(file)) ?? {}
    } catch (error) {
      throw new GalleyError(file, `invalid YAML: ${(error as Error).message.split('\n')[0]}`)
    }
  }
  if (['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].includes(ext)) {
    try {
      // TypeScript through tsx's loader, for this one import only: the installed Galley is
      // JavaScript, and a project's config may be TypeScript in an ESM or a CommonJS project.
      const url = pathToFileURL(file).href
      const mod = (ext.endsWith('ts') ? await tsImport(url, import.meta.url) : await import(url)) as {default?: unknown}
      // A CommonJS config's `module.exports` arrives as `default`; tsx may wrap it once more.
      const value = mod.default
      return value && typeof value === 'object' && 'default' in value && Object.keys(value).length === 1 ? value.default : value
    } catch (error) {
      throw new GalleyError(file, `cannot load config: ${(error as Error).message.split('\n')[0]}`)
    }
  }
  throw new GalleyError(file, `unknown config format "${ext}", expected one of ${configNames.join(', ')}`)
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new GalleyError(file, `cannot read config: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new GalleyError(file, `invalid JSON: ${(error as Error).message}`)
  }
}

/** A config without a file is relative to the folder it was looked for in, not to the process. */
function validate(
  value: unknown,
  file: string | undefined,
  prefix = '',
  cwd = process.cwd(),
  house?: {file: string; rules: Record<string, Record<string, unknown>>}
): Config {
  const label = file ? labelOf(file) : 'config'
  const given = value ?? {}
  // The house's options go beneath the config's own before the one validation of the whole.
  const merged =
    house && typeof given === 'object' && !Array.isArray(given)
      ? {...given, rules: withHouse((given as {rules?: unknown}).rules, house.rules)}
      : given
  const result = configSchema.safeParse(merged)
  if (!result.success) throw new GalleyError(label, describe(result.error.issues[0]!, prefix))
  // The keys as written, not as parsed: the parse drops `__proto__`, which must not pass unseen.
  const written = (value as {rules?: unknown} | undefined)?.rules
  for (const id of Object.keys(written && typeof written === 'object' ? written : result.data.rules)) {
    if (!ruleIds.includes(id)) {
      throw new GalleyError(label, `${prefix}rules: unknown rule "${id}", did you mean "${closest(id, ruleIds)}"?`)
    }
  }
  const base = file ? path.dirname(file) : cwd
  refuseBrowser(result.data.browser, label, prefix)
  for (const key of ['manuscript', 'output'] as const) {
    if (leavesProject(base, result.data[key])) {
      throw new GalleyError(
        label,
        `${prefix}${key}: "${result.data[key]}" leaves the project folder; a config may name only folders inside it (give a path outside on the command line instead)`
      )
    }
  }
  return {...result.data, base, path: file, ...(house && {house: house.file})}
}

/**
 * A browser named by a config is a program Galley runs, or a host it connects to, and a config
 * may come with a pull request: it is used only when the environment, which is the user's,
 * allows it. The environment can also name the browser itself (`GALLEY_CHROME`,
 * `GALLEY_BROWSER_WS`), which is the one line a team's CI needs.
 */
function refuseBrowser(browser: Config['browser'], label: string, prefix: string): void {
  if (process.env.GALLEY_TRUST_CONFIG_BROWSER === '1') return
  const named =
    browser.executablePath !== undefined ? 'executablePath' : browser.browserWSEndpoint !== undefined ? 'browserWSEndpoint' : undefined
  if (!named) return
  const instead = named === 'executablePath' ? 'GALLEY_CHROME' : 'GALLEY_BROWSER_WS'
  throw new GalleyError(
    label,
    `${prefix}browser.${named}: a browser named by a config is used only when the environment allows it; set ${instead} to it instead, or GALLEY_TRUST_CONFIG_BROWSER=1 for a config you trust`
  )
}

/**
 * A config may come with a pull request, so the folders it names must lie inside the folder it
 * is in, links resolved as far as they exist: a config that names `/etc` or `../../` as the
 * manuscript would publish other files, and as the output would write over them. Paths the
 * user gives on the command line are the user's own and are not held to this.
 */
function leavesProject(base: string, value: string): boolean {
  const target = path.resolve(base, value)
  if (!isInside(target, base, {orSame: true})) return true
  // The nearest part of the path that exists, with its links resolved, must still be inside.
  let existing = target
  while (!existsSync(existing) && existing !== base) existing = path.dirname(existing)
  try {
    return !isInside(realpathSync(existing), realpathSync(base), {orSame: true})
  } catch {
    return false
  }
}

/** One zod issue → "rules.inconsistent-name.1: unknown key "alises", did you mean "aliases"?" */
function describe(issue: z.core.$ZodIssue, prefix: string, schema: z.ZodType = configSchema): string {
  const where = prefix + (issue.path.length > 0 ? issue.path.join('.') : '(root)')
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path, schema)
    const key = issue.keys[0]!
    const hint = known.length > 0 ? `, did you mean "${closest(key, known)}"?` : ''
    return `${where}: unknown key "${key}"${hint}`
  }
  if (issue.code === 'invalid_union') {
    return `${where}: expected a severity ("off", "info", "warn", "error") or [severity, options]` + nestedReason(issue)
  }
  return `${where}: ${issue.message}`
}

function nestedReason(issue: z.core.$ZodIssueInvalidUnion): string {
  // The tuple branch carries the interesting problem (a bad option), if there is one.
  for (const branch of issue.errors) {
    const deep = branch.find((i) => i.path.length > 1 || i.code === 'unrecognized_keys')
    if (deep) return ` (${deep.path.join('.')}: ${deep.code === 'unrecognized_keys' ? `unknown key "${deep.keys[0]}"` : deep.message})`
  }
  return ''
}

/** Keys the schema allows at `at`, for "did you mean" hints. */
function knownKeys(at: PropertyKey[], root: z.ZodType): string[] {
  let schema: z.ZodType | undefined = root
  for (const key of at) schema = childOf(schema, key)
  const shape = schema && shapeOf(schema)
  return shape ? Object.keys(shape) : []
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: any = schema
  while (current?._zod?.def?.innerType) current = current._zod.def.innerType
  return current
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  return (unwrap(schema) as any)?._zod?.def?.shape
}

function childOf(schema: z.ZodType | undefined, key: PropertyKey): z.ZodType | undefined {
  if (!schema) return undefined
  const def = (unwrap(schema) as any)._zod.def
  if (def.type === 'object') return def.shape[key as string] ?? def.catchall
  if (def.type === 'tuple') return def.items[key as number]
  if (def.type === 'union') {
    for (const option of def.options) {
      const found = childOf(option, key)
      if (found) return found
    }
  }
  return undefined
}

/**
 * Where the manuscript is: a folder or file the user named (relative to `cwd`, in its own
 * file order), else the configured one, relative to the config, in the configured order.
 */
export function manuscriptLocation(config: Config, cwd: string, given?: string): Location {
  if (given) return {root: path.resolve(cwd, given)}
  return {root: path.resolve(config.base, config.manuscript), chapters: config.chapters}
}

/** The folder the editions go into: the user's `--out` (relative to `cwd`), else the configured one. */
export function outputFolder(config: Config, cwd: string, given?: string): string {
  return given ? path.resolve(cwd, given) : path.resolve(config.base, config.output)
}

export interface ConfiguredEdition {
  format: FormatName
  /** The edition's file name after the title's slug: `pdf`, or `book.pdf` for a named one. */
  suffix: string
  settings: EditionSettings
}

/** The configured editions, each with its own settings over the shared ones; `only` keeps those formats. */
export function configuredEditions(config: Config, only?: FormatName[]): ConfiguredEdition[] {
  return config.editions
    .filter((entry) => !only || only.includes(entry.format))
    .map(({format, name, ...own}) => ({
      format,
      suffix: `${name ? `${name}.` : ''}${formats[format].extension}`,
      settings: {...config.edition, ...own}
    }))
}
