/**
 * el-image's viewer draws its close button and its previous/next arrows as bare <span>s,
 * with no slot to replace them: a pointer reaches them, the keyboard does not (Escape and
 * the arrow keys work, but only for someone who knows them), and a screen reader hears
 * nothing. Once the viewer is showing, this makes each of the three a named button in the
 * Tab order that Enter and Space press, as the toolbar's buttons are.
 */

export interface ViewerControlNames { close: string, prev: string, next: string }

const CONTROLS = [
  ['close', '.el-image-viewer__close'],
  ['prev', '.el-image-viewer__prev'],
  ['next', '.el-image-viewer__next'],
] as const

/** The viewer now open: teleported to the body, the newest last (a closing one may still be fading out). */
export function openViewer(document: Document): HTMLElement | undefined {
  const wrappers = document.querySelectorAll<HTMLElement>('.el-image-viewer__wrapper')
  return wrappers[wrappers.length - 1]
}

/** Makes the viewer's close and arrow controls keyboard buttons, named in the desk's language. */
export function makeViewerControlsButtons(viewer: HTMLElement, names: ViewerControlNames): void {
  for (const [name, selector] of CONTROLS) {
    const control = viewer.querySelector<HTMLElement>(selector)
    if (!control || control.getAttribute('role') === 'button')
      continue
    control.setAttribute('role', 'button')
    control.tabIndex = 0
    control.setAttribute('aria-label', names[name])
    control.title = names[name]
    control.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ')
        return
      // The viewer listens on the document too: Space there toggles the photo's size.
      event.preventDefault()
      event.stopPropagation()
      control.click()
    })
  }
}
