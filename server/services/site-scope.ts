import type { ValidationIssue } from '#shared/errors/issue'
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

/**
 * A field agent's reach (DESIGN.md §8): the applications they captured, while these are at one
 * of their sites — what they fetch, withdraw or resubmit, and are handed in full by a conflict.
 * One moved off a site keeps none of that site's. Null when in reach, else why not.
 */
export function agentReachIssue(actor: Pick<SessionActor, 'id' | 'siteIds'>, application: { agentId: string, siteId: string }): ValidationIssue | null {
  if (application.agentId !== actor.id)
    return { path: 'agentId', code: 'status.not_owner' }
  if (!actor.siteIds.includes(application.siteId))
    return { path: 'siteId', code: 'status.site_not_assigned' }
  return null
}
