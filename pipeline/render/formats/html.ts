// The HTML edition: the document's screen page, one self-contained file to read on screen.
import {toHtml} from 'hast-util-to-html'
import type {Format} from './format.ts'

export const html: Format = {
  extension: 'html',
  usesBrowser: false,
  async render(document, settings) {
    return {data: toHtml(document.page('screen', {toc: settings.toc})), blocked: []}
  }
}
