import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { REVIEW_ROLES, roleAllows } from './desk-roles'
import { useDeskSessionStore } from './desk-session.store'

/**
 * Every desk page but sign-in needs a desk session; a page may also name the roles that
 * may open it (`meta.deskRoles`). Without a session: sign in first, then come back
 * (`?next=`). With the wrong role: the desk home, which says what this role can do here;
 * reviewers and supervisors start at their queue.
 */
export function deskGuard(to: RouteLocationNormalized): true | RouteLocationRaw {
  const store = useDeskSessionStore()
  const session = store.session
  if (!session)
    return { name: 'desk-sign-in', query: { next: to.fullPath } }
  if (!roleAllows(session.staff.role, to.meta.deskRoles))
    return { name: 'desk-home' }
  // The queue is a reviewer's home.
  if (to.name === 'desk-home' && REVIEW_ROLES.includes(session.staff.role))
    return { name: 'desk-queue' }
  return true
}
