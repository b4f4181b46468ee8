// What the prose rules read as prose: an image is one opaque piece of the sentence, not words.
import {describe, expect, it} from 'vitest'
import {runChecks} from '../../pipeline/checks/run.ts'
import {configSchema} from '../../pipeline/config/schema.ts'
import {chapterFromBytes} from '../../pipeline/manuscript/read.ts'

async function repeatedWords(text: string): Promise<string[]> {
  const chapter = chapterFromBytes('a.md', Buffer.from(text), process.cwd())
  await runChecks({root: process.cwd(), chapters: [chapter]}, configSchema.parse({}).rules)
  return chapter.file.messages.filter((message) => message.ruleId === 'repeated-words').map(String)
}

describe('image alt text', () => {
  it('is not prose: a word beside an image with the same alt text is no repeated word', async () => {
    expect(await repeatedWords('It was good ![good](harbour.png) weather.\n')).toEqual([])
    expect(await repeatedWords('It was good ![good][bay] weather.\n\n[bay]: harbour.png\n')).toEqual([])
  })

  it('stands between the words on either side of it', async () => {
    expect(await repeatedWords('We saw the ![a picture](x.png) the end.\n')).toEqual([])
  })

  it('leaves the words around it checked', async () => {
    expect(await repeatedWords('We saw the the ![a picture](x.png) end.\n')).toEqual([
      'a.md:1:8-1:15: Unexpected repeated `the`, remove one occurrence'
    ])
  })
})
