/**
 * How tall a list's table may be to keep its foot in the window: the rule that
 * useWindowBoundHeight applies to what it measures (no DOM here, so that it is tested alone).
 */

/** Below this the table stops shrinking: its header and four or five rows. */
export const MIN_TABLE_HEIGHT = 240

/** Where a table sits, in CSS pixels. */
export interface TablePlacement {
  /** The table's top, from the top of the document. */
  top: number
  /** What the page keeps under the table, to the window's foot: the pager, the card's and the frame's padding. */
  below: number
  /** The window's height (innerHeight). */
  windowHeight: number
}

/** The table's greatest height: down to what must stay under it at the window's foot, never under `min`. */
export function windowBoundHeight({ top, below, windowHeight }: TablePlacement, min = MIN_TABLE_HEIGHT): number {
  return Math.max(min, Math.floor(windowHeight - top - below))
}
