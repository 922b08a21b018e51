import { describe, expect, it } from 'vitest'
import { MIN_TABLE_HEIGHT, windowBoundHeight } from '../../../client/src/desk/shared/window-bound-height'

describe('a list\'s table held to the window', () => {
  it('reaches down to what the page keeps under it at the window\'s foot', () => {
    // The review queue at 1280×800: the table's top under three lines of filters, the pager and paddings under it.
    expect(windowBoundHeight({ top: 277, below: 89, windowHeight: 800 })).toBe(434)
    expect(windowBoundHeight({ top: 233, below: 89, windowHeight: 1080 })).toBe(758)
  })

  it('counts whole pixels only, so that the foot is never a fraction past the window', () => {
    expect(windowBoundHeight({ top: 277.5, below: 89.25, windowHeight: 800 })).toBe(433)
  })

  it('never shrinks under its header and a few rows: a window too short scrolls the page instead', () => {
    expect(windowBoundHeight({ top: 277, below: 89, windowHeight: 500 })).toBe(MIN_TABLE_HEIGHT)
    expect(windowBoundHeight({ top: 900, below: 89, windowHeight: 800 })).toBe(MIN_TABLE_HEIGHT)
    expect(windowBoundHeight({ top: 277, below: 89, windowHeight: 500 }, 100)).toBe(134)
  })
})
