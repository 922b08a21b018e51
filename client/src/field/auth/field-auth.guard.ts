import type { NavigationGuard } from 'vue-router'
import { useSessionStore } from './session.store'

/** The field area needs a signed-in user (online or offline); otherwise, sign in first. */
export const requireFieldSession: NavigationGuard = (to) => {
  const store = useSessionStore()
  if (!store.session)
    return { name: 'field-sign-in', query: { next: to.fullPath } }
  return true
}
