import type { Application } from '#shared/application/application.schema'
import type { FieldChange } from '#shared/application/version-diff'
import type { RejectReason, ReturnItem } from '#shared/status/review-decisions'
import type { Action, ActionInput, ApplicationStatus } from '#shared/status/status-table'
import type { AnsweredReturnItem } from '#shared/status/untouched-return-items'
import type { ServerCopy } from '#shared/sync/protocol'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppDeps, SessionActor } from '../context'
import type { DuplicateCandidateView } from '../dedup/describe-candidates'
import type { ApplicationEventRecord, ApplicationVersionRecord, ReturnEventRecord } from '../repositories/application-history.repository'
import type { ApplicationListFilter, ApplicationListOrder, ApplicationListRow } from '../repositories/application-queue.repository'
import type { StoredApplication } from '../repositories/applications.repository'
import type { DuplicateCandidateRecord } from '../repositories/duplicate-candidates.repository'
import type { ApplicationNames } from '../repositories/names.repository'
import type { Executor } from '../repositories/types'
import { maskedVersionChanges, versionChanges } from '#shared/application/version-diff'
import { addDays, todayInChina } from '#shared/dates/calendar'
import { chinaDayStart } from '#shared/dates/china-time'
import { checkDateRange } from '#shared/dates/date-range'
import { BLOCKING_DUPLICATE_LEVELS } from '#shared/dedup/duplicate-levels'
import { maskApplication } from '#shared/privacy/application-masking'
import { maskDisplayName, maskMobile } from '#shared/privacy/masking'
import { itemNamingNoField } from '#shared/status/return-item'
import { isOverdue } from '#shared/status/review-deadline'
import { availableActions, checkTransition } from '#shared/status/status-table'
import { answeredReturnItems } from '#shared/status/untouched-return-items'
import { isUniqueViolation } from '../db/errors'
import { describeCandidates } from '../dedup/describe-candidates'
import { reconcileMemberCandidates } from '../dedup/member-candidates'
import { ApiError } from '../http/api-error'
import { findApplicationVersion, findLastReturnEvent, insertApplicationEvent, insertApplicationVersion, listApplicationEvents, listApplicationVersions } from '../repositories/application-history.repository'
import { listApplications } from '../repositories/application-queue.repository'
import { findApplication, memberNumberOf, updateApplication } from '../repositories/applications.repository'
import { appendAudit } from '../repositories/audit.repository'
import { appendFeed, lockFeed } from '../repositories/change-feed.repository'
import { closeCandidatesNaming, countUnresolvedCandidates, listDuplicateCandidates, repointCandidatesToMember } from '../repositories/duplicate-candidates.repository'
import { applicationNames } from '../repositories/names.repository'
import { openApplication } from './application-codec'
import { createMemberFromApplication, newMemberId } from './members.service'
import { isInScope, siteScopeOf } from './site-scope'
import { StaleVersion } from './stale-version'
import { applicationChange, serverCopy } from './sync-push.service'

/**
 * The review desk (DESIGN.md §4, §8): the queue, an application in full, its history,
 * and the reviewer's decisions.
 *
 * - Reviewers see only their sites' applications, supervisors all; anything out of scope
 *   answers 404, as if it did not exist.
 * - Lists show masked names and mobiles from columns and never decrypt; every full view
 *   of personal data is written to the audit log in the same request.
 * - A decision names the version it was made on (If-Match). It is checked against the
 *   shared status table and applied in one transaction: the application at the next
 *   version (optimistic concurrency), its status event and version row, the change-feed
 *   entry that tells the agent's devices, the audit entry, and for an approval the member.
 *   A stale version answers 409 with the current copy.
 */

export type ReviewAction = Extract<Action, 'start_review' | 'approve' | 'reject' | 'return'>
export const REVIEW_ACTIONS = ['start_review', 'approve', 'reject', 'return'] as const satisfies readonly ReviewAction[]

async function loadVisible(db: Executor, actor: SessionActor, id: string): Promise<StoredApplication> {
  const stored = await findApplication(db, id)
  if (!stored || !isInScope(actor, stored.siteId))
    throw new ApiError(404, 'request.not_found')
  return stored
}

/** A record whose personal data was destroyed has nothing to show or decide: 410, not audited as a view. */
function refusePurged(stored: StoredApplication): void {
  if (stored.purgedAt)
    throw new ApiError(410, 'record.purged')
}

