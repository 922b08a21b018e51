import type { ApplicationInput } from '#shared/application/application.schema'
import type { DeepPartial, IndividualInput } from '../fixtures/applications'
import type { SignedInAgent } from './sync-fixtures'
import type { TestResponse, TestServer } from './test-server'
import { makeReceiptNo, makeResidentId } from '../fixtures/applications'
import { agentApplication, pushBody, submit, SYNC_SITE_ID } from './sync-fixtures'

/**
 * Review-desk test helpers: applications with their own applicant (mobile, ID number),
 * pushed through the real sync API, with their attachments marked as arrived unless a
 * test wants them missing; and decisions sent as a reviewer would, with If-Match.
 */

export const OTHER_SITE_ID = 'site-sh01'

/** The code createStaff gives a site: its last 4 characters, upper case, letters outside the code alphabet as 0. */
export function siteCodeOf(siteId: string): string {
  return siteId.slice(-4).toUpperCase().replace(/[^0-9A-HJ-NP-RTUW-Y]/g, '0')
}

/** A mobile and a resident ID number that no other `seq` shares (the birth date stays the fixture's). */
export function applicantOf(seq: number): { mobile: string, idNumber: string } {
  return {
    mobile: `139${String(seq).padStart(8, '0')}`,
    idNumber: makeResidentId('1988-03-15', 'male', { sequence: 2 * seq + 1 }),
  }
}

/** An individual application by `agent` at `siteId` with its own applicant. */
export function deskApplication(agent: SignedInAgent, seq: number, siteId: string, overrides: DeepPartial<IndividualInput> = {}): IndividualInput {
  return agentApplication(agent, seq, {
    siteId,
    receiptNo: makeReceiptNo(seq, { siteCode: siteCodeOf(siteId), deviceCode: agent.deviceCode }),
    ...overrides,
    person: { ...applicantOf(seq), ...overrides.person },
  })
}

/** Records every attachment the application names as uploaded (the attachments API has its own tests). */
export async function markAttachmentsArrived(server: TestServer, app: ApplicationInput): Promise<void> {
  const at = server.clock.now().toISOString()
  for (const a of app.attachments) {
    await server.database.db.insertInto('attachments')
      .values({ sha256: a.sha256, media_type: a.mediaType, size: a.size, stored_at: at })
      .onConflict(oc => oc.column('sha256').doNothing())
      .execute()
  }
}

/** Submits through the sync API and checks it was applied. */
export async function pushApplication(server: TestServer, agent: SignedInAgent, app: ApplicationInput, { attachments = true } = {}): Promise<void> {
  if (attachments)
    await markAttachmentsArrived(server, app)
  const response = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([submit(app)]) })
  const { results } = await response.json()
  if (results?.[0]?.outcome !== 'applied')
    throw new Error(`push failed: ${JSON.stringify(results)}`)
}

/**
 * A new applicant at the agent's site (`person` over the fixture's, which has its own mobile
 * and ID number by `seq`) pushed, then the clock moved on a minute: arrivals a minute apart,
 * as the duplicate re-scan checks them in arrival order.
 */
export async function pushArrival(server: TestServer, agent: SignedInAgent, seq: number, person: DeepPartial<IndividualInput['person']> = {}): Promise<IndividualInput> {
  const app = deskApplication(agent, seq, SYNC_SITE_ID, { person })
  await pushApplication(server, agent, app)
  server.clock.advance(60_000)
  return app
}

export type ReviewActionName = 'start_review' | 'approve' | 'reject' | 'return'

/** A decision as the desk sends it: If-Match with the version (omitted when `version` is null). */
export function reviewAction(server: TestServer, token: string, id: string, action: ReviewActionName, version: number | string | null, body?: unknown): Promise<TestResponse> {
  const headers: Record<string, string> = {}
  if (version !== null)
    headers['If-Match'] = typeof version === 'number' ? `"${version}"` : version
  return server.request(`/api/review/applications/${id}/actions/${action}`, { method: 'POST', token, headers, ...(body === undefined ? {} : { json: body }) })
}

/** Takes a submitted application through start_review and approve; returns the approval's answer. */
export async function approveThrough(server: TestServer, token: string, id: string): Promise<{ version: number, memberNo: string, memberId: string }> {
  const started = await reviewAction(server, token, id, 'start_review', 1)
  if (started.status !== 200)
    throw new Error(`start_review: ${started.status} ${await started.text()}`)
  const approved = await reviewAction(server, token, id, 'approve', 2, {})
  if (approved.status !== 200)
    throw new Error(`approve: ${approved.status} ${await approved.text()}`)
  return approved.json()
}

export interface MembersCast {
  li: SignedInAgent
  zhao: SignedInAgent
  reviewer: SignedInAgent
  supervisor: SignedInAgent
  /** The member approved for each applicant's seq. */
  ids: Record<number, string>
}

/**
 * The members tests' cast — agent.li and reviewer.chen at site-bj01, agent.zhao at
 * site-sh01, supervisor.wu everywhere — and a member approved for each of `seqs`: seq 4 at
 * site-sh01 (zhao's), every other at site-bj01 (li's).
 */
export async function membersCast(server: TestServer, seqs: readonly number[]): Promise<MembersCast> {
  await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
  await server.createStaff('agent.zhao', 'field_agent', [OTHER_SITE_ID])
  await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
  await server.createStaff('supervisor.wu', 'supervisor', [])
  const cast = {
    li: await server.signIn('agent.li'),
    zhao: await server.signIn('agent.zhao'),
    reviewer: await server.signIn('reviewer.chen'),
    supervisor: await server.signIn('supervisor.wu'),
    ids: {} as Record<number, string>,
  }
  for (const seq of seqs) {
    const agent = seq === 4 ? cast.zhao : cast.li
    const app = deskApplication(agent, seq, seq === 4 ? OTHER_SITE_ID : SYNC_SITE_ID)
    await pushApplication(server, agent, app)
    cast.ids[seq] = (await approveThrough(server, cast.supervisor.token, app.id)).memberId
  }
  return cast
}
