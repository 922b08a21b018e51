import type { ApplicationChange, PullResponse } from '#shared/sync/protocol'
import type { AppDeps, SessionActor } from '../context'
import { ApiError } from '../http/api-error'
import { feedSequenceEnd, readFeed } from '../repositories/change-feed.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { sitesByIds } from '../repositories/sites.repository'

/**
 * Changes after the cursor for this agent (status changes of their own applications,
 * with reviewer items, reasons and member numbers), and the reference data in force
 * (programme settings with notice versions, the agent's open sites, and every site they
 * are assigned to). Revocation needs no entry: a revoked device is refused by the
 * authentication of this very request and told to wipe.
 *
 * A cursor beyond the feed's end was not handed out by this database (it was restored from
 * an older backup, or replaced): answering "no changes" would have the device skip every
 * change numbered up to its cursor once the feed grows again. It is refused with 409
 * `sync.cursor_ahead`, and the device pulls again from the start.
 */
export async function pullChanges(deps: AppDeps, actor: SessionActor, cursor: number, limit: number): Promise<PullResponse> {
  if (cursor > 0) {
    const end = await feedSequenceEnd(deps.db)
    if (cursor > end)
      throw new ApiError(409, 'sync.cursor_ahead', { params: { cursor, end } })
  }
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
      siteIds: actor.siteIds,
    },
    serverTime: deps.now().toISOString(),
  }
}
