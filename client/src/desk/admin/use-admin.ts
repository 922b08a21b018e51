import { useI18n } from 'vue-i18n'
import { adminApi } from '../api/admin.api'
import { useDeskSessionStore } from '../auth/desk-session.store'
import { useDeskCall } from '../shared/use-desk-call'
import { useLocalised } from '../shared/use-localised'

/**
 * What every administration screen needs: the admin API with this session, a busy flag,
 * and the last failure in the current language. `run` wraps one call so a screen never
 * forgets to clear or set them.
 */
export function useAdmin() {
  const store = useDeskSessionStore()
  const { t } = useI18n()
  const { locale, dateTime } = useLocalised()
  const api = adminApi(store.http)
  const { busy, error, run } = useDeskCall()

  return { api, busy, error, run, t, locale, dateTime }
}
