import { scrollLeftShowing } from './column-in-view'

/**
 * An el-table's `focusin` handler: the column of whatever takes the focus (a sort button in
 * the header, a link in a row) is scrolled into view, and the header kept over the rows.
 * Without it, Tab reached the sort button of a column out of sight — under the columns
 * pinned right, or scrolled off — between two that showed; and where the browser scrolled
 * it into view itself, it scrolled the header alone, leaving it over the wrong rows
 * (Element Plus only moves the header after the rows, never the other way).
 */
export function bringFocusedColumnIntoView(event: FocusEvent): void {
  const table = event.currentTarget
  const target = event.target
  if (!(table instanceof HTMLElement) || !(target instanceof Element))
    return
  const rows = table.querySelector<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap')
  const cell = target.closest<HTMLTableCellElement>('th, td')
  if (!rows || !cell || !table.contains(cell))
    return
  if (!isPinned(cell)) {
    const pinnedWidth = (side: 'left' | 'right') => [...table.querySelectorAll<HTMLElement>(`.el-table__header th.el-table-fixed-column--${side}`)]
      .reduce((sum, th) => sum + th.offsetWidth, 0)
    rows.scrollLeft = scrollLeftShowing(
      { left: cell.offsetLeft, width: cell.offsetWidth },
      { scrollLeft: rows.scrollLeft, width: rows.clientWidth, pinnedLeft: pinnedWidth('left'), pinnedRight: pinnedWidth('right') },
    )
  }
  const header = table.querySelector<HTMLElement>('.el-table__header-wrapper')
  if (header)
    header.scrollLeft = rows.scrollLeft
}

function isPinned(cell: Element): boolean {
  return cell.classList.contains('el-table-fixed-column--left') || cell.classList.contains('el-table-fixed-column--right')
}
