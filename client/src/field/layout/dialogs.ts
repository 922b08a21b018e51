import type { DialogOptions } from 'vant'
import { showConfirmDialog, showDialog } from 'vant'

/**
 * Vant's dialogs, named. Vant sets a dialog's aria-labelledby to its title or message text
 * — text, not the id of an element — so a screen reader finds no name and announces a bare
 * "dialog". These name it by its title, or its message when it has none; Vant passes
 * options it does not know on to the dialog's element as attributes.
 */
function named(options: DialogOptions): DialogOptions {
  const name = options.title || (typeof options.message === 'string' ? options.message : undefined)
  return { ...options, 'aria-label': name, 'aria-labelledby': undefined } as DialogOptions
}

/** A message with one button (知道了). */
export function tellDialog(options: DialogOptions): Promise<unknown> {
  return showDialog(named(options))
}

/** A question with 确认 and 取消; rejects when cancelled, as Vant's does. */
export function confirmDialog(options: DialogOptions): Promise<unknown> {
  return showConfirmDialog(named(options))
}
