/**
 * Whether something sits over the page and owns the keyboard: a page's own key shortcuts
 * must do nothing then. Element Plus does not mark all of its overlays alike — dialogs,
 * message boxes and drawers say aria-modal, but the full-screen photo viewer says nothing
 * (a decision once opened on top of a photo being read), and an open select or date picker
 * is a popper — so each kind is named here, in one list.
 */

/** Overlays by the marks Element Plus gives them; closed ones are removed or hidden (display: none). */
export const OVERLAY_SELECTORS = [
  // Dialogs, message boxes, drawers.
  '[aria-modal="true"]',
  // The mask under a dialog or message box, shown from the first frame of its opening.
  '.el-overlay',
  // el-image's viewer: full screen, focus trapped, no aria-modal.
  '.el-image-viewer__wrapper',
  // An open date picker, menu or popover. Not a tooltip: it only describes what is under the pointer.
  '.el-popper[aria-hidden="false"]:not([role="tooltip"])',
  // An open select, by its input (its list is a popper Element Plus gives the tooltip role).
  '[role="combobox"][aria-expanded="true"]',
] as const

/** The part of a DOM element this needs (an Element fits). */
interface Shown { getClientRects: () => { length: number } }

/** Whether any overlay under `root` is showing (laid out: an element hidden by display: none has no boxes). */
export function overlayShowing(root: { querySelectorAll: (selectors: string) => Iterable<Shown> }): boolean {
  return [...root.querySelectorAll(OVERLAY_SELECTORS.join(', '))].some(element => element.getClientRects().length > 0)
}
