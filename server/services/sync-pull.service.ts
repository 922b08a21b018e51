import type { ApplicationChange, PullResponse } from '#shared/sync/protocol'
import type { AppDeps, SessionActor } from '../context'
import { ApiError } from '../http/api-error'
import { readFeed } from '../repositories/change-feed.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { sitesByIds } from '../repositories/sites.repository'

/**
 * Changes after the cursor for this agent (status changes of their own applications,
 * with reviewer items, reasons and member numbers), and the reference data in force
 * (programme settings with notice versions, the agent's sites). Revocation needs no
 * entry: a revoked device is refused by the authentication of this very request and told
 * to wipe.
 */
export async function pullChanges(deps: AppDeps, actor: SessionActor, cursor: number, limit: number): Promise<PullResponse> {
  const rows = await readFeed(deps.db, actor.id, cursor, limit + 1)
  const page = rows.slice(0, limit)
  const programme = await currentProgramme(deps.db)
  if (!programme)
    throw new ApiError(500, 'server.internal')
  return {
    changes: page.filter(r => r.kind === 'application').map(r => ({ ...(r.payload as Omit<ApplicationChange, 'seq'>), seq: r.seq })),
    cursor: page.at(-1)?.seq ?? cursor,
    hasMore: rows.length > limit,
    reference: {
      programmeVersion: programme.version,
      programme: programme.settings,
      sites: await sitesByIds(deps.db, actor.siteIds),
    },
    serverTime: deps.now().toISOString(),
  }
}
