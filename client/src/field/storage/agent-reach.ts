import type { ValidationIssue } from '#shared/errors/issue'
import type { Action, ApplicationStatus, TransitionCheck } from '#shared/status/status-table'
import type { FieldDb, LocalApplication } from './field-db'
import { agentReachIssue } from '#shared/status/agent-reach'
import { checkTransition } from '#shared/status/status-table'
import { readReference } from './field-db'

/**
 * The sites the agent is assigned to as this tablet last pulled them, closed ones included
 * (what was taken there still syncs). A tablet whose last pull predates that list has only
 * the open sites, which it uses until its next pull: stricter, never looser, than the server.
 */
export function assignedSites(assigned: readonly string[] | undefined, openSites: ReadonlyArray<{ id: string }> | undefined): string[] {
  return assigned ? [...assigned] : (openSites ?? []).map(site => site.id)
}

export async function assignedSiteIds(db: FieldDb): Promise<string[]> {
  return assignedSites(await readReference<string[]>(db, 'siteIds'), await readReference<Array<{ id: string }>>(db, 'sites'))
}

/**
 * The signed-in agent as the shared rules see them on this tablet. Each agent has a database
 * of their own on the tablet, so the record's agent is the one acting.
 */
function deviceAgent(application: LocalApplication, siteIds: readonly string[]) {
  return { id: application.data.agentId, role: 'field_agent' as const, siteIds }
}

/**
 * The shared status table's answer (state, role, the agent's reach) for an action of the
 * signed-in agent on one of their records, as the server will judge it.
 */
export function checkOnDevice(application: LocalApplication, siteIds: readonly string[], status: ApplicationStatus, action: Action): TransitionCheck {
  const { agentId, siteId } = application.data
  const facts = { status, agentId, siteId, blockingDuplicateCandidates: 0, attachmentsComplete: true }
  return checkTransition(deviceAgent(application, siteIds), facts, action)
}

/** Why the record is out of the signed-in agent's reach (moved off its site), or null. */
export function reachIssueOnDevice(application: LocalApplication, siteIds: readonly string[]): ValidationIssue | null {
  return agentReachIssue(deviceAgent(application, siteIds), application.data)
}
