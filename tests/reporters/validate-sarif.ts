// The SARIF 2.1.0 schema as @microsoft/jest-sarif ships it (rtm.5, the release candidate that
// became 2.1.0, written in draft-04, hence ajv-draft-04), with formats such as `uri` checked.
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json' with {type: 'json'}
import AjvDraft04 from 'ajv-draft-04'
import addFormats from 'ajv-formats'

// rtm.5's `language` pattern has a stray `]` (fixed in the final schema); only a non-unicode RegExp takes it.
const ajv = new AjvDraft04.default({allErrors: true, strict: false, unicodeRegExp: false})
addFormats.default(ajv)

export const validateSarif = ajv.compile(schema)

/** The validator's errors, readable in a failed expectation. */
export function sarifErrors(log: unknown): string[] {
  return validateSarif(log) ? [] : (validateSarif.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)
}
