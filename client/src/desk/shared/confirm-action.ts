import { ElMessageBox } from 'element-plus'
import { i18n } from '../../i18n/i18n'
import 'element-plus/es/components/message-box/style/css'

/**
 * Asks before something a page cannot undo; true when the user goes ahead. The action's
 * name is the box's title and its button: Element Plus's message box without a title is a
 * dialog with no name (axe: aria-dialog-name), and a bare OK says nothing of what it does.
 * The texts come from the desk, in the desk's language, not from a library default. A click
 * beside the box is no answer (the second click of a double click on the button that opened
 * it would otherwise close it at once); Escape and 取消 still cancel.
 */
export async function confirmAction(action: string, message: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, action, { type: 'warning', confirmButtonText: action, cancelButtonText: i18n.global.t('desk.common.cancel'), closeOnClickModal: false })
    return true
  }
  catch {
    return false
  }
}
