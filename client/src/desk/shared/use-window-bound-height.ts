import type { Ref } from 'vue'
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { windowBoundHeight } from './window-bound-height'

/**
 * A list's table held to the window: its foot — where Element Plus draws the sideways
 * scroll bar — and what the page keeps under it (the pager) stay on screen, and its rows
 * scroll under a header that stays put. Without it, a long page put the scroll bar below
 * the fold: on a laptop a reviewer had to scroll down to the end of the page to reach the
 * columns off to the right (the review queue at 1280×800). A window too short for
 * `MIN_TABLE_HEIGHT` (window-bound-height.ts) scrolls the page as before, rather than
 * squeeze the rows to nothing.
 */

/**
 * The greatest height for the table in `table` (an el-table's `max-height`), on the page
 * `page` (a child of the desk's frame, whose bottom padding counts too), measured once
 * mounted and again whenever the window or the page changes size — filters wrapping onto
 * another line, an error shown above the table, another language. Undefined until mounted.
 */
export function useWindowBoundHeight(table: Readonly<Ref<HTMLElement | null>>, page: Readonly<Ref<HTMLElement | null>>): Readonly<Ref<number | undefined>> {
  const height = ref<number>()

  function measure(): void {
    // Not while the page is out of the document (leaving): it has no place to measure.
    if (!table.value?.isConnected || !page.value)
      return
    const box = table.value.getBoundingClientRect()
    const frame = page.value.parentElement
    const framePadding = frame ? Number.parseFloat(getComputedStyle(frame).paddingBottom) || 0 : 0
    // Neither depends on the table's own height: setting it moves nothing measured here, and measuring again gives the same answer.
    height.value = windowBoundHeight({
      top: box.top + globalThis.scrollY,
      below: page.value.getBoundingClientRect().bottom - box.bottom + framePadding,
      windowHeight: globalThis.innerHeight,
    })
  }

  let observer: ResizeObserver | undefined
  onMounted(() => {
    measure()
    observer = new ResizeObserver(measure)
    if (page.value)
      observer.observe(page.value)
    globalThis.addEventListener('resize', measure)
  })
  onBeforeUnmount(() => {
    observer?.disconnect()
    globalThis.removeEventListener('resize', measure)
  })
  return height
}
