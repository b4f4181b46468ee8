// A stranger's pull request controls more than the Markdown: its symbolic links, its file names
// and the refs a workflow passes along. Built as such a repository in a temporary folder, and run
// through the real CLI, none of it reaches past the manuscript or writes into the log.
import {execFile, execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {readdir, readFile, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFString} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {bin, galley, project, removeProjects} from './run.ts'

const canary = 'CANARY-4f1d9-NOT-FOR-PUBLICATION'
const chapter = '# One\n\nThe harbour master wrote every arrival into the ledger in a careful hand.\n'

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
}

async function repository(files: Record<string, string>): Promise<string> {
  const folder = await project(files)
  git(folder, 'init', '-q', '-b', 'main')
  git(folder, 'config', 'user.email', 'editor@example.org')
  git(folder, 'config', 'user.name', 'Editor')
  git(folder, 'add', '.')
  git(folder, 'commit', '-q', '-m', 'first')
  return folder
}

/** Every file below `folder`, read as text, joined: where a canary would show if it leaked. */
async function everythingIn(folder: string): Promise<string> {
  if (!existsSync(folder)) return ''
  const names = await readdir(folder, {recursive: true})
  const texts = await Promise.all(names.map((name) => readFile(path.join(folder, name), 'latin1').catch(() => '')))
  return texts.join('\n')
}

afterAll(removeProjects)

describe('symbolic links to chapters outside the manuscript', () => {
  let folder = ''
  beforeAll(async () => {
    folder = await repository({'manuscript/01-one.md': chapter, 'secret.md': `# Secret\n\n${canary}\n`})
    await writeFile(path.join(folder, '.git/config'), `\n[http]\n\textraheader = AUTHORIZATION: basic ${canary}\n`, {flag: 'a'})
    await symlink('../secret.md', path.join(folder, 'manuscript/02-secret.md'))
    await symlink('../.git/config', path.join(folder, 'manuscript/03-token.md'))
    await symlink(path.join(folder, 'secret.md'), path.join(folder, 'manuscript/04-absolute.md'))
  })

  it('are reported by the check, each naming its target, and never read', async () => {
    const checked = await galley(folder, ['check', '--reporter', 'json'])
    expect(checked.code).toBe(2)
    expect(checked.stdout).not.toContain(canary)
    const report = JSON.parse(checked.stdout) as Array<{path: string; messages: Array<{ruleId: string; reason: string}>}>
    expect(report.map((file) => [file.path, file.messages.map((message) => `${message.ruleId}: ${message.reason}`)])).toEqual([
      ['manuscript/01-one.md', []],
      ['manuscript/02-secret.md', ['unreadable: symbolic link to `../secret.md`, outside the manuscript folder; not read']],
      ['manuscript/03-token.md', ['unreadable: symbolic link to `../.git/config`, outside the manuscript folder; not read']],
      [
        'manuscript/04-absolute.md',
        [`unreadable: symbolic link to \`${path.join(folder, 'secret.md')}\`, outside the manuscript folder; not read`]
      ]
    ])
  })

  it('stop the build in one line, and no edition holds what they point at', async () => {
    const built = await galley(folder, ['build'])
    expect(built.code).toBe(2)
    expect(built.stderr).toBe(
      'galley: manuscript/02-secret.md: symbolic link to `../secret.md`, outside the manuscript folder; not read; no editions built\n'
    )
    expect(await everythingIn(path.join(folder, 'output'))).not.toContain(canary)
  })

  it('are refused when a config lists them as chapters too', async () => {
    await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({chapters: ['01-one.md', '../secret.md']}))
    const checked = await galley(folder, ['check'])
    await writeFile(path.join(folder, 'galley.config.json'), '{}')
    expect(checked.code).toBe(2)
    expect(checked.stdout).toContain('secret.md')
    expect(checked.stdout).toContain('outside the manuscript folder; not read')
    expect(checked.stdout).not.toContain(canary)
  })

  it('committed to git, are never read from a revision either', async () => {
    git(folder, 'add', '-A')
    git(folder, 'commit', '-q', '-m', 'a pull request with links')
    const history = await galley(folder, ['history', '--format', 'json'])
    expect(history.code).toBe(0)
    expect(history.stdout + (await everythingIn(path.join(folder, 'output')))).not.toContain(canary)
    const entries = JSON.parse(history.stdout) as Array<{findings: Record<string, number>}>
    expect(entries.at(-1)!.findings.unreadable).toBe(3)

    const diff = await galley(folder, ['diff', 'HEAD~1', 'HEAD'])
    expect(diff.code).toBe(2)
    expect(diff.stderr).toBe(
      'galley: manuscript/02-secret.md: symbolic link to `../secret.md` in git; a chapter must be a file, not read\n'
    )
  })
})

