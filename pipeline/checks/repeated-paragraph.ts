// PLACEHOLDER: being written; reports nothing yet.
import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {z} from 'zod'
import type {Manuscript} from '../manuscript/types.ts'
import {ruleUrl} from './url.ts'

export const options = z.strictObject({})
export type Options = z.output<typeof options> & {manuscript: Manuscript}

const rule = lintRule<Root, Options>({origin: 'galley:repeated-paragraph', url: ruleUrl('repeated-paragraph')}, function () {})

export default rule
