// A manuscript folder made into what the print edition prints, as `galley build` makes it.
import {configSchema, type Config, type ConfigInput} from '../../pipeline/config/schema.ts'
import {metadataOf, parseManuscript, readManuscript} from '../../pipeline/manuscript/read.ts'
import {editionDocument, type EditionInput} from '../../pipeline/render/document.ts'
import {printPageOptions} from '../../pipeline/render/settings.ts'
import {appendTheme, themeCss} from '../../pipeline/render/theme.ts'
import {printTree, type PrintedPdf, type PrintOptions} from '../../pipeline/render/print.ts'

export type Input = EditionInput & {config: Config}

export async function inputOf(root: string, edition: ConfigInput['edition'] = {}, base = process.cwd()): Promise<Input> {
  const manuscript = parseManuscript(await readManuscript({root, cwd: process.cwd()}))
  const config = {...configSchema.parse({edition}), base}
  return {manuscript, metadata: metadataOf(manuscript), config}
}

/** What the PDF format does with the edition document: print its print page. */
export function printPdf(input: Input, options: PrintOptions): Promise<PrintedPdf> {
  const document = editionDocument(input)
  const {edition, browser} = input.config
  const page = document.page('print', printPageOptions(edition))
  return printTree(
    appendTheme(page, themeCss(edition, input.config.base)),
    {metadata: document.metadata, edition, timeout: browser.timeout},
    options
  )
}
