import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { confirmDialog } from '../layout/dialogs'
import { useSessionStore } from './session.store'
import 'vant/es/dialog/style'

/**
 * Signing out from the field area (the layout's menu): when the user's database holds
 * unsynced applications, a dialog says how many and that they stay on the device, and
 * only a confirmation signs out. Nothing is ever deleted. Then the sign-in page.
 */
export function useSignOut() {
  const store = useSessionStore()
  const router = useRouter()
  const { t } = useI18n()

  /** True when signed out; false when the user kept the session. */
  async function signOut(): Promise<boolean> {
    const first = await store.signOut()
    if (!first.signedOut) {
      try {
        await confirmDialog({
          title: t('auth.signOut.title'),
          message: t('auth.signOut.unsynced', { count: first.unsynced }, first.unsynced),
          confirmButtonText: t('auth.signOut.ok'),
          cancelButtonText: t('auth.signOut.cancel'),
          confirmButtonColor: 'var(--van-danger-color)',
        })
      }
      catch {
        return false // cancelled
      }
      await store.signOut({ force: true })
    }
    await router.replace({ name: 'field-sign-in' })
    return true
  }

  return { signOut }
}
