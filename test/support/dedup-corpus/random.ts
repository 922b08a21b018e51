/**
 * The corpus's only source of chance: mulberry32, a tiny seeded PRNG. The same seed gives
 * the same corpus on every machine and every run, so an accuracy figure can be compared
 * with the last one (no Math.random anywhere in the generator).
 */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6D2B79F5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length)
      throw new RangeError('pick from an empty list')
    return items[this.int(items.length)]!
  }

  /** One item, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [item, w] of items) {
      r -= w
      if (r < 0)
        return item
    }
    return items.at(-1)![0]
  }

  digits(count: number): string {
    let out = ''
    for (let i = 0; i < count; i++)
      out += String(this.int(10))
    return out
  }
}

/** Calls `make` until it returns a value not yet in `used`, then records it. */
export function unique<T>(used: Set<T>, make: () => T, attempts = 1000): T {
  for (let i = 0; i < attempts; i++) {
    const value = make()
    if (!used.has(value)) {
      used.add(value)
      return value
    }
  }
  throw new Error(`no unused value after ${attempts} attempts`)
}
