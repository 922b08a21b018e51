/**
 * Where a table with pinned columns must scroll for a column to show whole: the rule that
 * bringFocusedColumnIntoView (focused-column-in-view.ts) applies to what it measures (no DOM here, so that it is tested alone).
 * The scrolling middle passes under the pinned columns, so "in view" is the strip between them.
 */

/** A column's place in the table, in CSS pixels from the table's left edge. */
export interface ColumnSpan { left: number, width: number }

/** The table's scrolling view: where it is scrolled to, how wide it is, and how much the pinned columns cover on each side. */
export interface ScrolledView { scrollLeft: number, width: number, pinnedLeft: number, pinnedRight: number }

/** The scrollLeft that shows `column` whole between the pinned columns: the current one when it already does, else the nearest. */
export function scrollLeftShowing(column: ColumnSpan, view: ScrolledView): number {
  const start = view.scrollLeft + view.pinnedLeft
  const end = view.scrollLeft + view.width - view.pinnedRight
  // Wider than the strip, or left of it: its left edge goes to the strip's (a label reads from its start).
  if (column.left < start || column.width > end - start)
    return Math.max(0, column.left - view.pinnedLeft)
  if (column.left + column.width > end)
    return column.left + column.width - view.width + view.pinnedRight
  return view.scrollLeft
}
