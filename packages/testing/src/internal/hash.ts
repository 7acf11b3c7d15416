/**
 * Deterministic 32-bit hashing of integer tuples and strings, so that any
 * synthesised value can be recomputed from its coordinates (seed, stream,
 * day, minute, request number) without storing it.
 */

const mix = (h: number, k: number): number => {
  let x = Math.imul(k | 0, 0xcc9e2d51)
  x = (x << 15) | (x >>> 17)
  x = Math.imul(x, 0x1b873593)
  let y = h ^ x
  y = (y << 13) | (y >>> 19)
  return (Math.imul(y, 5) + 0xe6546b64) | 0
}

const finalise = (h: number): number => {
  let x = h ^ (h >>> 16)
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/** A well-mixed unsigned 32-bit hash of integers (each taken modulo 2^32). */
export const hashInts = (...values: ReadonlyArray<number>): number => {
  let h = 0x9747b28c
  for (const v of values) {
    h = mix(h, v | 0)
    h = mix(h, Math.floor(v / 4294967296) | 0)
  }
  return finalise(h ^ values.length)
}

/** A 32-bit FNV-1a hash of a string. */
export const hashString = (value: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A uniform number in [0, 1) from integer coordinates. */
export const unit = (...values: ReadonlyArray<number>): number => hashInts(...values) / 4294967296
