import type { ToastOptions } from 'vant'
import { setToastDefaultOptions } from 'vant'

/**
 * Vant renders a toast as an unnamed role="dialog": to a screen reader, a dialog with no
 * name and nothing to do. A toast says what just happened, so it is a status, announced
 * politely without taking focus. Vant passes options it does not know on to the toast's
 * element as attributes, hence the cast. Imported for its effect by the field's entry
 * points (the layout and the sign-in page).
 */
setToastDefaultOptions({ 'role': 'status', 'aria-live': 'polite' } as ToastOptions)
