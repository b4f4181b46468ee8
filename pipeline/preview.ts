// `galley preview [path]`: a local page that shows the HTML edition beside its findings and
// follows every save. configure → read → check (through the cache) → render the HTML edition →
// serve; chokidar watches the chapters, the config and its style.yaml, and the styles, and each
// change runs the same steps again and tells the open page over server-sent events. The server
// is node:http: four fixed routes on 127.0.0.1 need no framework.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {watch, type FSWatcher} from 'chokidar'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {check} from './check.ts'
import {houseName} from './config/house.ts'
import {configNames, loadConfig, manuscriptLocation} from './config/load.ts'
import {isInside} from './fs/inside.ts'
import {metadataOf, parseManuscript} from './manuscript/read.ts'
import {openBrowser} from './render/browser.ts'
import {editionDocument} from './render/document.ts'
import {formats} from './render/formats/index.ts'
import {reporters} from './reporters/index.ts'
import {sheetOf} from './stylesheet.ts'
import {withCode} from './revisions/redline-document.ts'

export interface PreviewOptions {
  cwd?: string
  path?: string
  configFile?: string
  /** The port to listen on; 0 (the default) takes any free one. */
  port?: number
  /** Milliseconds to wait after a save for the next one before rebuilding. */
  debounce?: number
  /** Print the PDF edition too, after the HTML one on each rebuild, and serve it at /edition.pdf. */
  pdf?: boolean
  /** Called after each rebuild, with what it found, for messages. */
  rebuilt?: (state: PreviewState, made: 'html' | 'pdf') => void
}

export interface PreviewState {
  /** How many times the page has been made; the page reloads when this changes. */
  version: number
  findings: number
  /** Pages of the PDF edition, once one is printed (with `pdf`). */
  pages?: number
  /** Why the last rebuild failed (a broken config, an unreadable file), shown on the page. */
  error?: string
}

export interface Preview {
  url: string
  close(): Promise<void>
}

export async function preview(options: PreviewOptions = {}): Promise<Preview> {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  let state: PreviewState = {version: 0, findings: 0}
  let edition = ''
  let findings = ''
  let printed: Uint8Array | undefined
  const listeners = new Set<ServerResponse>()
  const config = await loadConfig(cwd, options.configFile)
  // One browser for the whole session: each rebuild prints with it, as a build would.
  const browser = options.pdf ? await openBrowser(config.browser) : undefined
  const announce = (made: 'html' | 'pdf') => {
    for (const listener of listeners) listener.write(`data: ${JSON.stringify(state)}\n\n`)
    options.rebuilt?.(state, made)
  }

  async function rebuild(): Promise<void> {
    try {
      const result = await check({cwd, path: options.path, configFile: options.configFile, cache: true})
      const parsed = parseManuscript(result.manuscript)
      const document = editionDocument({manuscript: parsed, metadata: metadataOf(parsed)})
      const timeout = result.config.browser.timeout
      const styleSheet = result.config.edition.styleSheet ? sheetOf(result.config, result.manuscript, result.collected!, cwd) : undefined
      const context = {timeout, base: result.config.base, styleSheet}
      const rendered = await formats.html.render(document, result.config.edition, {...context, name: 'preview'})
      edition = String(rendered.data)
      findings = reporters.json(result.files, {cwd})
      const count = result.files.reduce((sum, file) => sum + file.messages.length, 0)
      state = {version: state.version + 1, findings: count, pages: state.pages}
      // The HTML edition shows at once; the PDF follows when it is printed.
      announce('html')
      if (!browser) return
      const pdf = await formats.pdf.render(document, result.config.edition, {...context, browser, name: 'preview.pdf'})
      printed = pdf.data as Uint8Array
      state = {...state, version: state.version + 1, pages: pdf.pages}
      announce('pdf')
    } catch (error) {
      // The last good edition stays on the page, under the reason this one failed.
      state = {...state, version: state.version + 1, error: (error as Error).message.split('\n')[0]}
      announce('html')
    }
  }

  await rebuild()
  const server = createServer((request, response) => route(request, response))
  function route(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/') return send(response, 'text/html', shell(state, findings), shellPolicy)
    if (url.pathname === '/edition.html') return send(response, 'text/html', edition, editionPolicy)
    if (url.pathname === '/findings.json') return send(response, 'application/json', findings, editionPolicy)
    if (url.pathname === '/edition.pdf' && printed) return send(response, 'application/pdf', printed, editionPolicy)
    if (url.pathname === '/events') {
      response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive'})
      response.write(`data: ${JSON.stringify(state)}\n\n`)
      listeners.add(response)
      request.on('close', () => listeners.delete(response))
      return
    }
    send(response, 'text/plain', 'not found', editionPolicy, 404)
  }
  // Loopback only: the preview shows an unpublished manuscript to its author, no one else.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })

  // The folders to watch come from the config as it is now; a change to it rebuilds the page.
  const {root} = manuscriptLocation(config, cwd, options.path)
  const watcher = watchSources(cwd, root, options, debounced(rebuild, options.debounce ?? 150))
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  const address = server.address() as {port: number}
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: async () => {
      await close(server, watcher, listeners)
      await browser?.close()
    }
  }
}

