// `acronym-expansion`: expansions that spell their acronym, one expansion each, definition before use.
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {VFileMessage} from 'vfile-message'
import {rule} from '../../pipeline/checks/acronym-expansion.ts'

const {options} = rule
import {fixture, runRule, type Doc} from '../run-rule.ts'

const seed: Doc = {
  path: 'manuscript/china-iran-military-relations.md',
  value: readFileSync(new URL('../../manuscript/china-iran-military-relations.md', import.meta.url), 'utf8')
}

async function messages(docs: Doc[], settings: object = {}): Promise<string[]> {
  const files = await runRule(rule, options.parse(settings), docs)
  return files.flatMap((file) => file.messages.map(String))
}

describe('acronym-expansion', () => {
  it('accepts expansions that spell their acronym, in either order, with skipped and inner letters', async () => {
    expect(await messages([fixture('acronym-expansion/ok.md')])).toEqual([])
  })

  it('reports a wrong expansion, a use before the definition and a second expansion', async () => {
    expect(await messages([fixture('acronym-expansion/not-ok.md')])).toEqual([
      'acronym-expansion/not-ok.md:3:24-3:56: Unexpected expansion `Joint Comprehensive Plan` for `JCPOA`, expected words whose initials spell `JCPOA`',
      'acronym-expansion/not-ok.md:5:5-5:8: Unexpected `PLA` before its definition, expected `People’s Liberation Army (PLA)` at first use',
      'acronym-expansion/not-ok.md:7:66-7:98: Unexpected expansion `Korea Central News Agency` for `KCNA`, expected `Korean Central News Agency` as defined before'
    ])
  })

  it('holds an expansion to every word’s initial: a letter found only inside a word does not count', async () => {
    const text =
      'The World Health Organization (WTO) met. The International Energy Agency (IAEA) reported. ' +
      'The Federal Bureau of Investigation (FBA) declined.\n'
    expect(await messages([{path: 'a.md', value: text}])).toEqual([
      'a.md:1:5-1:36: Unexpected expansion `World Health Organization` for `WTO`, expected words whose initials spell `WTO`',
      'a.md:1:46-1:80: Unexpected expansion `International Energy Agency` for `IAEA`, expected words whose initials spell `IAEA`',
      'a.md:1:95-1:132: Unexpected expansion `Federal Bureau of Investigation` for `FBA`, expected words whose initials spell `FBA`'
    ])
  })

  it('reads every form editors write: `Expansion (ACRO)`, `ACRO (Expansion)` and `Expansion -- or ACRO --`', async () => {
    const right =
      'The City Executive Committee (CEC) met. Then the TRL (Texas Research League) wrote. ' +
      'The Joint Staff -- or JS -- agreed, and the Grand Jury — or GJ — sat.\n'
    expect(await messages([{path: 'a.md', value: right}])).toEqual([])
    const wrong =
      'Then the TXL (Texas Research League) wrote. The Joint Staff -- or JX -- agreed. ' + 'The IRGC (Revolutionary Guards) sailed.\n'
    expect(await messages([{path: 'b.md', value: wrong}])).toEqual([
      'b.md:1:10-1:37: Unexpected expansion `Texas Research League` for `TXL`, expected words whose initials spell `TXL`',
      'b.md:1:49-1:69: Unexpected expansion `Joint Staff` for `JX`, expected words whose initials spell `JX`'
    ])
  })

  it('takes the words that spell the acronym, not the fewest the alignment finds letters in', async () => {
    const text = 'She studied at the Illinois Institute of Technology -- or IIT -- and at the Illinois Institute of Technology (IIT).\n'
    expect(await messages([{path: 'a.md', value: text}])).toEqual([])
  })

  it('counts a definition in lower case or with a hyphen as the same expansion', async () => {
    const text = 'The City Executive Committee (CEC) met. Later the city executive-committee (CEC) met again.\n'
    expect(await messages([{path: 'a.md', value: text}])).toEqual([])
  })

  it('flags a run of capitalised words offered as an expansion though a letter has no word', async () => {
    const text = 'The Health Service (NHS) grew. The Coast Guard (USCG) sailed. Mohammad Baqeri (AFGS) spoke.\n'
    expect(await messages([{path: 'a.md', value: text}])).toEqual([
      'a.md:1:5-1:25: Unexpected expansion `Health Service` for `NHS`, expected words whose initials spell `NHS`',
      'a.md:1:36-1:54: Unexpected expansion `Coast Guard` for `USCG`, expected words whose initials spell `USCG`'
    ])
  })

  it('lets a letter come from an inner capital, after a known prefix, from a function word or a hyphenated part', async () => {
    const text =
      'Both Intercontinental Ballistic Missile (ICBM) and Inter-Continental Ballistic Missile (ICBM) tests, in ' +
      'HyperText Markup Language (HTML) and Hypertext Transfer Protocol (HTTP), with Surface-to-Air Missiles (SAMs), ' +
      'the Department of Defense (DOD) and the Ministry of Intelligence and Security (MOIS).\n'
    expect(await messages([{path: 'a.md', value: text}])).toEqual([])
  })

  it('flags an expansion with a word left over, unless the config knows it', async () => {
    const text = 'The Centers for Disease Control and Prevention (CDC) spoke.\n'
    expect(await messages([{path: 'a.md', value: text}])).toEqual([
      'a.md:1:5-1:53: Unexpected expansion `Centers for Disease Control and Prevention` for `CDC`, expected words whose initials spell `CDC`'
    ])
    expect(await messages([{path: 'a.md', value: text}], {known: {CDC: 'Centers for Disease Control and Prevention'}})).toEqual([])
  })

  it('finds exactly the JCPOA mismatch in the manuscript: not IRGC, AFGS, SCO, MTCR, nor the undefined US, UN or CCP', async () => {
    const [file] = await runRule(rule, options.parse({}), [seed])
    expect(file.messages.map(String)).toEqual([
      'manuscript/china-iran-military-relations.md:12:468-12:500: Unexpected expansion `Joint Comprehensive Plan` for `JCPOA`, expected words whose initials spell `JCPOA`'
    ])
    expect(file.messages[0].actual).toBe('Joint Comprehensive Plan')
    expect(file.messages[0].expected).toBeUndefined()
  })

  it('offers the known expansion as the fix', async () => {
    const [file] = await runRule(rule, options.parse({known: {JCPOA: 'Joint Comprehensive Plan of Action'}}), [seed])
    expect(file.messages.map(String)).toEqual([
      'manuscript/china-iran-military-relations.md:12:468-12:500: Unexpected expansion `Joint Comprehensive Plan` for `JCPOA`, expected `Joint Comprehensive Plan of Action`'
    ])
    expect(file.messages[0].expected).toEqual(['Joint Comprehensive Plan of Action'])
  })

  it('reports a use before a definition in a later chapter, pointing at the definition', async () => {
    const files = await runRule(rule, options.parse({}), [
      {path: 'one.md', value: 'The IRGC is first.\n\nThe IRGC again.\n'},
      {path: 'two.md', value: 'The Islamic Revolutionary Guard Corps (IRGC) is defined here.\n'}
    ])
    expect(files.map((file) => file.messages.map(String))).toEqual([
      ['one.md:1:5-1:9: Unexpected `IRGC` before its definition, expected `Islamic Revolutionary Guard Corps (IRGC)` at first use'],
      []
    ])
    const [message] = files[0].messages
    expect(message.actual).toBe('IRGC')
    expect(message.expected).toEqual(['Islamic Revolutionary Guard Corps (IRGC)'])
    expect(message.cause).toBeInstanceOf(VFileMessage)
    const cause = message.cause as VFileMessage
    expect([cause.file, cause.line, cause.column, cause.reason]).toEqual(['two.md', 1, 5, '`IRGC` defined here'])
    expect((message as {data?: unknown}).data).toEqual({related: [{path: 'two.md', line: 1, column: 5, reason: '`IRGC` defined here'}]})
  })

  it('reads chapters in reading order: the same text defined first is fine', async () => {
    const docs = [
      {path: 'one.md', value: 'The Islamic Revolutionary Guard Corps (IRGC) is defined here.\n'},
      {path: 'two.md', value: 'The IRGC is used after.\n'}
    ]
    expect(await messages(docs)).toEqual([])
  })

  it('reports a second, different expansion across chapters at the second, pointing at the first', async () => {
    const files = await runRule(rule, options.parse({}), [
      {path: 'one.md', value: 'The Korean Central News Agency (KCNA) reported.\n'},
      {path: 'two.md', value: 'The Korea Central News Agency (KCNA) reported.\n\nThe Korean Central News Agency (KCNA) said so too.\n'}
    ])
    expect(files.map((file) => file.messages.map(String))).toEqual([
      [],
      [
        'two.md:1:5-1:37: Unexpected expansion `Korea Central News Agency` for `KCNA`, expected `Korean Central News Agency` as defined before'
      ]
    ])
    const [message] = files[1].messages
    expect(message.actual).toBe('Korea Central News Agency')
    expect(message.expected).toEqual(['Korean Central News Agency'])
    const cause = message.cause as VFileMessage
    expect([cause.file, cause.line, cause.column]).toEqual(['one.md', 1, 5])
    expect((message as {data?: unknown}).data).toEqual({
      related: [{path: 'one.md', line: 1, column: 5, reason: '`KCNA` first defined as `Korean Central News Agency` here'}]
    })
  })

  it('reports undefined acronyms only with `requireDefinition`, once each, sparing known and well-known ones', async () => {
    expect(await messages([seed], {requireDefinition: true})).toEqual([
      'manuscript/china-iran-military-relations.md:12:468-12:500: Unexpected expansion `Joint Comprehensive Plan` for `JCPOA`, expected words whose initials spell `JCPOA`',
      'manuscript/china-iran-military-relations.md:22:50-22:53: Unexpected undefined acronym `CCP`, expected an expansion at its first use'
    ])
    expect(
      await messages([seed], {requireDefinition: true, known: {CCP: 'Chinese Communist Party'}, wellKnown: ['US', 'UN'], ignore: ['JCPOA']})
    ).toEqual([])
    expect(await messages([seed], {requireDefinition: true, wellKnown: [], ignore: ['JCPOA', 'CCP']})).toEqual([
      'manuscript/china-iran-military-relations.md:10:130-10:132: Unexpected undefined acronym `US`, expected an expansion at its first use',
      'manuscript/china-iran-military-relations.md:12:174-12:176: Unexpected undefined acronym `UN`, expected an expansion at its first use'
    ])
  })

  it('checks a definition of a known acronym against its known expansion', async () => {
    const known = {known: {PLA: 'People’s Liberation Army'}}
    expect(await messages([{path: 'a.md', value: 'The PLA drills. The People’s Liberation Army (PLA) is large.\n'}], known)).toEqual([])
    expect(await messages([{path: 'a.md', value: 'The Popular Liberation Army (PLA) is large.\n'}], known)).toEqual([
      'a.md:1:5-1:34: Unexpected expansion `Popular Liberation Army` for `PLA`, expected `People’s Liberation Army`'
    ])
  })

  it('never reports ignored acronyms', async () => {
    expect(await messages([fixture('acronym-expansion/not-ok.md')], {ignore: ['JCPOA', 'PLA', 'KCNA']})).toEqual([])
  })

  it('takes acronyms of `minLength` capitals or more', async () => {
    const docs = [{path: 'a.md', value: 'The QX unit and the QXZ unit. The Quick Xray (QX) and the Quiet Xenon Zone (QXZ).\n'}]
    expect(await messages(docs, {minLength: 3})).toEqual([
      'a.md:1:21-1:24: Unexpected `QXZ` before its definition, expected `Quiet Xenon Zone (QXZ)` at first use'
    ])
  })

  it('gives every message its rule id, source and docs url', async () => {
    const files = await runRule(rule, options.parse({requireDefinition: true}), [seed, fixture('acronym-expansion/not-ok.md')])
    const all = files.flatMap((file) => file.messages)
    expect(all.length).toBe(5)
    for (const message of all) {
      expect([message.ruleId, message.source]).toEqual(['acronym-expansion', 'galley'])
      expect(message.url).toMatch(/#acronym-expansion$/)
    }
  })

  it('has defaults for every option and names a bad one', () => {
    expect(options.parse({})).toMatchObject({known: {}, ignore: [], minLength: 2, requireDefinition: false})
    expect(options.parse({}).wellKnown).toContain('US')
    expect(() => options.parse({minLength: 'two'})).toThrow(/minLength/)
    expect(() => options.parse({known: {JCPOA: 1}})).toThrow(/known/)
  })
})
