import type { Application } from '#shared/application/application.schema'
import type { AppDeps } from '../context'
import type { Executor } from '../repositories/types'
import type { OtherRecord } from './find-duplicates'
import { randomUUID } from 'node:crypto'
import { matchProfiles } from '#shared/dedup/match-profile'
import { applicationsSharingKeys } from '../repositories/dedup-keys.repository'
import { candidatesNaming, insertCandidate, pairedApplications, rescoreCandidate } from '../repositories/duplicate-candidates.repository'
import { settingsInForce } from '../repositories/programme.repository'
import { openApplication } from '../services/application-codec'
import { blockingKeyHashes, otherRecords, scoreAgainst } from './find-duplicates'

/**
 * The open applications' side of a member whose details are new to them: a member just made
 * by an approval, or one whose contact details changed. A member holds no candidates, so each
 * open application sharing a blocking key with it is scored against it as its own look-up
 * would score it now — a candidate naming the member is added, scored again, or removed when
 * no longer at a level. Without this, an application that arrived before the member's own
 * (its pair was raised on the member's application, which has nothing more to decide once
 * approved) or that matched only the old mobile kept what it had until a re-scan, and its
 * approval was held, or not held, on details no longer true. Reviewers' verdicts are never
 * touched, and a pair judged different people is never raised again.
 *
 * Runs in the caller's transaction, under the feed lock, after the member's keys are stored,
 * under the duplicate rules in force.
 */
export async function reconcileMemberCandidates(trx: Executor, deps: Pick<AppDeps, 'cipher'>, member: { id: string, applicationId: string }, data: Application, at: string): Promise<void> {
  const rules = (await settingsInForce(trx)).duplicateRules
  const profiles = matchProfiles(data)
  const sharing = await applicationsSharingKeys(trx, blockingKeyHashes(deps, profiles), member.applicationId)
  const naming = await candidatesNaming(trx, { type: 'member', id: member.id })
  const held = new Map(naming.map(c => [c.applicationId, c]))
  const { dismissed } = await pairedApplications(trx, member.applicationId)
  const ids = new Set([...sharing, ...naming.filter(c => c.resolution === null).map(c => c.applicationId)])
  const toScore = [...ids].filter(id => !dismissed.has(id) && !held.get(id)?.resolution)
  // Only applications still open wait for a verdict; otherRecords reads them as they are now.
  const open = (await otherRecords(trx, toScore, undefined, new Set())).filter(o => o.type === 'application')
  const self: OtherRecord = { type: 'member', id: member.id, applicationId: member.applicationId, data: '' }
  for (const app of open) {
    const [found] = scoreAgainst(deps, matchProfiles(openApplication(app.data, deps.cipher)), [self], rules, () => profiles)
    const existing = held.get(app.id)
    if (existing)
      await rescoreCandidate(trx, existing.id, found ?? null)
    else if (found)
      await insertCandidate(trx, app.id, found, at, randomUUID())
  }
}