// ── The queue ───────────────────────────────────────────────────────────────────────────

export interface ReviewListQuery {
  status?: ApplicationStatus[] | undefined
  siteId?: string | undefined
  agentId?: string | undefined
  /** Dates (YYYY-MM-DD, China), both inclusive. */
  submittedFrom?: string | undefined
  submittedTo?: string | undefined
  overdue?: boolean | undefined
  hasDuplicates?: boolean | undefined
  incomplete?: boolean | undefined
  sort: ApplicationListOrder['sort']
  order: ApplicationListOrder['direction']
  page: number
  pageSize: number
}

export type ReviewListItem = ApplicationListRow & { overdue: boolean }

/** The repository filter for a queue query (the queue's, and the export's), in the actor's scope. */
export function reviewFilterOf(actor: SessionActor, query: Omit<ReviewListQuery, 'page' | 'pageSize' | 'sort' | 'order'>, today: string): ApplicationListFilter {
  const issues = query.submittedFrom && query.submittedTo ? checkDateRange(query.submittedFrom, query.submittedTo, { toPath: 'submittedTo' }) : []
  if (issues.length)
    throw new ApiError(400, 'request.invalid', { issues })
  return {
    scope: siteScopeOf(actor),
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.siteId !== undefined ? { siteId: query.siteId } : {}),
    ...(query.agentId !== undefined ? { agentId: query.agentId } : {}),
    ...(query.submittedFrom ? { submittedFrom: chinaDayStart(query.submittedFrom) } : {}),
    ...(query.submittedTo ? { submittedBefore: chinaDayStart(addDays(query.submittedTo, 1)) } : {}),
    ...(query.overdue !== undefined ? { overdue: { value: query.overdue, today } } : {}),
    ...(query.hasDuplicates !== undefined ? { hasDuplicates: query.hasDuplicates } : {}),
    ...(query.incomplete !== undefined ? { incomplete: query.incomplete } : {}),
  }
}

