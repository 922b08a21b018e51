import type { ValidationIssue } from '../errors/issue'

/** What a field agent's reach is judged on: who captured the application, and where. */
export interface ReachedApplication {
  agentId: string
  siteId: string
}

/**
 * A field agent's reach (DESIGN.md §8): the applications they captured, while these are at
 * one of the sites they are assigned to (closed sites included: what was taken there still
 * syncs). It bounds what an agent submits, resubmits, withdraws and fetches, and what a
 * conflict hands them in full; an agent moved off a site keeps none of that site's. The
 * server judges it on the assignments in force, the tablet on those it last pulled, so the
 * tablet refuses offline what the server would refuse online. Null when in reach, else the
 * field that puts the application out of it.
 */
export function agentReachIssue(agent: { id: string, siteIds: readonly string[] }, application: ReachedApplication): ValidationIssue | null {
  if (application.agentId !== agent.id)
    return { path: 'agentId', code: 'status.not_owner' }
  if (!agent.siteIds.includes(application.siteId))
    return { path: 'siteId', code: 'status.site_not_assigned' }
  return null
}
