// The registry of edition formats, by the name the config and the CLI use for each.
import type {Format} from './format.ts'
import {html} from './html.ts'
import {pdf} from './pdf.ts'

export const formats = {html, pdf} satisfies Record<string, Format>

export type FormatName = keyof typeof formats

export const formatNames = Object.keys(formats) as FormatName[]

/** Whether any of these editions prints through the browser, which is then launched once for all. */
export function needsBrowser(editions: Array<{format: FormatName}>): boolean {
  return editions.some(({format}) => formats[format].usesBrowser)
}

export type {Format, RenderContext, Rendered} from './format.ts'
