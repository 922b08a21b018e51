import type { ServerCopy } from '#shared/sync/protocol'
import type { AppDeps, SessionActor } from '../context'
import { agentReachIssue } from '#shared/status/agent-reach'
import { ApiError } from '../http/api-error'
import { findApplication } from '../repositories/applications.repository'
import { appendAudit } from '../repositories/audit.repository'
import { serverCopy } from './sync-push.service'

/**
 * One of the agent's own applications as the server holds it, in full, for a device that
 * does not have it: the tablet that captured it was replaced, wiped or revoked, and a
 * reviewer returned it — the agent fixes it on the device in hand. Only the agent who
 * captured it, only while it is at one of their sites, and only while it is returned — the one
 * state a device fixes. Anything else is "not found": the answer never says whether someone
 * else's application exists, and an agent's token is no way to download, in full, every
 * applicant they ever enrolled — members approved long ago, applications rejected or withdrawn —
 * which the tablets themselves forget once decided (retention.deviceDays). Each fetch is
 * audited: full personal data goes to a device.
 */
export async function fetchOwnApplication(deps: AppDeps, actor: SessionActor, id: string, ip: string | null): Promise<ServerCopy> {
  return deps.db.transaction().execute(async (trx) => {
    const stored = await findApplication(trx, id)
    if (!stored || agentReachIssue(actor, stored) || stored.status !== 'returned')
      throw new ApiError(404, 'request.not_found')
    await appendAudit(trx, { actorId: actor.id, action: 'application.fetch', targetType: 'application', targetId: stored.id, ip, detail: { receiptNo: stored.receiptNo, deviceId: actor.deviceId, version: stored.version } }, deps.now().toISOString())
    return serverCopy(trx, deps, stored)
  })
}
