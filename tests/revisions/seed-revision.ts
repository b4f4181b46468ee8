// The editor's corrections to the seed, as a second revision: the repeated paragraph deleted,
// `Wei Feng’s` corrected to `Wei Fenghe’s`, and one paragraph moved up after the first.
export function reviseSeed(text: string): string {
  const paragraphs = text.split('\n\n')
  const repeated = paragraphs.filter((p) => p.startsWith('Evidence suggests that there has been intelligence cooperation'))
  if (repeated.length !== 2) throw new Error('the seed no longer has its repeated paragraph')
  paragraphs.splice(paragraphs.indexOf(repeated[1]!), 1)
  const moved = paragraphs.find((p) => p.startsWith('One academic described the visit'))!
  paragraphs.splice(paragraphs.indexOf(moved), 1)
  paragraphs.splice(paragraphs.findIndex((p) => p.startsWith('Chinese minister')) + 1, 0, moved)
  return paragraphs.join('\n\n').replace('Wei Feng’s', 'Wei Fenghe’s')
}
