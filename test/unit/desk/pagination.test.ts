import { describe, expect, it } from 'vitest'
import { lastPageIfBeyond } from '../../../client/src/desk/shared/pagination'

describe('a page past the end of a list', () => {
  it('is replaced by the last page', () => {
    expect(lastPageIfBeyond(999, 20, 6)).toBe(1)
    expect(lastPageIfBeyond(4, 20, 41)).toBe(3)
  })

  it('is left alone when it exists, and an empty list stays on its first page', () => {
    expect(lastPageIfBeyond(3, 20, 41)).toBeNull()
    expect(lastPageIfBeyond(1, 20, 0)).toBeNull()
    expect(lastPageIfBeyond(2, 20, 40)).toBeNull()
  })
})
