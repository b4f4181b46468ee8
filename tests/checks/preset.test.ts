// What every rule owes its messages, checked over every fixture and the seed at once.
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {check} from '../../pipeline/check.ts'
import {ruleIds} from '../../pipeline/checks/index.ts'
import {configSchema} from '../../pipeline/config/schema.ts'

const fixtures = path.resolve('tests/fixtures')
const folders = readdirSync(fixtures).filter((name) => ruleIds.includes(name))

describe('the preset', () => {
  it.each(['manuscript', ...folders.map((name) => path.join('tests/fixtures', name))])(
    '%s: every message has ruleId, source, url and a place inside the file',
    async (folder) => {
      const {files} = await check({cwd: process.cwd(), path: folder})
      const messages = files.flatMap((file) => file.messages.map((message) => ({file, message})))
      expect(messages.length).toBeGreaterThan(0)
      for (const {file, message} of messages) {
        expect(message.ruleId, String(message)).toBeTruthy()
        expect(message.source, String(message)).toMatch(/^(galley|remark-lint|retext-repeated-words)$/)
        expect(message.url, String(message)).toMatch(new RegExp(`#${message.ruleId}$|remark-lint`))
        const lines = String(file.value).split('\n').length
        expect(message.line).toBeGreaterThanOrEqual(1)
        expect(message.place && 'end' in message.place ? message.place.end.line : message.line).toBeLessThanOrEqual(lines)
      }
    }
  )

  it('turns a rule off and sets severities from the config', async () => {
    const base = process.cwd()
    const off = configSchema.parse({rules: {'repeated-paragraph': 'off', 'inconsistent-name': 'error'}})
    const {files} = await check({cwd: base, config: {...off, base}})
    const messages = files.flatMap((file) => file.messages)
    expect(messages.some((m) => m.ruleId === 'repeated-paragraph')).toBe(false)
    expect(messages.filter((m) => m.ruleId === 'inconsistent-name').every((m) => m.fatal === true)).toBe(true)
    expect(messages.filter((m) => m.ruleId === 'acronym-expansion').every((m) => m.fatal === false)).toBe(true)
  })
})