export async function listReviewQueue(deps: AppDeps, actor: SessionActor, query: ReviewListQuery): Promise<{ items: ReviewListItem[], total: number, page: number, pageSize: number }> {
  const today = todayInChina(deps.now())
  const { rows, total } = await listApplications(deps.db, reviewFilterOf(actor, query, today), { sort: query.sort, direction: query.order, offset: (query.page - 1) * query.pageSize, limit: query.pageSize })
  return {
    items: rows.map(row => ({
      ...row,
      displayName: maskDisplayName(row.applicantType, row.displayName),
      mobile: maskMobile(row.mobile),
      overdue: isOverdue(row, today),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

// ── One application in full ─────────────────────────────────────────────────────────────

/** What a reviewer sees of one application: the stored record opened, never its sealed data or hashes. */
export interface ReviewDetail extends Omit<StoredApplication, 'data' | 'displayName' | 'mobile' | 'idNumberHmac'>, ApplicationNames {
  overdue: boolean
  /** Whether `application` carries full values (true) or masked ones (false). */
  revealed: boolean
  /** The application: masked unless revealed (shared/privacy/application-masking.ts). */
  application: Application
  memberNo: string | null
  duplicateCandidates: DuplicateCandidateView[]
  /** What this actor may do now, from the shared status table. */
  availableActions: Action[]
  /** The latest return, once the agent has answered it: null while returned, or never returned. */
  answeredReturn: AnsweredReturn | null
}

/**
 * What the agent's resubmission did with the latest return: each item marked changed or not,
 * compared here on the real values of the version returned and the current one (so a fix in
 * a mobile's hidden digits counts), and only the marks leave the server.
 */
export interface AnsweredReturn {
  /** The version the return left, and when. */
  version: number
  at: string
  note: string | null
  items: AnsweredReturnItem[]
}

function blockingCount(candidates: readonly DuplicateCandidateRecord[]): number {
  return candidates.filter(c => c.resolution === null && BLOCKING_DUPLICATE_LEVELS.includes(c.level)).length
}

/**
 * One application for the desk. By default people's names, identity numbers, mobiles, e-mail
 * and street addresses are masked (`maskApplication`) and the view is audited as `application.view`; with `reveal` the
 * values are decrypted in full and the view is audited as `application.view_full`. Both
 * are written before anything is shown, so the log says who looked at what, and which
 * looks saw personal data in full.
 */
export async function reviewDetail(deps: AppDeps, actor: SessionActor, id: string, ip: string | null, reveal = false): Promise<ReviewDetail> {
  const now = deps.now()
  const at = now.toISOString()
  const { stored, memberNo, names, candidates, lastReturn } = await deps.db.transaction().execute(async (trx) => {
    const stored = await loadVisible(trx, actor, id)
    refusePurged(stored)
    const memberNo = await memberNumberOf(trx, stored.memberId)
    const names = await applicationNames(trx, stored)
    const candidates = await describeCandidates(trx, await listDuplicateCandidates(trx, id), todayInChina(now))
    const lastReturn = await answeredReturnOf(trx, stored)
    await appendAudit(trx, { actorId: actor.id, action: reveal ? 'application.view_full' : 'application.view', targetType: 'application', targetId: id, ip, detail: { receiptNo: stored.receiptNo, version: stored.version } }, at)
    return { stored, memberNo, names, candidates, lastReturn }
  })
  const facts = { ...stored, blockingDuplicateCandidates: blockingCount(candidates) }
  // purgedAt is always null here (a purged record is 410) and not part of the detail.
  const { data, displayName: _name, mobile: _mobile, idNumberHmac: _hmac, purgedAt: _purged, ...columns } = stored
  const application = openApplication(data, deps.cipher)
  const answeredReturn = lastReturn && {
    version: lastReturn.event.version,
    at: lastReturn.event.at,
    note: lastReturn.event.note,
    items: answeredReturnItems(lastReturn.event.items, openApplication(lastReturn.returnedData, deps.cipher), application),
  }
  return {
    ...columns,
    ...names,
    overdue: isOverdue(stored, todayInChina(now)),
    revealed: reveal,
    application: reveal ? application : maskApplication(application),
    memberNo,
    duplicateCandidates: candidates,
    availableActions: availableActions(actor, facts, 'server'),
    answeredReturn,
  }
}

/** The latest return and the data it returned, once a later version answers it. */
async function answeredReturnOf(trx: Executor, stored: StoredApplication): Promise<{ event: ReturnEventRecord, returnedData: string } | null> {
  if (stored.status === 'returned')
    return null
  const event = await findLastReturnEvent(trx, stored.id)
  const returned = event && event.version < stored.version ? await findApplicationVersion(trx, stored.id, event.version) : undefined
  return event && returned ? { event, returnedData: returned.data } : null
}

export async function reviewHistory(deps: AppDeps, actor: SessionActor, id: string): Promise<{ events: ApplicationEventRecord[], versions: ApplicationVersionRecord[] }> {
  await loadVisible(deps.db, actor, id)
  return { events: await listApplicationEvents(deps.db, id), versions: await listApplicationVersions(deps.db, id) }
}

/**
 * One stored version (what the agent sent, or the state a reviewer left), masked or
 * revealed and audited exactly as `reviewDetail`.
 */
export async function reviewVersion(deps: AppDeps, actor: SessionActor, id: string, version: number, ip: string | null, reveal = false): Promise<ApplicationVersionRecord & { applicationId: string, revealed: boolean, application: Application }> {
  const at = deps.now().toISOString()
  const found = await deps.db.transaction().execute(async (trx) => {
    const stored = await loadVisible(trx, actor, id)
    refusePurged(stored)
    const found = await findApplicationVersion(trx, id, version)
    if (!found)
      throw new ApiError(404, 'request.not_found')
    await appendAudit(trx, { actorId: actor.id, action: reveal ? 'application.view_full' : 'application.view', targetType: 'application', targetId: id, ip, detail: { receiptNo: stored.receiptNo, version } }, at)
    return found
  })
  const { data, ...record } = found
  const application = openApplication(data, deps.cipher)
  return { applicationId: id, ...record, revealed: reveal, application: reveal ? application : maskApplication(application) }
}

export interface VersionComparison {
  applicationId: string
  revealed: boolean
  from: ApplicationVersionRecord
  to: ApplicationVersionRecord
  changes: FieldChange[]
}

/**
 * What changed between two stored versions, compared here on the real values so that only
 * the changes leave the server, masked unless `reveal` — never two versions in full. One
 * look at both versions: one audit entry, as `reviewVersion` would write for each.
 */
export async function compareVersions(deps: AppDeps, actor: SessionActor, id: string, versions: { from: number, to: number }, ip: string | null, reveal = false): Promise<VersionComparison> {
  const at = deps.now().toISOString()
  const [before, after] = await deps.db.transaction().execute(async (trx) => {
    const stored = await loadVisible(trx, actor, id)
    refusePurged(stored)
    const before = await findApplicationVersion(trx, id, versions.from)
    const after = await findApplicationVersion(trx, id, versions.to)
    // The application is there (loadVisible): what is missing is the version asked for.
    if (!before || !after)
      throw new ApiError(400, 'version.unknown', { params: { version: before ? versions.to : versions.from } })
    await appendAudit(trx, { actorId: actor.id, action: reveal ? 'application.view_full' : 'application.view', targetType: 'application', targetId: id, ip, detail: { receiptNo: stored.receiptNo, compared: [versions.from, versions.to] } }, at)
    return [before, after] as const
  })
  const { data: beforeData, ...from } = before
  const { data: afterData, ...to } = after
  const [a, b] = [openApplication(beforeData, deps.cipher), openApplication(afterData, deps.cipher)]
  return { applicationId: id, revealed: reveal, from, to, changes: reveal ? versionChanges(a, b) : maskedVersionChanges(a, b) }
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────

export interface DecisionInput {
  reason?: RejectReason | undefined
  note?: string | undefined
  items?: ReturnItem[] | undefined
}

export interface DecisionResult {
  id: string
  receiptNo: string
  action: ReviewAction
  version: number
  status: ApplicationStatus
  memberId: string | null
  memberNo: string | null
}

/** How a refusal from the status table is answered: state 409, permission 403, guard 422. */
function refusalStatus(code: string): ContentfulStatusCode {
  if (code === 'status.action_not_allowed')
    return 409
  if (code === 'status.role_not_allowed' || code === 'status.not_owner' || code === 'status.site_not_assigned')
    return 403
  return 422
}

function cleanNote(note: string | undefined): string | null {
  const trimmed = note?.trim()
  return trimmed || null
}

/** The decision's own fields: each decision replaces the previous one's reason, note and items. */
function decisionFields(action: ReviewAction, input: DecisionInput): Partial<StoredApplication> {
  switch (action) {
    case 'start_review': return {}
    case 'approve': return { rejectReason: null, returnItems: null, decisionNote: cleanNote(input.note) }
    case 'reject': return { rejectReason: input.reason ?? null, returnItems: null, decisionNote: cleanNote(input.note) }
    case 'return': return { rejectReason: null, returnItems: input.items ?? null, decisionNote: cleanNote(input.note) }
  }
}

/**
 * The 409 of a decision on a stale version: the current copy, masked like the page the
 * decision came from (the desk reloads it to go on), so a stale or invented If-Match is no
 * way round 显示完整信息; audited as the masked view it is.
 */
async function conflictAnswer(deps: AppDeps, actor: SessionActor, id: string, ip: string | null): Promise<ApiError> {
  const at = deps.now().toISOString()
  const current = await deps.db.transaction().execute(async (trx): Promise<ServerCopy> => {
    const stored = await loadVisible(trx, actor, id)
    await appendAudit(trx, { actorId: actor.id, action: 'application.view', targetType: 'application', targetId: id, ip, detail: { receiptNo: stored.receiptNo, version: stored.version, cause: 'version_conflict' } }, at)
    const copy = await serverCopy(trx, deps, stored)
    return { ...copy, application: maskApplication(copy.application) }
  })
  return new ApiError(409, 'request.version_conflict', { extra: { current } })
}

/**
 * A decision inside the caller's transaction (which holds the feed lock), on `existing` as
 * loaded there: the status table's check, the new version, the member on approval, history,
 * feed and audit. Throws StaleVersion when a concurrent decision got there first.
 */
export async function applyDecision(trx: Executor, deps: AppDeps, actor: SessionActor, existing: StoredApplication, action: ReviewAction, input: DecisionInput, ip: string | null): Promise<DecisionResult> {
  const now = deps.now()
  const at = now.toISOString()
  const today = todayInChina(now)
  const id = existing.id
  const facts = {
    ...existing,
    blockingDuplicateCandidates: await countUnresolvedCandidates(trx, id, BLOCKING_DUPLICATE_LEVELS),
  }
  const actionInput: ActionInput = { ...(input.reason ? { reason: input.reason } : {}), ...(input.note ? { note: input.note } : {}), ...(input.items ? { items: input.items } : {}) }
  const check = checkTransition(actor, facts, action, actionInput)
  if (!check.ok)
    throw new ApiError(refusalStatus(check.failure.code), check.failure.code, check.failure.params ? { params: check.failure.params } : {})
  // The schema knows the form's fields; only the application knows which it has (a second
  // dependant, a payment): a return never asks the agent to fix a field it does not have.
  const unknown = action === 'return' && input.items ? itemNamingNoField(input.items, openApplication(existing.data, deps.cipher)) : -1
  if (unknown >= 0)
    throw new ApiError(400, 'request.invalid', { issues: [{ path: `items.${unknown}.ref`, code: 'return.unknown_field' }] })

  const next: StoredApplication = {
    ...existing,
    ...decisionFields(action, input),
    version: existing.version + 1,
    status: check.to,
    reviewerId: actor.id,
    updatedAt: at,
    memberId: action === 'approve' ? newMemberId() : existing.memberId,
  }
  // The row update comes first: it takes the row lock, so of two concurrent decisions
  // the second waits here and then finds the version moved on, before taking a number.
  if (!await updateApplication(trx, next, existing.version))
    throw new StaleVersion()
  const member = action === 'approve' ? await createMemberFromApplication(trx, next, next.memberId!, actor.id, at, today) : null
  // Candidates that named this application now name its member, or have nothing left to name.
  // An earlier open application it was raised against is paired with the member from its own side.
  if (member) {
    await repointCandidatesToMember(trx, id, member.id)
    await reconcileMemberCandidates(trx, deps, member, openApplication(next.data, deps.cipher), at)
  }
  else if (action === 'reject') {
    await closeCandidatesNaming(trx, { type: 'application', id }, at)
  }
  const memberNo = member?.memberNo ?? await memberNumberOf(trx, next.memberId)

  await insertApplicationEvent(trx, {
    applicationId: id,
    version: next.version,
    action,
    from: existing.status,
    to: next.status,
    actorId: actor.id,
    at,
    reason: next.rejectReason,
    note: next.decisionNote,
    items: action === 'return' ? next.returnItems : null,
  })
  await insertApplicationVersion(trx, { applicationId: id, version: next.version, status: next.status, data: next.data, mutationId: null, actorId: actor.id, deviceTime: null, serverTime: at, deviceSentAt: null })
  await appendFeed(trx, { kind: 'application', agentId: next.agentId, applicationId: next.id, payload: applicationChange(next, action, memberNo, at) }, at)
  await appendAudit(trx, {
    actorId: actor.id,
    action: `application.${action}`,
    targetType: 'application',
    targetId: id,
    ip,
    detail: {
      receiptNo: next.receiptNo,
      from: existing.status,
      to: next.status,
      version: next.version,
      ...(next.rejectReason && action === 'reject' ? { reason: next.rejectReason } : {}),
      ...(member ? { memberId: member.id, memberNo: member.memberNo } : {}),
    },
  }, at)
  return { id, receiptNo: next.receiptNo, action, version: next.version, status: next.status, memberId: next.memberId, memberNo }
}

/**
 * Runs `work` on the application at `expectedVersion`, in one transaction that first takes
 * the feed lock (as every writer that appends to the feed does: pushes and decisions then
 * never hold each other's application rows). A stale version, or a unique violation from a
 * concurrent decision that created the member first, is answered 409 with the current copy.
 */
export async function onCurrentVersion<T>(deps: AppDeps, actor: SessionActor, id: string, expectedVersion: number, ip: string | null, work: (trx: Executor, existing: StoredApplication) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockFeed(trx)
      const existing = await loadVisible(trx, actor, id)
      if (existing.version !== expectedVersion)
        throw new StaleVersion()
      return work(trx, existing)
    })
  }
  catch (error) {
    if (error instanceof StaleVersion || isUniqueViolation(error))
      throw await conflictAnswer(deps, actor, id, ip)
    throw error
  }
}

export async function decide(deps: AppDeps, actor: SessionActor, id: string, action: ReviewAction, expectedVersion: number, input: DecisionInput, ip: string | null): Promise<DecisionResult> {
  return onCurrentVersion(deps, actor, id, expectedVersion, ip, (trx, existing) => applyDecision(trx, deps, actor, existing, action, input, ip))
}