describe('a config from the pull request', () => {
  it('may name only folders inside the project, and says which key in one line', async () => {
    const outside = await project()
    const folder = await project({'manuscript/01-one.md': chapter})
    const cases: Array<[object, string]> = [
      [{manuscript: '/etc'}, 'manuscript: "/etc" leaves the project folder'],
      [{output: path.relative(folder, outside)}, `output: "${path.relative(folder, outside)}" leaves the project folder`],
      [{output: outside}, `output: "${outside}" leaves the project folder`]
    ]
    for (const [config, reason] of cases) {
      await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify(config))
      const built = await galley(folder, ['build', '--html'])
      expect(built.code).toBe(2)
      expect(built.stderr).toMatch(new RegExp(`^galley: galley\\.config\\.json: ${reason.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}; .*\n$`))
    }
    expect(await readdir(outside)).toEqual([])
  })

  it('cannot reach out through a link inside the project either, while the command line may', async () => {
    const outside = await project()
    const folder = await project({'manuscript/01-one.md': chapter})
    await symlink(outside, path.join(folder, 'published'))
    await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({output: 'published/editions'}))
    expect((await galley(folder, ['build', '--html'])).code).toBe(2)
    expect(await readdir(outside)).toEqual([])
    // The user's own --out is trusted.
    await writeFile(path.join(folder, 'galley.config.json'), '{}')
    const built = await galley(folder, ['build', '--html', '--out', path.join(outside, 'editions')])
    expect(built.code).toBe(0)
    expect(await readdir(path.join(outside, 'editions'))).toEqual(['manuscript.html'])
  })
})

describe('a config that would pass unseen', () => {
  it('two configs side by side are an error naming both', async () => {
    const folder = await project({
      'manuscript/01-one.md': chapter,
      'galley.config.yaml': 'rules: {}\n',
      'galley.config.mjs': 'export default {}\n'
    })
    const checked = await galley(folder, ['check'])
    expect(checked.code).toBe(2)
    expect(checked.stderr).toBe('galley: .: two configs, galley.config.mjs and galley.config.yaml; keep one, or name it with --config\n')
    expect((await galley(folder, ['check', '--config', 'galley.config.yaml'])).code).toBe(0)
  })

  it('a rule named __proto__ is an unknown rule, and a timeout too long for a timer is refused', async () => {
    const folder = await project({'manuscript/01-one.md': chapter})
    await writeFile(path.join(folder, 'galley.config.json'), '{"rules": {"__proto__": "off"}}')
    const proto = await galley(folder, ['check'])
    expect(proto.code).toBe(2)
    expect(proto.stderr).toMatch(/^galley: galley\.config\.json: rules: unknown rule "__proto__", did you mean ".*"\?\n$/)
    await writeFile(path.join(folder, 'galley.config.json'), JSON.stringify({browser: {timeout: 2 ** 31}}))
    const timeout = await galley(folder, ['check'])
    expect(timeout.code).toBe(2)
    expect(timeout.stderr).toMatch(/^galley: galley\.config\.json: browser\.timeout: .*2147483647/)
  })
})

describe('a book of many chapters', () => {
  it('is read under a low limit of open files', async () => {
    const files = Object.fromEntries(
      Array.from({length: 500}, (_, index) => [
        `manuscript/${String(index).padStart(3, '0')}.md`,
        `# Chapter ${index}\n\nWords of chapter ${index}.\n`
      ])
    )
    const folder = await project(files)
    const {stdout, stderr} = await new Promise<{stdout: string; stderr: string}>((resolve) => {
      const child = execFile(
        'bash',
        ['-c', `ulimit -n 128 && exec "${process.execPath}" "${bin}" check --reporter json`],
        {cwd: folder, maxBuffer: 1 << 26},
        (_, out, err) => resolve({stdout: String(out), stderr: String(err)})
      )
      void child
    })
    expect(stderr).not.toContain('EMFILE')
    const report = JSON.parse(stdout) as Array<{messages: Array<{ruleId: string}>}>
    expect(report).toHaveLength(500)
    expect(report.flatMap((file) => file.messages).filter((message) => message.ruleId === 'unreadable')).toEqual([])
  })
})

