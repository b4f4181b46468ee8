// The PDF edition: the document's print page, laid out on pages and printed by the browser.
import {GalleyError} from '../../errors.ts'
import {printPageOptions} from '../settings.ts'
import {placedStyleSheet} from '../style-sheet.ts'
import type {Format} from './format.ts'

export const pdf: Format = {
  extension: 'pdf',
  usesBrowser: true,
  async render(document, settings, context) {
    if (!context.browser) throw new GalleyError(context.name, 'the PDF edition needs a browser')
    // Loaded when a PDF is made: the config reads this registry, and `galley check` should not
    // pay for loading the print layout, pdf-lib and Puppeteer.
    const {printTree} = await import('../print.ts')
    const {appendTheme, themeCss, typefacesOf} = await import('../theme.ts')
    const page = document.page('print', {
      ...printPageOptions(settings),
      styleSheet: placedStyleSheet(settings.styleSheet, context.styleSheet)
    })
    const printed = await printTree(
      appendTheme(page, themeCss(settings, context.base)),
      {metadata: document.metadata, edition: settings, timeout: context.timeout},
      {browser: context.browser, sourceDate: context.sourceDate, name: context.name, printed: context.printed}
    )
    const {pageMargins} = await import('../page-css.ts')
    const print = {blanks: printed.blanks, margins: pageMargins(settings), typefaces: typefacesOf(settings), notes: settings.notes}
    return {data: printed.pdf, pages: printed.pages, blocked: printed.blocked, print}
  }
}
