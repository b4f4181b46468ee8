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

describe('the check’s count of chapters', () => {
  it('rises by one as each chapter is checked, and ends at the total', async () => {
    const chapters = ['a', 'b', 'c'].map((name) => chapterFromBytes(`${name}.md`, Buffer.from(`Chapter ${name}.\n`), process.cwd()))
    const counts: string[] = []
    await runChecks({root: process.cwd(), chapters}, configSchema.parse({}).rules, {
      jobs: 1,
      progress: (checked, total) => counts.push(`${checked}/${total}`)
    })
    expect(counts).toEqual(['0/3', '1/3', '2/3', '3/3'])
  })
})