describe('a browser named by a config from the pull request', () => {
  it('is neither run nor connected to unless the environment allows it, and the line says how', async () => {
    const folder = await project({'manuscript/01-one.md': chapter, 'tools/chrome': `#!/bin/sh\ntouch "$(dirname "$0")/ran"\n`})
    execFileSync('chmod', ['+x', path.join(folder, 'tools/chrome')])
    const cases: Array<[object, string]> = [
      [
        {executablePath: './tools/chrome'},
        'browser.executablePath: a browser named by a config is used only when the environment allows it; set GALLEY_CHROME to it instead'
      ],
      [
        {browserWSEndpoint: 'ws://127.0.0.1:9/devtools'},
        'browser.browserWSEndpoint: a browser named by a config is used only when the environment allows it; set GALLEY_BROWSER_WS to it instead'
      ]
    ]
    for (const [browser, reason] of cases) {
      await writeFile(path.join(folder, 'galley.config.yaml'), JSON.stringify({browser}))
      const built = await galley(folder, ['build'])
      expect(built.code).toBe(2)
      expect(built.stderr).toBe(`galley: galley.config.yaml: ${reason}, or GALLEY_TRUST_CONFIG_BROWSER=1 for a config you trust\n`)
    }
    expect(existsSync(path.join(folder, 'tools/ran'))).toBe(false)
  })

  it('is used when the environment trusts the config', async () => {
    const folder = await project({
      'manuscript/01-one.md': chapter,
      'galley.config.json': JSON.stringify({browser: {executablePath: '/nonexistent/chrome', fallback: false}})
    })
    const built = await galley(folder, ['build', '--pdf'], {env: {GALLEY_TRUST_CONFIG_BROWSER: '1'}})
    expect(built.code).toBe(2)
    expect(built.stderr).toContain('tried browser.executablePath /nonexistent/chrome (no such file)')
  })
})

describe('refs and ranges from a workflow', () => {
  let folder = ''
  beforeAll(async () => {
    folder = await repository({'manuscript/01-one.md': chapter})
    await writeFile(
      path.join(folder, 'manuscript/01-one.md'),
      `${chapter}\nA second paragraph, added on a branch whose name starts with a dash.\n`
    )
    git(folder, 'commit', '-q', '-am', 'second')
    // git will not make such a branch by `git branch`, but a fetched ref can be named so.
    git(folder, 'update-ref', 'refs/heads/-x', 'HEAD~1')
  })

  it('are never taken as git options: `--output=` writes no file', async () => {
    const target = path.join(folder, 'written-by-git')
    const history = await galley(folder, ['history', '--', `--output=${target}`])
    expect(history.code).toBe(2)
    expect(history.stderr.split('\n').filter(Boolean)).toHaveLength(1)
    expect(existsSync(target)).toBe(false)
    const since = await galley(folder, ['check', '--since', `--output=${target}`])
    expect(since.code).toBe(2)
    expect(existsSync(target)).toBe(false)
  })

  it('work as refs when they start with a dash', async () => {
    // On the command line a value that starts with a dash is written `--since=-x`, or after `--`.
    const since = await galley(folder, ['check', '--since=-x', '--reporter', 'json'])
    expect(since.code).toBe(0)
    const diff = await galley(folder, ['diff', '--format', 'json', '--html', '--', '-x', 'HEAD'])
    expect(diff.code).toBe(0)
    expect((JSON.parse(diff.stdout) as {summary: {total: {blocksAdded: number}}}).summary.total.blocksAdded).toBe(1)
  })
})

describe('control characters from the manuscript in the reports', () => {
  const payload = '&#10;::error file=README.md,line=1::forged&#27;]0;title&#7;&#8238;'
  let folder = ''
  beforeAll(async () => {
    folder = await project({
      'manuscript/01-one.md': `${chapter}\n<img src="x.png${payload}">\n`,
      'manuscript/02-two\n::warning::named\u001b[31m.md': '# Two\n\nWe went to the the market.\n'
    })
  })

  for (const reporter of ['pretty', 'github']) {
    it(`${reporter}: every line is one the reporter meant, with no terminal escape in it`, async () => {
      const {stdout, stderr} = await galley(folder, ['check', '--reporter', reporter])
      const lines = stdout.split('\n').filter(Boolean)
      expect(stdout + stderr).not.toMatch(/[\u001b\u0007\u202e]/)
      if (reporter === 'github') {
        // One annotation per finding: the image refused, and the repeated word.
        expect(lines).toHaveLength(2)
        expect(lines.every((line) => /^::(error|warning|notice) file=/.test(line))).toBe(true)
      } else {
        expect(lines.filter((line) => line.startsWith('::'))).toEqual([])
      }
      expect(stdout).toContain('\\u001b')
    })
  }
})

