// `repeated-words`: "the the". retext-repeated-words does the finding; this file gives its
// messages one stable rule id (the package uses the repeated word itself) and our docs URL.
import type {Root} from 'nlcst'
import retextRepeatedWords from 'retext-repeated-words'
import {lintRule} from 'unified-lint-rule'
import {z} from 'zod'
import {ruleUrl} from './url.ts'

export const options = z.strictObject({})

const find = retextRepeatedWords()

const repeatedWords = lintRule<Root>(
  {origin: 'retext-repeated-words:repeated-words', url: ruleUrl('repeated-words')},
  function (tree, file) {
    find(tree, file)
  }
)

export default repeatedWords
