// The house decisions: `galley stylesheet --format yaml` writes them, `style.yaml` beside the
// config holds later checks to them, a broken one stops the run in one line, and the config's
// own options win over it.
import {copyFile, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../pipeline/config/load.ts'
import {galley} from './run-galley.ts'

const seed = 'manuscript/china-iran-military-relations.md'

async function project(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-house-'))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), {recursive: true})
    await writeFile(path.join(folder, name), text)
  }
  return folder
}

async function seedProject(): Promise<string> {
  const folder = await project({})
  await mkdir(path.join(folder, 'manuscript'))
  await copyFile(path.resolve(seed), path.join(folder, seed))
  return folder
}

/** `line:column reason` of every finding of one rule, from the JSON report. */
async function findings(folder: string, ruleId: string): Promise<string[]> {
  const result = await galley(folder, 'check', '--no-cache', '--reporter', 'json')
  const files = JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string; line: number; column: number; reason: string}>}>
  return files.flatMap((file) => file.messages.filter((m) => m.ruleId === ruleId).map((m) => `${m.line}:${m.column} ${m.reason}`))
}

const seedHouse = `# The house decisions of China-Iran Military Relations, made by \`galley stylesheet --format yaml\`.
# Each rule’s options; the config’s own options for a rule win over these.
inconsistent-spelling:
  dialect: en-US
spelling:
  words:
    - cyber
    - Fenghe
    - Raisi
inconsistent-hyphenation:
  forms:
    - dual-use
    - missile-related
    - cyber-attacks
    - high-profile
    - cyber-espionage
    - long-term
    - counter-terrorism
    - self-described
acronym-expansion:
  known:
    AFGS: Armed Forces General Staff
    IRGC: Islamic Revolutionary Guard Corps
    MTCR: Missile Technology Control Regime
    SCO: Shanghai Cooperation Organization
punctuation-style:
  quotes: curly
  apostrophes: curly
`

describe('galley stylesheet --format yaml', () => {
  it('writes the seed’s choices as the rules’ options: no name (no option says one), no definition that is a finding', async () => {
    const result = await galley(process.cwd(), 'stylesheet', '--format', 'yaml')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(seedHouse)
  })

  it('round-trips: beside the config, it changes nothing on the book it came from and holds a changed book to it', async () => {
    const folder = await seedProject()
    const before = await galley(folder, 'check', '--no-cache', '--reporter', 'json')
    const written = await galley(folder, 'stylesheet', '--format', 'yaml', '-o', 'style.yaml')
    expect(written.stderr).toBe('galley: wrote style.yaml\n')
    expect(await readFile(path.join(folder, 'style.yaml'), 'utf8')).toBe(seedHouse)
    expect((await galley(folder, 'check', '--no-cache', '--reporter', 'json')).stdout).toBe(before.stdout)

    // A later draft closes up a compound the book hyphenated once, and renames the IRGC.
    const text = await readFile(path.join(folder, seed), 'utf8')
    const changed = text.replace('long-term', 'longterm').replace('Islamic Revolutionary Guard Corps', 'Islamic Revolutionary Guards Corps')
    await writeFile(path.join(folder, seed), changed)
    expect(await findings(folder, 'inconsistent-hyphenation')).toEqual([
      '20:80 Unexpected `longterm`, expected `long-term` (the config’s house form)'
    ])
    expect(await findings(folder, 'acronym-expansion')).toContain(
      '8:366 Unexpected expansion `Islamic Revolutionary Guards Corps` for `IRGC`, expected `Islamic Revolutionary Guard Corps`'
    )
    // Without the house decisions, the book's own majority has nothing to hold either to.
    await rm(path.join(folder, 'style.yaml'))
    expect(await findings(folder, 'inconsistent-hyphenation')).toEqual([])
    expect((await findings(folder, 'acronym-expansion')).some((finding) => finding.includes('Guards'))).toBe(false)
  })

  it('holds a book whose majority is British to the American spelling style.yaml decided', async () => {
    const chapter = 'The colour of the harbour and the flavour of the tea were the talk of the town, whatever the color of the sky.\n'
    const folder = await project({'manuscript/a.md': chapter})
    expect(await findings(folder, 'inconsistent-spelling')).toEqual([
      '1:94 Unexpected American spelling `color`, expected `colour` (the manuscript has 3 British and 1 American)'
    ])
    await writeFile(path.join(folder, 'style.yaml'), 'inconsistent-spelling:\n  dialect: en-US\n')
    expect(await findings(folder, 'inconsistent-spelling')).toEqual([
      '1:5 Unexpected British spelling `colour`, expected `color` (the config sets `en-US`)',
      '1:19 Unexpected British spelling `harbour`, expected `harbor` (the config sets `en-US`)',
      '1:35 Unexpected British spelling `flavour`, expected `flavor` (the config sets `en-US`)'
    ])
  })
})

