// The floor of `galley check`: the least a prose check can do with the same libraries —
// remark-parse, remark-retext, retext-english and retext-repeated-words, one file after
// another. Run as a child process: `node --import tsx pipeline/bench/floor.ts <folder>`.
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import remarkParse from 'remark-parse'
import remarkRetext from 'remark-retext'
import retextEnglish from 'retext-english'
import retextRepeatedWords from 'retext-repeated-words'
import {unified} from 'unified'
import {VFile} from 'vfile'

const folder = process.argv[2]
if (!folder) throw new Error('usage: floor.ts <folder of .md files>')

const processor = unified()
  .use(remarkParse)
  .use(remarkRetext, unified().use(retextEnglish).use(retextRepeatedWords) as any)
  .freeze()

const names = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort()
let messages = 0
for (const name of names) {
  const file = new VFile({path: path.join(folder, name), value: await readFile(path.join(folder, name), 'utf8')})
  await processor.run(processor.parse(file), file)
  messages += file.messages.length
}
process.stdout.write(`${JSON.stringify({files: names.length, messages})}\n`)
