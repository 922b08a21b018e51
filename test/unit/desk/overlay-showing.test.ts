import { describe, expect, it } from 'vitest'
import { OVERLAY_SELECTORS, overlayShowing } from '../../../client/src/desk/shared/overlay-showing'

/** A document holding elements that match the overlay selectors, each shown (laid out) or not. */
function documentWith(...shown: boolean[]) {
  const asked: string[] = []
  return {
    asked,
    querySelectorAll(selectors: string) {
      asked.push(selectors)
      return shown.map(laidOut => ({ getClientRects: () => ({ length: laidOut ? 1 : 0 }) }))
    },
  }
}

describe('whether an overlay owns the keyboard', () => {
  it('looks for dialogs, the photo viewer (no aria-modal) and open lists', () => {
    expect(OVERLAY_SELECTORS).toEqual(expect.arrayContaining(['[aria-modal="true"]', '.el-image-viewer__wrapper', '[role="combobox"][aria-expanded="true"]']))
    const page = documentWith()
    overlayShowing(page)
    expect(page.asked).toEqual([OVERLAY_SELECTORS.join(', ')])
  })

  it('counts only overlays laid out: a closed dialog stays in the page, hidden', () => {
    expect(overlayShowing(documentWith())).toBe(false)
    expect(overlayShowing(documentWith(false, false))).toBe(false)
    expect(overlayShowing(documentWith(false, true))).toBe(true)
  })
})
