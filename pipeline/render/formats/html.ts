// The HTML edition: the document's screen page, one self-contained file to read on screen.
import type {Format} from './format.ts'

export const html: Format = {
  extension: 'html',
  usesBrowser: false,
  async render(document, settings) {
    // Loaded when an edition is made: the config reads this registry, and `galley check` need not.
    const {toHtml} = await import('hast-util-to-html')
    return {data: toHtml(document.page('screen', {toc: settings.toc})), blocked: []}
  }
}
