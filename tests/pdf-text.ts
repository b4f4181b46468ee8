// A PDF's text as pdf.js reads it, for tests that check what an edition printed.
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'

/** Every page's text items joined; hyphenation points split words into items, so they come back whole. */
export async function textOf(pdf: Uint8Array): Promise<string> {
  const doc = await getDocument({data: new Uint8Array(pdf), verbosity: 0}).promise
  let text = ''
  for (let number = 1; number <= doc.numPages; number++) {
    for (const item of (await (await doc.getPage(number)).getTextContent()).items)
      if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '')
  }
  await doc.destroy()
  return text
}

/** The outline's titles, depth first, as pdf.js reads them. */
export async function outlineOf(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({data: new Uint8Array(pdf), verbosity: 0}).promise
  const titles: string[] = []
  const walk = (items: Array<{title: string; items: unknown[]}>) => {
    for (const item of items) {
      titles.push(item.title)
      walk(item.items as typeof items)
    }
  }
  walk((await doc.getOutline()) ?? [])
  await doc.destroy()
  return titles
}
