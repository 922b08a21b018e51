import type { SessionActor } from '../context'
import type { SiteScope } from '../repositories/application-queue.repository'

/**
 * Row-level scoping for desk staff (DESIGN.md §8): a reviewer sees the applications and
 * members of the sites they are assigned to, a supervisor sees every site. Anything out
 * of scope answers as if it did not exist.
 */
export function siteScopeOf(actor: Pick<SessionActor, 'role' | 'siteIds'>): SiteScope {
  return actor.role === 'supervisor' ? { kind: 'all' } : { kind: 'sites', siteIds: actor.siteIds }
}

export function isInScope(actor: Pick<SessionActor, 'role' | 'siteIds'>, siteId: string): boolean {
  const scope = siteScopeOf(actor)
  return scope.kind === 'all' || scope.siteIds.includes(siteId)
}
