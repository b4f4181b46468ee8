// MinHash with LSH banding (Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3):
// finds the earlier paragraphs that may be near-duplicates of a new one without comparing all pairs.
// Used by `repeated-paragraph`, which verifies every candidate with the exact `jaccard`.
//
// Shingles are word pairs: one changed word alters only two of them, so a few edits in a
// 50-word paragraph keep Jaccard above 0.8, while unrelated prose rarely shares 10% of its pairs.
// 100 hashes in 20 bands of 5 rows make a pair a candidate from about (1/20)^(1/5) ≈ 0.55
// Jaccard; a pair at 0.8 is missed with probability (1 − 0.8^5)^20 ≈ 0.0004, at 0.7 ≈ 0.03.
const shingleSize = 2
const bands = 20
const rows = 5
const hashes = bands * rows
/** A bucket this full already holds enough earlier paragraphs to link to; more would make many repeats quadratic. */
const bucketLimit = 50

/** The MinHash permutations: x ↦ a·x + b mod 2³², a odd, applied to shingle hashes already mixed by `fmix`. */
const multipliers = Uint32Array.from({length: hashes}, (_, index) => fmix(2 * index + 1) | 1)
const addends = Uint32Array.from({length: hashes}, (_, index) => fmix(2 * index + 2))
const signature = new Uint32Array(hashes)

/** FNV-1a, 32 bits (offset basis 0x811c9dc5, prime 0x01000193): small, and the same on every run. */
export function hashWord(word: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < word.length; index++) hash = Math.imul(hash ^ word.charCodeAt(index), 0x01000193)
  return hash >>> 0
}

/**
 * A 53-bit hash of a run of word hashes (two 32-bit hashes in one double), used as the key of a
 * sentence or a paragraph: among a million sentences, the odds of any two colliding are about
 * one in twenty thousand. A cryptographic digest made short strings at ten times the cost.
 */
export function hashSequence(words: ArrayLike<number>, start: number, end: number): number {
  let high = 0x811c9dc5
  let low = 0x9747b28c
  for (let index = start; index < end; index++) {
    high = Math.imul(high ^ words[index]!, 0x01000193)
    low = Math.imul(low ^ words[index]!, 0x5bd1e995)
    low ^= low >>> 15
  }
  return fmix(high) * 2 ** 21 + (fmix(low) >>> 11)
}

/** Hashes of the word pairs of a paragraph (given as word hashes), sorted and unique. */
export function shinglesOf(words: number[]): Uint32Array {
  const count = Math.max(1, words.length - shingleSize + 1)
  const shingles = new Uint32Array(count)
  for (let start = 0; start < count; start++) {
    let hash = 0x811c9dc5
    for (let index = start; index < Math.min(start + shingleSize, words.length); index++) hash = Math.imul(hash ^ words[index], 0x01000193)
    shingles[start] = fmix(hash)
  }
  shingles.sort()
  let size = 0
  for (let index = 0; index < count; index++) if (size === 0 || shingles[index] !== shingles[size - 1]) shingles[size++] = shingles[index]
  return shingles.subarray(0, size)
}

/** Exact Jaccard similarity of two sorted sets, by merging them. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let common = 0
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      common++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return common / (a.length + b.length - common)
}

/** The bucket keys of a shingle set, one per band; two sets that share a key are candidates. */
export function bandsOf(shingles: Uint32Array): Uint32Array {
  signature.fill(0xffffffff)
  for (const shingle of shingles) {
    for (let index = 0; index < hashes; index++) {
      const value = (Math.imul(multipliers[index], shingle) + addends[index]) >>> 0
      if (value < signature[index]) signature[index] = value
    }
  }
  const keys = new Uint32Array(bands)
  for (let band = 0; band < bands; band++) {
    let hash = fmix(band + 1)
    for (let row = band * rows; row < (band + 1) * rows; row++) hash = fmix(Math.imul(hash, 0x01000193) ^ signature[row])
    // 30 bits: V8 keeps such numbers unboxed (Smis), and Map lookups with them are several times faster.
    keys[band] = hash & 0x3fffffff
  }
  return keys
}

export class NearIndex<Item> {
  private readonly buckets = new Map<number, Item[]>()

  /** Adds the items that share a bucket with `keys` to `found`. */
  candidates(keys: Iterable<number>, found: Set<Item>): void {
    for (const key of keys) for (const item of this.buckets.get(key) ?? []) found.add(item)
  }

  add(keys: Iterable<number>, item: Item): void {
    for (const key of keys) {
      const bucket = this.buckets.get(key)
      if (!bucket) this.buckets.set(key, [item])
      else if (bucket.length < bucketLimit) bucket.push(item)
    }
  }
}

/** MurmurHash3's finaliser: every input bit reaches every output bit, which FNV alone does not do well. */
function fmix(value: number): number {
  let hash = value >>> 0
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) >>> 0
}
