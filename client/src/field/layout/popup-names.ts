import type { OverlayProps } from 'vant'
import { useI18n } from 'vue-i18n'

/** What `popupNames` binds onto a Vant popup (or a component that renders one, e.g. ActionSheet). */
export interface PopupAttributes {
  'aria-label': string
  'overlayProps': Partial<OverlayProps>
  'tabindex': 0
  'onOpen': () => void
  'onClosed': () => void
  'onKeydown': (event: KeyboardEvent) => void
}

/**
 * Vant renders a popup as role="dialog" with no name, and its overlay as role="button"
 * (a tap on it closes the popup) with no name either: a screen reader announces "dialog"
 * and "button" and nothing more. Bound onto a popup (`v-bind="popupNames(title, close)"`),
 * these name both; Vant passes unknown attributes on to the popup's element, and
 * `overlayProps` to the overlay's.
 *
 * They also make the popup a dialog a keyboard can use. Vant leaves the focus on the control
 * that opened it, behind the overlay, and the popup (teleported to the end of the page) is
 * reached only after tabbing through every field under it; nothing closes it but a tap.
 * So: `tabindex: 0` (a number: Vant moves the focus into a popup given exactly that), Escape
 * closes it through `close`, and once it has closed the focus goes back to the control
 * that opened it (still on the page), as the agent would expect to carry on from there.
 */
export function usePopupNames(): (label: string, close: () => void) => PopupAttributes {
  const { t } = useI18n()
  // Kept per component (this is called once in its setup), not per call: the bindings are
  // made again at every render, and the popup may close after several.
  let opener: HTMLElement | null = null
  return (label, close) => {
    return {
      'aria-label': label,
      // Vant types overlayProps as the overlay's own props; attributes pass through all the same.
      'overlayProps': { 'aria-label': t('popup.close') } as Partial<OverlayProps>,
      'tabindex': 0,
      'onOpen': () => {
        const active = document.activeElement
        // Not a text field (the search, when its 查询服务器记录 notice opened the look-up): on a
        // tablet, focusing it again would pop the on-screen keyboard up unasked.
        opener = active instanceof HTMLElement && active !== document.body && !(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) ? active : null
      },
      'onClosed': () => {
        if (opener?.isConnected)
          opener.focus()
        opener = null
      },
      'onKeydown': (event: KeyboardEvent) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          close()
        }
      },
    }
  }
}
