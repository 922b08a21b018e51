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

/**
 * For counts and names without applicants' data (statistics, the desk's directory): a
 * reviewer their own sites, supervisors and administrators every site.
 */
export function namesScopeOf(actor: Pick<SessionActor, 'role' | 'siteIds'>): SiteScope {
  return actor.role === 'reviewer' ? { kind: 'sites', siteIds: actor.siteIds } : { kind: 'all' }
}

export function scopeIncludes(scope: SiteScope, siteId: string): boolean {
  return scope.kind === 'all' || scope.siteIds.includes(siteId)
}

export function isInScope(actor: Pick<SessionActor, 'role' | 'siteIds'>, siteId: string): boolean {
  return scopeIncludes(siteScopeOf(actor), siteId)
}