/** The chapters, the config and the editions' styles: what a save can change on the page. */
function watchSources(cwd: string, manuscript: string, options: PreviewOptions, changed: () => void): FSWatcher {
  // styles/ beside pipeline/, in a clone and in the package's dist/ alike.
  const styles = fileURLToPath(new URL('../styles/', import.meta.url))
  const configFile = options.configFile && path.resolve(cwd, options.configFile)
  const configs = new Set(
    configFile
      ? [configFile, path.join(path.dirname(configFile), houseName)]
      : [...configNames, 'package.json', houseName].map((name) => path.join(cwd, name))
  )
  // The project folder is watched for its config files alone: one that is added, removed or
  // broken must show, and a watch on a file that does not exist yet would never fire.
  const sources = [manuscript, styles].map((folder) => path.resolve(folder))
  const watcher = watch([...sources, cwd, ...configs], {
    ignoreInitial: true,
    ignored: (file) => {
      if (sources.some((folder) => isInside(file, folder, {orSame: true}))) return path.basename(file).startsWith('.')
      return file !== cwd && !configs.has(file)
    }
  })
  watcher.on('all', changed)
  return watcher
}

/** One rebuild for a burst of saves, and never two at once: a save during a rebuild runs one more. */
function debounced(task: () => Promise<void>, wait: number): () => void {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  const run = async () => {
    if (running) {
      again = true
      return
    }
    running = task().finally(() => (running = undefined))
    await running
    if (again) {
      again = false
      void run()
    }
  }
  return () => {
    clearTimeout(timer)
    timer = setTimeout(() => void run(), wait)
  }
}

async function close(server: Server, watcher: FSWatcher, listeners: Set<ServerResponse>): Promise<void> {
  for (const listener of listeners) listener.end()
  await watcher.close()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

// The shell is Galley's own page and runs its own script; the edition inside it runs none.
const shellPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'"
const editionPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"

function send(response: ServerResponse, type: string, body: string | Uint8Array, policy: string, status = 200): void {
  response.writeHead(status, {'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', 'content-security-policy': policy})
  response.end(body)
}

interface Finding {
  path: string
  messages: Array<{reason: string; ruleId: string | null; severity: string; line: number | null; column: number | null}>
}

/** The page: the edition in a sandboxed frame, the findings beside it, and the script that reloads both. */
function shell(state: PreviewState, findingsJson: string): string {
  const files = findingsJson ? (JSON.parse(findingsJson) as Finding[]) : []
  const items = files.flatMap((file) =>
    file.messages.map((message) =>
      h('li', {className: [`severity-${message.severity}`]}, [
        h('code', `${file.path}:${message.line ?? 1}:${message.column ?? 1}`),
        ' ',
        ...withCode(message.reason),
        ' ',
        h('span.rule', `(${message.ruleId ?? 'galley'})`)
      ])
    )
  )
  const page = h('html', {lang: 'en'}, [
    h('head', [h('meta', {charSet: 'utf-8'}), h('title', 'Galley preview'), h('style', css)]),
    h('body', {dataVersion: String(state.version)}, [
      h('main', [h('iframe#edition', {src: `/edition.html?v=${state.version}`, title: 'The HTML edition', sandbox: ''})]),
      h('aside#findings', [
        h('h2', `${state.findings} finding${state.findings === 1 ? '' : 's'}`),
        state.pages === undefined
          ? undefined
          : h('p.pdf', h('a', {href: `/edition.pdf?v=${state.version}`, target: '_blank'}, `The PDF edition (${state.pages} pages)`)),
        state.error ? h('p.error', state.error) : undefined,
        items.length > 0 ? h('ol', items) : h('p', 'No findings.')
      ]),
      h('script', reload)
    ])
  ])
  return `<!doctype html>${toHtml(page)}`
}

const css = `
body { margin: 0; display: grid; grid-template-columns: 1fr 26rem; height: 100vh; font: 15px/1.4 system-ui, sans-serif; }
main, iframe { width: 100%; height: 100%; border: 0; }
aside { overflow: auto; padding: 0 1rem; border-left: 1px solid #ccc; background: #fafafa; }
li { margin: 0.5rem 0; } code { font-size: 0.85em; } .rule { color: #666; }
.severity-error { color: #a00; } .error { color: #a00; font-weight: bold; }
`

// Each rebuild is announced on /events; the page then fetches itself again and swaps in the
// new edition and findings, so the reader keeps their place in neither a reload nor a flash.
const reload = `
const events = new EventSource('/events')
events.onmessage = async (event) => {
  const state = JSON.parse(event.data)
  if (String(state.version) === document.body.dataset.version) return
  const next = new DOMParser().parseFromString(await (await fetch('/')).text(), 'text/html')
  document.body.dataset.version = next.body.dataset.version
  document.getElementById('findings').replaceWith(next.getElementById('findings'))
  document.getElementById('edition').src = next.getElementById('edition').getAttribute('src')
}
`
