// The HTML edition: the document's screen page, one self-contained file to read on screen.
import {numberingOf} from '../settings.ts'
import {placedStyleSheet} from '../style-sheet.ts'
import type {Format} from './format.ts'

export const html: Format = {
  extension: 'html',
  usesBrowser: false,
  async render(document, settings, context) {
    // Loaded when an edition is made: the config reads this registry, and `galley check` need not.
    const {toHtml} = await import('hast-util-to-html')
    const {appendTheme, themeCss} = await import('../theme.ts')
    const page = appendTheme(
      document.page('screen', {
        toc: settings.toc,
        ...numberingOf(settings),
        noteNumbering: settings.noteNumbering,
        styleSheet: placedStyleSheet(settings.styleSheet, context.styleSheet)
      }),
      themeCss(settings, context.base)
    )
    return {data: toHtml(page), blocked: []}
  }
}
