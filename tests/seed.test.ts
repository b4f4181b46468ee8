// The seed manuscript, checked end to end as `npx galley check --reporter json` prints it.
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import {beforeAll, describe, expect, it} from 'vitest'

interface Finding {
  reason: string
  ruleId: string
  source: string
  severity: string
  line: number
  actual: string | null
  expected: string[] | null
  url: string
  related: Array<{path: string; line: number; column: number; reason: string}>
  data: Record<string, unknown>
}

let findings: Finding[] = []
let exitCode = -1

beforeAll(async () => {
  const {stdout} = await promisify(execFile)(process.execPath, [path.resolve('pipeline/bin.js'), 'check', '--reporter', 'json'])
  exitCode = 0
  const report = JSON.parse(stdout) as Array<{path: string; messages: Finding[]}>
  expect(report.map((file) => file.path)).toEqual(['manuscript/china-iran-military-relations.md'])
  findings = report[0]!.messages
})

const seedLine = (start: string) => {
  // Lines are counted in the manuscript as committed; found by content so an edit there fails loudly.
  const text = readFileSync('manuscript/china-iran-military-relations.md', 'utf8')
  return text.split('\n').findIndex((line) => line.startsWith(start)) + 1
}

describe('the seed manuscript', () => {
  it('passes with warnings only (exit 0)', () => {
    expect(exitCode).toBe(0)
    expect(findings.every((f) => f.severity === 'warning')).toBe(true)
  })

  it('finds the paragraph that repeats with a different second sentence', () => {
    const repeated = findings.filter((f) => f.ruleId === 'repeated-paragraph')
    expect(repeated).toHaveLength(1)
    const evidence = 'Evidence suggests that there has been intelligence cooperation'
    const text = readFileSync('manuscript/china-iran-military-relations.md', 'utf8')
    const lines = text.split('\n').flatMap((line, index) => (line.startsWith(evidence) ? [index + 1] : []))
    expect(lines).toHaveLength(2)
    expect(repeated[0]!.line).toBe(lines[1])
    expect(repeated[0]!.related[0]).toMatchObject({path: 'manuscript/china-iran-military-relations.md', line: lines[0], column: 1})
  })

  it('finds `Wei Feng` against `Wei Fenghe`', () => {
    const names = findings.filter((f) => f.ruleId === 'inconsistent-name')
    expect(names.map((f) => [f.actual, f.expected, f.line])).toEqual([['Wei Feng', ['Wei Fenghe'], seedLine('Some scholars')]])
  })

  it('finds the JCPOA whose expansion does not spell it', () => {
    const acronyms = findings.filter((f) => f.ruleId === 'acronym-expansion')
    expect(acronyms).toHaveLength(1)
    expect(acronyms[0]!.reason).toContain('JCPOA')
    expect(acronyms[0]!.actual).toBe('Joint Comprehensive Plan')
    expect(acronyms[0]!.line).toBe(seedLine('Chinese companies have also supplied'))
  })

  it('does not flag Raisi, IRGC, AFGS, SCO or MTCR', () => {
    for (const word of ['Raisi', 'IRGC', 'AFGS', 'SCO', 'MTCR']) {
      expect(findings.filter((f) => f.reason.includes(word) || f.actual?.includes(word))).toEqual([])
    }
  })

  it('gives every finding a rule id, a source and a link to its documentation', () => {
    for (const finding of findings) {
      expect(finding.ruleId).toBeTruthy()
      expect(finding.source).toBe('galley')
      expect(finding.url).toMatch(new RegExp(`#${finding.ruleId}$`))
    }
  })
})
