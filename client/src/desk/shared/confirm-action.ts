import { ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'

export interface ConfirmActionOptions {
  /** What is about to happen, as the box's title: also its name for a screen reader. */
  title: string
  /** What it means, in full. */
  message: string
  /** The button that goes ahead: the action's own name, not a bare OK. */
  confirm: string
  cancel: string
}

/**
 * Asks before something a page cannot undo; true when the user goes ahead. Element Plus's
 * message box without a title is a dialog with no name (axe: aria-dialog-name), and the
 * texts of its buttons come from the desk, in the desk's language, rather than from a
 * library default.
 */
export async function confirmAction(options: ConfirmActionOptions): Promise<boolean> {
  try {
    await ElMessageBox.confirm(options.message, options.title, { type: 'warning', confirmButtonText: options.confirm, cancelButtonText: options.cancel })
    return true
  }
  catch {
    return false
  }
}
