import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../../pipeline/config/load.ts'

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'galley-config-'))
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text)
  return folder
}

describe('loadConfig', () => {
  it('serves the defaults without a config file', async () => {
    const config = await loadConfig(await folderWith({}))
    expect(config.manuscript).toBe('manuscript')
    expect(config.output).toBe('output')
    expect(config.rules).toEqual({})
    expect(config.path).toBeUndefined()
  })

  it('reads galley.config.json and keeps rule settings', async () => {
    const folder = await folderWith({
      'galley.config.json': JSON.stringify({rules: {'inconsistent-name': 'error', 'final-newline': 'off'}})
    })
    const config = await loadConfig(folder)
    expect(config.rules).toEqual({'inconsistent-name': 'error', 'final-newline': 'off'})
    expect(config.path).toBe(path.join(folder, 'galley.config.json'))
  })

  it('reads YAML and the `galley` key of package.json', async () => {
    expect((await loadConfig(await folderWith({'galley.config.yaml': 'manuscript: book\n'}))).manuscript).toBe('book')
    const pkg = await folderWith({'package.json': JSON.stringify({name: 'x', galley: {output: 'dist'}})})
    expect((await loadConfig(pkg)).output).toBe('dist')
  })

  it('names the file and suggests the right key for a typo', async () => {
    const folder = await folderWith({'galley.config.json': JSON.stringify({manuscrpit: 'book'})})
    await expect(loadConfig(folder)).rejects.toThrow(
      /galley\.config\.json: \(root\): unknown key "manuscrpit", did you mean "manuscript"\?/
    )
  })

  it('suggests the right rule for a misspelt rule id', async () => {
    const folder = await folderWith({'galley.config.json': JSON.stringify({rules: {'inconsistent-names': 'warn'}})})
    await expect(loadConfig(folder)).rejects.toThrow(/unknown rule "inconsistent-names", did you mean "inconsistent-name"\?/)
  })

  it('rejects a bad severity, naming the key', async () => {
    const folder = await folderWith({'galley.config.json': JSON.stringify({rules: {'repeated-paragraph': 'loud'}})})
    await expect(loadConfig(folder)).rejects.toThrow(/rules\.repeated-paragraph: expected a severity/)
  })

  it('rejects broken JSON in one line naming the file', async () => {
    const folder = await folderWith({'galley.config.json': '{"rules": '})
    await expect(loadConfig(folder)).rejects.toThrow(/galley\.config\.json: invalid JSON/)
  })
})
