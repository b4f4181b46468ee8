// Where the time of a child goes: a V8 CPU profile (`node --cpu-prof`) summed by self time,
// per function and per module (an npm package, or a file of Galley).

interface ProfileNode {
  id: number
  callFrame: {functionName: string; url: string; lineNumber: number}
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface SelfTime {
  name: string
  ms: number
  share: number
}

export interface ProfileSummary {
  totalMs: number
  functions: SelfTime[]
  modules: SelfTime[]
}

/**
 * `…/node_modules/@scope/name/…` → `@scope/name`; Galley's files → their path from the repo;
 * V8's own entries keep their names: `(idle)` is waiting (for the disk or the browser).
 */
export function moduleOf(callFrame: ProfileNode['callFrame']): string {
  const {url, functionName} = callFrame
  if (!url) return /^\(.*\)$/.test(functionName) ? functionName : '(native code)'
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (inPackage) return inPackage[1]!
  if (url.startsWith('node:')) return 'node (built-in)'
  const own = /\/(pipeline\/.*)$/.exec(url)
  return own ? own[1]! : url.replace(/^file:\/\//, '')
}

export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMs = new Map<number, number>()
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000))
  const totalMs = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0)

  const functions = new Map<string, number>()
  const modules = new Map<string, number>()
  for (const [id, ms] of selfMs) {
    const {callFrame} = byId.get(id)!
    const {functionName, url, lineNumber} = callFrame
    const module = moduleOf(callFrame)
    const name = url ? `${functionName || '(anonymous)'} ${module}:${lineNumber + 1}` : functionName || '(anonymous)'
    functions.set(name, (functions.get(name) ?? 0) + ms)
    modules.set(module, (modules.get(module) ?? 0) + ms)
  }
  const rank = (times: Map<string, number>) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({name, ms, share: ms / totalMs}))
  return {totalMs, functions: rank(functions), modules: rank(modules)}
}

export function profileMarkdown(title: string, summary: ProfileSummary): string {
  const rows = (entries: SelfTime[]) =>
    entries.map(
      (entry) => `| ${entry.name.replace(/\|/g, '\\|')} | ${(entry.ms / 1000).toFixed(2)} s | ${(entry.share * 100).toFixed(1)}% |`
    )
  return [
    `### ${title} (${(summary.totalMs / 1000).toFixed(1)} s sampled)`,
    '',
    '| module | self time | share |',
    '| --- | ---: | ---: |',
    ...rows(summary.modules.slice(0, 10)),
    '',
    '| function | self time | share |',
    '| --- | ---: | ---: |',
    ...rows(summary.functions),
    ''
  ].join('\n')
}
