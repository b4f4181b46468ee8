// The README says what the registries say: its rule table is made from the rule registry, and
// every rule of Galley's own has the section its messages' `url` points at.
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ruleTable, rules} from '../pipeline/checks/index.ts'
import {formatNames} from '../pipeline/render/formats/index.ts'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

describe('the README', () => {
  it('holds the rule table the registry makes', () => {
    expect(readme).toContain(ruleTable())
  })

  it('has a section for each rule that is not remark-lint’s', () => {
    const own = rules.filter((rule) => rule.source !== 'remark-lint').map((rule) => rule.id)
    expect(own.filter((id) => !readme.includes(`\n### ${id}\n`))).toEqual([])
  })

  it('names every edition format the config accepts', () => {
    expect(formatNames.filter((name) => !readme.includes(`format: ${name}`))).toEqual([])
  })
})
