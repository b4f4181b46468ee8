// `repeated-words`: "the the". retext-repeated-words does the finding; this file gives its
// messages one stable rule id (the package uses the repeated word itself) and our docs URL.
import type {Root} from 'nlcst'
import retextRepeatedWords from 'retext-repeated-words'
import {lintRule} from 'unified-lint-rule'
import {z} from 'zod'
import type {ProseRule} from './rule.ts'
import {ruleUrl} from './url.ts'

const options = z.strictObject({})

const find = retextRepeatedWords()

export const rule: ProseRule<z.output<typeof options>> = {
  id: 'repeated-words',
  kind: 'prose',
  source: 'retext-repeated-words',
  summary: 'A word written twice in a row ("the the").',
  fix: 'safe',
  options,
  plugin: lintRule<Root>({origin: 'retext-repeated-words:repeated-words', url: ruleUrl('repeated-words')}, function (tree, file) {
    find(tree, file)
  })
}
