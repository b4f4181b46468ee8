// Which revision of the text an edition is: `git describe --always --dirty`, the commit date,
// and whether the working tree had uncommitted changes. Outside git, a hash of the content.
import {createHash} from 'node:crypto'
import type {Manuscript} from '../manuscript/types.ts'
import {git, repositoryRoot} from './git.ts'

export interface Stamp {
  revision: string
  /** The commit date (ISO 8601), or empty outside git. */
  date: string
  dirty: boolean
  /** One line for the colophon. */
  label: string
}

export async function stampOf(cwd: string, manuscript: Manuscript): Promise<Stamp> {
  const root = await repositoryRoot(cwd)
  const hasCommit = root
    ? await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
        () => true,
        () => false
      )
    : false
  if (!root || !hasCommit) {
    const revision = `sha256:${contentHash(manuscript).slice(0, 12)}`
    return {revision, date: '', dirty: false, label: `Revision ${revision} (not under version control)`}
  }
  const describe = (await git(root, ['describe', '--always', '--dirty', '--abbrev=12'])).trim()
  const date = (await git(root, ['log', '-1', '--format=%cI'])).trim()
  const dirty = describe.endsWith('-dirty')
  const label = `Revision ${describe} of ${date.slice(0, 10)}${dirty ? ', with uncommitted changes' : ''}`
  return {revision: describe, date, dirty, label}
}

/** The commit date as a Date, for reproducible PDF dates when SOURCE_DATE_EPOCH is unset. */
export function stampDate(stamp: Stamp): Date | undefined {
  return stamp.date ? new Date(stamp.date) : undefined
}

function contentHash(manuscript: Manuscript): string {
  const hash = createHash('sha256')
  for (const {file} of manuscript.chapters) hash.update(file.path).update('\0').update(String(file.value)).update('\0')
  return hash.digest('hex')
}
