// SARIF 2.1.0 for code scanning: one run, the rules that fired, and fingerprints that follow a
// finding when edits above it move it to another line.
import {createHash} from 'node:crypto'
import type {Location, Log, PhysicalLocation, Region, ReportingDescriptor, Result} from 'sarif'
import type {VFile} from 'vfile'
import pkg from '../../package.json' with {type: 'json'}
import {findings, type Finding, type Related} from './findings.ts'
import type {ReporterOptions} from './index.ts'

const informationUri = pkg.homepage.replace(/#.*$/, '')

export function sarif(files: VFile[], options: ReporterOptions): string {
  const all = findings(files, options.cwd)
  // One artifact per path: SARIF forbids duplicates, and two vfiles may name one file.
  const artifacts = [...new Set(all.flatMap((entry) => (entry.path === null ? [] : [entry.path])))]
  const rules: ReportingDescriptor[] = []
  const results: Result[] = []

  for (const {file, path, findings: fileFindings} of all) {
    const text = String(file)
    const occurrences = new Map<string, number>()
    for (const finding of fileFindings) {
      const {message} = finding
      const result: Result = {
        level: finding.severity === 'info' ? 'note' : finding.severity,
        message: {text: message.reason}
      }
      if (message.ruleId) {
        result.ruleId = message.ruleId
        result.ruleIndex = ruleIndex(rules, message.ruleId, message.url)
      }
      if (path !== null) {
        result.locations = [{physicalLocation: physical(path, finding, artifacts.indexOf(path))}]
        const fingerprint = fingerprintOf(finding, text, path)
        // Two equal findings in one file stay two alerts, told apart by their order.
        const count = (occurrences.get(fingerprint) ?? 0) + 1
        occurrences.set(fingerprint, count)
        result.partialFingerprints = {'galley/v1': `${fingerprint}:${count}`}
      }
      const related = finding.related.flatMap((entry, index) => relatedLocation(entry, index + 1))
      if (related.length > 0) result.relatedLocations = related
      results.push(result)
    }
  }

  const log: Log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'galley', informationUri, ...(options.toolVersion ? {version: options.toolVersion} : {}), rules}},
        // unist columns count UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        artifacts: artifacts.map((path) => ({location: {uri: toUri(path)}})),
        results
      }
    ]
  }
  return JSON.stringify(log, null, 2)
}

function ruleIndex(rules: ReportingDescriptor[], id: string, url: string | undefined): number {
  const known = rules.findIndex((rule) => rule.id === id)
  if (known !== -1) return known
  // Rules carry no description of their own; their kebab-case id reads as one.
  const words = id.replace(/-/g, ' ')
  const helpUri = absoluteUri(url)
  rules.push({id, ...(helpUri ? {helpUri} : {}), shortDescription: {text: words.charAt(0).toUpperCase() + words.slice(1)}})
  return rules.length - 1
}

/** SARIF wants a URI, not an IRI: `URL` percent-encodes what is not ASCII; a relative or broken url is left out. */
function absoluteUri(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined
  return new URL(url).href
}

function physical(path: string, finding: Finding, index: number): PhysicalLocation {
  const location: PhysicalLocation = {artifactLocation: {uri: toUri(path), ...(index === -1 ? {} : {index})}}
  if (finding.line === null) return location
  const region: Region = {startLine: finding.line}
  if (finding.column !== null) region.startColumn = finding.column
  if (finding.endLine !== null) region.endLine = finding.endLine
  if (finding.endColumn !== null) region.endColumn = finding.endColumn
  return {...location, region}
}

function relatedLocation(related: Related, id: number): Location[] {
  if (related.path === null) return []
  const physicalLocation: PhysicalLocation = {artifactLocation: {uri: toUri(related.path)}}
  if (related.line !== null)
    physicalLocation.region = {startLine: related.line, ...(related.column === null ? {} : {startColumn: related.column})}
  return [{id, physicalLocation, ...(related.reason ? {message: {text: related.reason}} : {})}]
}

/**
 * Not the line: the rule, what it flagged, the reason without its counts, and the file. The
 * flagged text is `actual` when the rule set it, else the source text under the message.
 */
export function fingerprintOf(finding: Finding, text: string, path: string): string {
  const {message} = finding
  const flagged =
    message.actual ?? (finding.startOffset !== null && finding.endOffset !== null ? text.slice(finding.startOffset, finding.endOffset) : '')
  const parts = [
    message.ruleId ?? message.source ?? '',
    flagged.replace(/\s+/g, ' ').trim().toLowerCase(),
    message.reason.replace(/\d+/g, ''),
    path
  ]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

/** A relative URI reference; a lone surrogate cannot be percent-encoded, so it becomes U+FFFD. */
function toUri(path: string): string {
  const wellFormed = path.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  return wellFormed.split('/').map(encodeURIComponent).join('/')
}
