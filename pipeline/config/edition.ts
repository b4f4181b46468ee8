// Options of the editions: page geometry, typography and the browser that prints them.
import {z} from 'zod'

export const editionSchema = z.strictObject({
  /** Build a table of contents even for a single chapter. */
  toc: z.boolean().default(false)
})

export const browserSchema = z.strictObject({
  /** A local Chrome or Chromium to launch instead of the bundled one (also `GALLEY_CHROME`). */
  executablePath: z.string().optional(),
  /** A remote browser (pool) to connect to instead of launching one. */
  browserWSEndpoint: z.string().optional(),
  /** Milliseconds one render may take before it is abandoned. */
  timeout: z.number().int().positive().default(60_000)
})
