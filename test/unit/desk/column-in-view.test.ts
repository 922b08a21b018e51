import { describe, expect, it } from 'vitest'
import { scrollLeftShowing } from '../../../client/src/desk/shared/column-in-view'

// The review queue at 1024 px: 回执编号 pinned left (180), 审核期限 and 标记 pinned right (270), 700 px of table in view.
const view = { scrollLeft: 0, width: 700, pinnedLeft: 180, pinnedRight: 270 }

describe('a column of a table with pinned columns, brought into view', () => {
  it('stays where it is when the column already shows whole between the pinned columns', () => {
    expect(scrollLeftShowing({ left: 180, width: 100 }, view)).toBe(0)
    expect(scrollLeftShowing({ left: 330, width: 100 }, view)).toBe(0)
  })

  it('scrolls just far enough for a column beyond the right pinned columns (or under them) to show', () => {
    // 提交时间 at 867–1047: its right edge to the left edge of 审核期限.
    expect(scrollLeftShowing({ left: 867, width: 180 }, view)).toBe(867 + 180 - 700 + 270)
    expect(scrollLeftShowing({ left: 400, width: 100 }, view)).toBe(70)
  })

  it('scrolls back for a column passed under the left pinned column', () => {
    expect(scrollLeftShowing({ left: 200, width: 100 }, { ...view, scrollLeft: 300 })).toBe(20)
    expect(scrollLeftShowing({ left: 180, width: 100 }, { ...view, scrollLeft: 300 })).toBe(0)
  })

  it('shows the start of a column wider than the strip between the pinned columns', () => {
    expect(scrollLeftShowing({ left: 600, width: 400 }, view)).toBe(420)
    expect(scrollLeftShowing({ left: 600, width: 400 }, { ...view, scrollLeft: 420 })).toBe(420)
  })
})
