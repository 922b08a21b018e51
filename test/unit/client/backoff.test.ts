import { describe, expect, it } from 'vitest'
import { backoffCeiling, backoffDelay } from '../../../client/src/field/sync/backoff'

describe('sync backoff', () => {
  it('doubles the ceiling with each failure, from the base', () => {
    expect([0, 1, 2, 3].map(n => backoffCeiling(n, { baseMs: 1000, capMs: 60_000 }))).toEqual([1000, 2000, 4000, 8000])
  })

  it('never goes past the cap, even for huge attempt counts', () => {
    expect(backoffCeiling(6, { baseMs: 1000, capMs: 60_000 })).toBe(60_000)
    expect(backoffCeiling(5000, { baseMs: 1000, capMs: 60_000 })).toBe(60_000)
  })

  it('treats negative or fractional attempts as whole, non-negative ones', () => {
    expect(backoffCeiling(-3, { baseMs: 1000 })).toBe(1000)
    expect(backoffCeiling(2.7, { baseMs: 1000 })).toBe(4000)
  })

  it.each([0, 0.25, 0.5, 0.999999])('spreads the wait over [0, ceiling) with full jitter (random %s)', (r) => {
    const delay = backoffDelay(3, { baseMs: 1000, capMs: 60_000, random: () => r })
    expect(delay).toBe(Math.floor(r * 8000))
    expect(delay).toBeGreaterThanOrEqual(0)
    expect(delay).toBeLessThan(8000)
  })

  it('stays within bounds with the real random source', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const delay = backoffDelay(attempt)
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThan(backoffCeiling(attempt))
    }
  })
})