describe('style.yaml', () => {
  const clean = {'manuscript/a.md': 'A clean sentence that nobody would ever flag at all.\n'}

  it('stops the run with one line naming the file and the reason', async () => {
    const cases: Array<[string, string]> = [
      [
        'inconsistent-spelling:\n  dialect: en-AU\n',
        'galley: style.yaml: inconsistent-spelling.dialect: Invalid option: expected one of "en-US"|"en-GB"|"en-GB-oxendict"\n'
      ],
      [
        'inconsistent-hyphenation:\n  froms: [e-mail]\n',
        'galley: style.yaml: inconsistent-hyphenation: unknown key "froms", did you mean "forms"?\n'
      ],
      [
        'inconsistent-spelings:\n  dialect: en-US\n',
        'galley: style.yaml: (root): unknown key "inconsistent-spelings", did you mean "inconsistent-spelling"?\n'
      ],
      ['spelling:\n  words: [cyber\n', expect.stringMatching(/^galley: style\.yaml: invalid YAML: [^\n]+\n$/)],
      [
        'spelling:\n  words: !!set {cyber: null}\n',
        'galley: style.yaml: a tag (tag:yaml.org,2002:set) at line 2; the house decisions are plain values\n'
      ],
      ['a: &words [cyber]\nspelling:\n  words: *words\n', 'galley: style.yaml: an alias (*words) at line 3; write the value out instead\n'],
      ['- dialect: en-US\n', 'galley: style.yaml: expected a mapping of rule ids to their options\n']
    ]
    for (const [house, line] of cases) {
      const folder = await project({...clean, 'style.yaml': house})
      const result = await galley(folder, 'check')
      expect(result.code, house).toBe(2)
      expect(result.stderr, house).toEqual(line)
    }
  })

  it('refuses one over the size limit before reading it', async () => {
    const folder = await project({...clean, 'style.yaml': `spelling:\n  words:\n${'    - cyber\n'.repeat(30_000)}`})
    const result = await galley(folder, 'check')
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('galley: style.yaml: 352 KB is over the limit of 256 KB for the house decisions\n')
  })

  it('lies beneath the config: the config’s own options win key by key, and its severities stand', async () => {
    const folder = await project({
      'galley.config.yaml': [
        'rules:',
        '  inconsistent-spelling: [error, {dialect: en-GB}]',
        '  inconsistent-hyphenation: [info, {open: true}]',
        '  punctuation-style: off',
        '  number-style: error'
      ].join('\n'),
      'style.yaml': [
        'inconsistent-spelling: {dialect: en-US}',
        'inconsistent-hyphenation: {forms: [e-mail], open: false}',
        'punctuation-style: {quotes: curly}',
        'number-style: {percent: symbol}',
        'spelling: {words: [cyber]}'
      ].join('\n')
    })
    const config = await loadConfig(folder)
    expect(config.house).toBe(path.join(folder, 'style.yaml'))
    expect(config.rules).toMatchObject({
      'inconsistent-spelling': ['error', {dialect: 'en-GB'}],
      'inconsistent-hyphenation': ['info', {forms: ['e-mail'], open: true}],
      'punctuation-style': 'off',
      'number-style': ['error', {percent: 'symbol'}],
      spelling: ['warn', {words: ['cyber']}]
    })
  })

  it('is read beside the config a --config names, not in the working folder', async () => {
    const folder = await project({
      'book/galley.config.yaml': 'manuscript: text\n',
      'book/style.yaml': 'spelling: {words: [Fenghe]}\n',
      'style.yaml': 'spelling: {words: [elsewhere]}\n'
    })
    const config = await loadConfig(folder, 'book/galley.config.yaml')
    expect(config.rules.spelling).toEqual(['warn', {words: ['Fenghe'], learnAt: 2, unknownWords: false, suggestions: 3}])
  })
})