describe('a redline of a revision that adds hostile links and images', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64')
  let folder = ''
  beforeAll(async () => {
    folder = await repository({'manuscript/01-one.md': chapter, 'secret.png': canary})
    await writeFile(path.join(folder, 'manuscript/bay.png'), png)
    const hostile = [
      chapter,
      'Links: [a script](javascript:alert(1)), [a file](file:///etc/passwd), [data](data:text/html,<b>x</b>) and [the web](https://example.org/).',
      '',
      '![A remote picture](https://example.org/x.png) ![A secret](../secret.png) ![The bay](bay.png) ![A file](file:///etc/hostname)',
      ''
    ].join('\n')
    await writeFile(path.join(folder, 'manuscript/01-one.md'), hostile)
    git(folder, 'add', '.')
    git(folder, 'commit', '-q', '-m', 'hostile')
  })

  it('carries only the links and images the editions allow, in HTML and PDF', async () => {
    const result = await galley(folder, ['diff', 'HEAD~1', 'HEAD'])
    expect(result.code).toBe(0)
    const html = await readFile(path.join(folder, 'output/manuscript.diff.html'), 'utf8')
    // The chapters, after the list of findings (which names the refused sources as text).
    const body = html.slice(html.indexOf('<section class="redline-chapter'))
    expect(body).not.toMatch(/javascript:|file:|data:text|example\.org\/x\.png|secret\.png/)
    expect(body).toContain('href="https://example.org/"')
    // The picture inside the manuscript is embedded; the others are left out.
    expect(body.match(/<img [^>]*src="data:image\/png;base64,/g)).toHaveLength(1)
    expect(body.match(/<img /g)).toHaveLength(1)
    expect(await everythingIn(path.join(folder, 'output'))).not.toContain(canary)

    const pdf = await PDFDocument.load(await readFile(path.join(folder, 'output/manuscript.diff.pdf')))
    expect(linkTargets(pdf)).toEqual(['https://example.org/'])
  })
})

/** The URI of every link annotation in the PDF, page by page. */
function linkTargets(pdf: PDFDocument): string[] {
  return pdf.getPages().flatMap((page) => {
    const annotations = page.node.Annots()
    if (!annotations) return []
    return annotations.asArray().flatMap((_, index) => {
      const uri = annotations.lookupMaybe(index, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'))
      return uri instanceof PDFString || uri instanceof PDFHexString ? [uri.decodeText()] : []
    })
  })
}

describe('ids in the manuscript that Galley makes too', () => {
  it('never take a note’s, a chapter’s or the contents’ place, in any chapter', async () => {
    const folder = await project({
      'manuscript/01.md':
        '# One\n\nA call.[^1] <a id="c1-fn-1">Mine</a>, <a id="c2-fn-1">the next chapter’s</a>, ' +
        '<span id="chapter-2">a chapter</span>, <b id="toc-title">contents</b>, <i id="c1-fnref-1">a call</i>.\n\n[^1]: The first note.\n',
      'manuscript/02.md': '# Two\n\nAnother call.[^1]\n\n[^1]: The second note.\n'
    })
    const built = await galley(folder, ['build', '--html'])
    expect(built.code).toBe(0)
    const html = await readFile(path.join(folder, 'output/manuscript.html'), 'utf8')
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]!)
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
    // Each id belongs to what Galley made; the manuscript's elements keep their text, not the id.
    expect(html).toMatch(/<li id="c1-fn-1">\s*<p>The first note\./)
    expect(html).toMatch(/<li id="c2-fn-1">\s*<p>The second note\./)
    expect(html).toMatch(/<section class="chapter" id="chapter-2"/)
    expect(html).toMatch(/<h2 id="toc-title">Contents<\/h2>/)
    expect(html).toMatch(/<a href="#c1-fn-1" id="c1-fnref-1"/)
    for (const text of ['Mine', 'the next chapter’s', 'a chapter', 'contents', 'a call'])
      expect(html).toMatch(new RegExp(`<[a-z]+>${text}</[a-z]+>`))
  })
})
