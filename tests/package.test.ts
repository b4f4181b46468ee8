// Galley installed as a user installs it: the packed tarball, added as a dev dependency to a
// fresh `npm init -y` project (CommonJS, as npm now writes it) and to an ES module project,
// then `npx galley init` and `npx galley build`, and a config in every format both kinds load.
// npm installs the dependencies from its cache when it has them (the suite's own install put
// them there) and from the registry otherwise; nothing else is fetched.
import {execFile, spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {previewUrl} from './preview-url.ts'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

const run = promisify(execFile)
const name = '@galley-editions/galley'
let work = ''
let tarball = ''

async function sh(cwd: string, command: string, args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await run(command, args, {cwd, env: {...process.env, NO_COLOR: '1'}, maxBuffer: 64 * 1024 * 1024})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const failed = error as {code?: number; stdout?: string; stderr?: string}
    return {code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''}
  }
}

async function freshProject(kind: 'commonjs' | 'module'): Promise<string> {
  const folder = path.join(work, kind === 'commonjs' ? 'my-book' : 'my-esm-book')
  await mkdir(folder)
  expect((await sh(folder, 'npm', ['init', '-y'])).code).toBe(0)
  const pkg = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>
  // npm writes "type": "commonjs" (or nothing, which means the same); the other kind says module.
  if (kind === 'module') await writeFile(path.join(folder, 'package.json'), JSON.stringify({...pkg, type: 'module'}, null, 2))
  else expect(pkg.type ?? 'commonjs').toBe('commonjs')
  const installed = await sh(folder, 'npm', ['install', '-D', tarball, '--prefer-offline', '--no-audit', '--no-fund'])
  expect(installed.stderr).not.toMatch(/npm error/)
  expect(installed.code).toBe(0)
  return folder
}

const mine = '---\ntitle: My Own Book\n---\n\n# Mine\n\nMy own words.\n'

const configs = (kind: 'commonjs' | 'module'): Record<string, string> => {
  const esm = `import {defineConfig} from '${name}'\nexport default defineConfig({rules: {'repeated-words': 'error'}})\n`
  const cjs = `const {defineConfig} = require('${name}')\nmodule.exports = defineConfig({rules: {'repeated-words': 'error'}})\n`
  return {
    'galley.config.ts': esm,
    'galley.config.mts': esm,
    'galley.config.cts': cjs,
    'galley.config.js': kind === 'module' ? esm : cjs,
    'galley.config.mjs': esm,
    'galley.config.cjs': cjs,
    'galley.config.json': JSON.stringify({rules: {'repeated-words': 'error'}}),
    'galley.config.yaml': 'rules:\n  repeated-words: error\n'
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'galley-package-'))
  const packed = await sh(process.cwd(), 'npm', ['pack', '--pack-destination', work, '--silent'])
  expect(packed.stderr).not.toMatch(/npm error/)
  tarball = path.join(work, packed.stdout.trim().split('\n').at(-1)!)
  expect(existsSync(tarball)).toBe(true)
}, 300_000)

afterAll(() => rm(work, {recursive: true, force: true}))

describe('the packed package', () => {
  it('holds the compiled JavaScript, its declarations and the styles, and no TypeScript or tests', async () => {
    const listed = await sh(work, 'tar', ['tzf', tarball])
    const files = listed.stdout.trim().split('\n')
    expect(files).toEqual(
      expect.arrayContaining(['package/dist/pipeline/main.js', 'package/dist/pipeline/index.d.ts', 'package/dist/styles/print.css'])
    )
    expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([])
    expect(files.filter((file) => file.startsWith('package/tests/') || file.startsWith('package/manuscript/'))).toEqual([])
  })

  for (const kind of ['commonjs', 'module'] as const) {
    describe(`in a fresh ${kind === 'commonjs' ? 'CommonJS' : 'ES module'} project`, () => {
      let folder = ''
      beforeAll(async () => {
        folder = await freshProject(kind)
      }, 300_000)

      it('`npx galley init` scaffolds a manuscript, and says what it wrote', async () => {
        const result = await sh(folder, 'npx', ['galley', 'init'])
        expect(result).toMatchObject({code: 0, stderr: ''})
        expect(result.stdout.trim().split('\n')).toEqual([
          'wrote manuscript/01-opening.md',
          'wrote manuscript/02-middle.md',
          'wrote galley.config.yaml',
          'wrote .gitignore',
          'wrote .github/workflows/manuscript.yml'
        ])
      })

      it('`npx galley init` again overwrites nothing', async () => {
        await writeFile(path.join(folder, 'manuscript/01-opening.md'), mine)
        const result = await sh(folder, 'npx', ['galley', 'init'])
        expect(result.code).toBe(0)
        expect(result.stdout).toContain('kept manuscript/01-opening.md (it exists)')
        expect(result.stdout).not.toContain('wrote')
        expect(await readFile(path.join(folder, 'manuscript/01-opening.md'), 'utf8')).toBe(mine)
      })

      it('`npx galley build` writes both editions', async () => {
        const result = await sh(folder, 'npx', ['galley', 'build'])
        expect(result.code).toBe(0)
        const slug = 'my-own-book'
        expect(result.stderr).toMatch(
          new RegExp(`^galley: wrote output/${slug}\\.html\\ngalley: wrote output/${slug}\\.pdf \\(\\d+ pages\\)\\n$`)
        )
        expect(result.stdout).toContain('manuscript/01-opening.md: no issues found')
        expect((await readFile(path.join(folder, `output/${slug}.pdf`))).subarray(0, 5).toString()).toBe('%PDF-')
        expect(await readFile(path.join(folder, `output/${slug}.html`), 'utf8')).toContain('My own words.')
      })

      it('`npx galley preview --pdf` serves both editions on 127.0.0.1', async () => {
        const server = spawn('npx', ['galley', 'preview', '--pdf'], {cwd: folder, stdio: ['ignore', 'pipe', 'pipe'], detached: true})
        try {
          const url = await previewUrl(server)
          expect(await (await fetch(url)).text()).toContain('<iframe id="edition"')
          expect(await (await fetch(new URL('edition.html', url))).text()).toContain('My own words.')
          const pdf = new Uint8Array(await (await fetch(new URL('edition.pdf', url))).arrayBuffer())
          expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
        } finally {
          // npx runs galley in a child: end the whole group.
          process.kill(-server.pid!, 'SIGTERM')
        }
      })

      it('loads a config in every format: .ts, .mts, .cts, .js, .mjs, .cjs, .json and .yaml', async () => {
        await writeFile(path.join(folder, 'manuscript/03-fault.md'), '# Fault\n\nWe went to the the market.\n')
        const outcomes: Record<string, string> = {}
        for (const [file, text] of Object.entries(configs(kind))) {
          for (const old of await readdir(folder)) if (old.startsWith('galley.config.')) await rm(path.join(folder, old))
          await writeFile(path.join(folder, file), text)
          const result = await sh(folder, 'npx', ['galley', 'check', '--reporter', 'json'])
          const report =
            result.code === 1 ? (JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string; severity: string}>}>) : []
          const errors = report.flatMap((chapter) => chapter.messages).filter((message) => message.severity === 'error')
          outcomes[file] = result.code === 1 ? errors.map((message) => `${message.ruleId} error`).join(', ') : result.stderr
        }
        expect(outcomes).toEqual(Object.fromEntries(Object.keys(configs(kind)).map((file) => [file, 'repeated-words error'])))
      })
    })
  }
})
