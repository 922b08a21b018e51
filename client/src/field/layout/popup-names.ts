import type { OverlayProps } from 'vant'
import { useI18n } from 'vue-i18n'

/**
 * Vant renders a popup as role="dialog" with no name, and its overlay as role="button"
 * (a tap on it closes the popup) with no name either: a screen reader announces "dialog"
 * and "button" and nothing more. Bound onto a popup (`v-bind="popupNames(title)"`), these
 * name both; Vant passes unknown attributes on to the popup's element, and `overlayProps`
 * to the overlay's.
 */
export function usePopupNames(): (label: string) => { 'aria-label': string, 'overlayProps': Partial<OverlayProps> } {
  const { t } = useI18n()
  // Vant types overlayProps as the overlay's own props; attributes pass through all the same.
  return label => ({ 'aria-label': label, 'overlayProps': { 'aria-label': t('popup.close') } as Partial<OverlayProps> })
}
