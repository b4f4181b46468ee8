// Severities as editors write them, and how they map onto vfile's `fatal` flag. Rules never
// choose one: the config does, and the check applies it after comment control.
import {z} from 'zod'

export const severity = z.enum(['off', 'info', 'warn', 'error'])
export type Severity = z.infer<typeof severity>

/** vfile: `true` is an error, `false` a warning, `undefined` information. */
export function toFatal(level: Severity): boolean | undefined {
  return level === 'error' ? true : level === 'warn' ? false : undefined
}
