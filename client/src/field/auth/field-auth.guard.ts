import type { NavigationGuard } from 'vue-router'
import { useSessionStore } from './session.store'

/**
 * The field area needs a signed-in user (online or offline). After a reload the tab still
 * names its user (sessionStorage): the session is restored from the accounts database,
 * locked, and the layout's lock screen asks for the password. Otherwise, sign in first.
 */
export const requireFieldSession: NavigationGuard = async (to) => {
  const store = useSessionStore()
  if (!store.session && !await store.restore())
    return { name: 'field-sign-in', query: { next: to.fullPath } }
  return true
}
