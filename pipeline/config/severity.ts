// Severities as editors write them, and how they map onto vfile's `fatal` flag.
import {z} from 'zod'

export const severity = z.enum(['off', 'info', 'warn', 'error'])
export type Severity = z.infer<typeof severity>

/** vfile: `true` is an error, `false` a warning, `undefined` information. */
export function toFatal(level: Severity): boolean | undefined {
  return level === 'error' ? true : level === 'warn' ? false : undefined
}

export function fromFatal(fatal: boolean | null | undefined): 'error' | 'warning' | 'info' {
  return fatal === true ? 'error' : fatal === false ? 'warning' : 'info'
}
