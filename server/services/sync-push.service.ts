import type { Application } from '#shared/application/application.schema'
import type { ValidationIssue } from '#shared/errors/issue'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { ApplicationChange, Mutation, MutationResult, ServerCopy, SyncReceipt } from '#shared/sync/protocol'
import type { AppDeps, SessionActor } from '../context'
import type { StoredApplication } from '../repositories/applications.repository'
import type { StoredMutation } from '../repositories/mutations.repository'
import type { Executor } from '../repositories/types'
import { validateApplication } from '#shared/application/validate-application'
import { todayInChina } from '#shared/dates/calendar'
import { addWorkingDays } from '#shared/dates/working-days'
import { parseReceiptNumber } from '#shared/receipt/receipt-number'
import { agentReachIssue } from '#shared/status/agent-reach'
import { checkTransition } from '#shared/status/status-table'
import { isUniqueViolation } from '../db/errors'
import { findDuplicates, findDuplicatesOfNew, rescoreCandidatesNaming } from '../dedup/find-duplicates'
import { ApiError } from '../http/api-error'
import { insertAttachmentLinks, missingAttachmentHashes, replaceAttachmentLinks } from '../repositories/application-attachments.repository'
import { insertApplicationEvent, insertApplicationEvents, insertApplicationVersion, insertApplicationVersions } from '../repositories/application-history.repository'
import { existingApplicationIds, findApplication, insertApplication, insertApplications, memberNumberOf, takenReceiptNumbers, updateApplication } from '../repositories/applications.repository'
import { lockAttachmentHashes } from '../repositories/attachments.repository'
import { appendAudit } from '../repositories/audit.repository'
import { appendFeed, appendFeedEntries, lockFeed } from '../repositories/change-feed.repository'
import { findDevice } from '../repositories/devices.repository'
import { closeCandidatesNaming } from '../repositories/duplicate-candidates.repository'
import { findStoredMutation, findStoredMutations, insertMutation, insertMutations } from '../repositories/mutations.repository'
import { currentProgramme } from '../repositories/programme.repository'
import { openApplication, sealApplication } from './application-codec'

/**
 * Applies a pushed batch, one mutation at a time, each behind its own savepoint: a refused
 * or conflicting mutation never blocks the others. The server trusts nothing from the
 * device: every application is validated again under the settings in force, and must be
 * the agent's own, for one of the agent's sites, from the signed-in device, with a receipt
 * number that device issued.
 *
 * A mutation id seen before gets the stored answer again (idempotent retries). If two
 * servers apply the same mutation at once, the unique mutation id lets one win; the other
 * rolls back and answers what the winner stored.
 */

interface BatchContext {
  deps: AppDeps
  actor: SessionActor
  deviceCode: string
  settings: ProgrammeSettings
  now: string
  today: string
  /** Every application the batch brings in arrives today, under these settings: one deadline for all. */
  reviewDueAt: string
  /** The device's clock when it sent the batch, kept with each version it makes. */
  sentAt: string | null
  /** The client's address, for the audit log. */
  ip: string | null
}

class Refusal extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('refused')
  }
}

class Conflict extends Error {
  constructor(readonly server: StoredApplication) {
    super('conflict')
  }
}

function refuse(path: string, code: ValidationIssue['code'], params?: ValidationIssue['params']): never {
  throw new Refusal([params ? { path, code, params } : { path, code }])
}

export async function serverCopy(db: Executor, deps: AppDeps, stored: StoredApplication): Promise<ServerCopy> {
  return {
    applicationId: stored.id,
    version: stored.version,
    status: stored.status,
    application: openApplication(stored.data, deps.cipher),
    returnItems: stored.returnItems,
    decisionNote: stored.decisionNote,
    rejectReason: stored.rejectReason,
    memberNo: await memberNumberOf(db, stored.memberId),
  }
}

/** The change-feed entry that tells the agent's devices about a new state. */
export function applicationChange(stored: StoredApplication, action: string, memberNo: string | null, at: string): Omit<ApplicationChange, 'seq'> {
  return {
    kind: 'application',
    applicationId: stored.id,
    receiptNo: stored.receiptNo,
    version: stored.version,
    status: stored.status,
    action,
    returnItems: stored.returnItems,
    decisionNote: stored.decisionNote,
    rejectReason: stored.rejectReason,
    memberNo,
    at,
  }
}

function checkProvenance(ctx: BatchContext, mutation: Mutation, app: Application): void {
  if (app.id !== mutation.applicationId)
    refuse('id', 'field.invalid')
  const outOfReach = agentReachIssue(ctx.actor, app)
  if (outOfReach)
    throw new Refusal([outOfReach])
  // A first submission comes from the device that captured it, under a receipt number that
  // device issued. A resubmission may come from another of the agent's devices (the first
  // one replaced or wiped): it must keep the device and receipt number it was captured
  // with, which applyResubmit checks against the stored copy.
  if (mutation.kind !== 'submit')
    return
  if (app.deviceId !== ctx.actor.deviceId)
    refuse('deviceId', 'sync.device_mismatch')
  const receipt = parseReceiptNumber(app.receiptNo)
  if (receipt.ok && receipt.value.deviceCode !== ctx.deviceCode)
    refuse('receiptNo', 'receipt.device_mismatch')
}

function validated(ctx: BatchContext, mutation: Mutation & { application: Record<string, unknown> }): { app: Application, warnings: ValidationIssue[] } {
  const result = validateApplication(mutation.application, ctx.settings, { today: ctx.today })
  if (!result.ok)
    throw new Refusal(result.issues)
  checkProvenance(ctx, mutation, result.value)
  return { app: result.value, warnings: result.warnings }
}

function receiptFor(stored: StoredApplication, app: Application, missing: string[], now: string): SyncReceipt {
  return {
    applicationId: stored.id,
    version: stored.version,
    status: stored.status,
    attachments: app.attachments.map(a => a.sha256),
    missingAttachments: missing,
    serverTime: now,
  }
}

/** Everything that goes with a new state: version, event, attachment links, feed entry, and the answer kept for retries. */
async function record(trx: Executor, ctx: BatchContext, mutation: Mutation, stored: StoredApplication, change: { app: Application, missing: string[], action: string, from: string }): Promise<MutationResult> {
  await insertApplicationVersion(trx, {
    applicationId: stored.id,
    version: stored.version,
    status: stored.status,
    data: stored.data,
    mutationId: mutation.mutationId,
    actorId: ctx.actor.id,
    deviceTime: mutation.deviceTime,
    serverTime: ctx.now,
    deviceSentAt: ctx.sentAt,
  })
  await insertApplicationEvent(trx, { applicationId: stored.id, version: stored.version, action: change.action, from: change.from, to: stored.status, actorId: ctx.actor.id, at: ctx.now })
  await replaceAttachmentLinks(trx, stored.id, change.app.attachments, change.action === 'ingest')
  if (change.action === 'withdraw')
    await closeCandidatesNaming(trx, { type: 'application', id: stored.id }, ctx.now)
  else
    await findDuplicates(trx, ctx.deps, stored.id, change.app, ctx.settings.duplicateRules, ctx.now, { isNew: change.action === 'ingest' })
  if (change.action === 'resubmit')
    await rescoreCandidatesNaming(trx, ctx.deps, stored.id, change.app, ctx.settings.duplicateRules)
  await appendFeed(trx, { kind: 'application', agentId: stored.agentId, applicationId: stored.id, payload: applicationChange(stored, change.action, null, ctx.now) }, ctx.now)
  const result: MutationResult = { outcome: 'applied', mutationId: mutation.mutationId, receipt: receiptFor(stored, change.app, change.missing, ctx.now) }
  await insertMutation(trx, { mutationId: mutation.mutationId, kind: mutation.kind, baseVersion: mutation.baseVersion, applicationId: stored.id, staffId: ctx.actor.id, deviceId: ctx.actor.deviceId, result, at: ctx.now })
  return result
}

/** Whether this actor may bring the application in (state, role, scope), from the shared table. */
function ingestCheck(ctx: BatchContext, app: Application) {
  return checkTransition(ctx.actor, { status: 'queued', agentId: app.agentId, siteId: app.siteId, blockingDuplicateCandidates: 0, attachmentsComplete: true }, 'ingest')
}

/** The stored form of a first submission (no I/O). */
function newStoredApplication(ctx: BatchContext, app: Application, warnings: ValidationIssue[], missing: readonly string[]): StoredApplication {
  return {
    id: app.id,
    receiptNo: app.receiptNo,
    version: 1,
    status: 'submitted',
    applicantType: app.applicantType,
    category: app.category,
    siteId: app.siteId,
    agentId: app.agentId,
    deviceId: app.deviceId,
    formVersion: app.formVersion,
    ...sealApplication(app, ctx.deps.cipher),
    warnings,
    attachmentsComplete: missing.length === 0,
    capturedAt: app.capturedAt,
    submittedAt: ctx.now,
    updatedAt: ctx.now,
    reviewDueAt: ctx.reviewDueAt,
    reviewerId: null,
    rejectReason: null,
    decisionNote: null,
    returnItems: null,
    memberId: null,
  }
}

async function applySubmit(trx: Executor, ctx: BatchContext, mutation: Extract<Mutation, { kind: 'submit' }>, app: Application, warnings: ValidationIssue[]): Promise<MutationResult> {
  const existing = await findApplication(trx, mutation.applicationId)
  if (existing) {
    if (existing.agentId !== ctx.actor.id)
      refuse('agentId', 'status.not_owner')
    throw new Conflict(existing)
  }
  // A receipt number already taken is caught by its unique constraint (answerFailure).
  const ingest = ingestCheck(ctx, app)
  if (!ingest.ok)
    refuse('', ingest.failure.code, ingest.failure.params)
  const missing = await missingAttachmentHashes(trx, app.attachments.map(a => a.sha256))
  const stored = newStoredApplication(ctx, app, warnings, missing)
  await insertApplication(trx, stored)
  return record(trx, ctx, mutation, stored, { app, missing, action: 'ingest', from: 'queued' })
}

interface PreparedMutation {
  mutation: Mutation
  content: { app: Application, warnings: ValidationIssue[] } | null
  refusal: Refusal | null
}

/**
 * The common case — a batch of first submissions, none seen before, none clashing with the
 * server or with each other — written with one multi-row insert per table instead of a
 * dozen statements per application. Answers null when any mutation needs individual
 * handling (a retry, a conflict, a refusal, a clash); the caller then goes one by one.
 * Its reads are stable: every writer of applications holds the feed lock this batch holds.
 */
async function tryBulkSubmit(trx: Executor, ctx: BatchContext, prepared: readonly PreparedMutation[], applied: ReadonlyMap<string, StoredMutation>): Promise<MutationResult[] | null> {
  const submits: Array<{ mutation: Mutation, app: Application, warnings: ValidationIssue[] }> = []
  for (const { mutation, content, refusal } of prepared) {
    if (mutation.kind !== 'submit' || !content || refusal || applied.has(mutation.mutationId) || !ingestCheck(ctx, content.app).ok)
      return null
    submits.push({ mutation, ...content })
  }
  const distinct = (values: string[]) => new Set(values).size === values.length
  const ids = submits.map(s => s.app.id)
  const receipts = submits.map(s => s.app.receiptNo)
  if (!distinct(ids) || !distinct(receipts) || !distinct(submits.map(s => s.mutation.mutationId)))
    return null
  if ((await existingApplicationIds(trx, ids)).size > 0 || (await takenReceiptNumbers(trx, receipts)).size > 0)
    return null

  const missingAll = new Set(await missingAttachmentHashes(trx, submits.flatMap(s => s.app.attachments.map(a => a.sha256))))
  const rows = submits.map((s) => {
    const missing = [...new Set(s.app.attachments.map(a => a.sha256).filter(h => missingAll.has(h)))]
    return { ...s, missing, stored: newStoredApplication(ctx, s.app, s.warnings, missing) }
  })
  await insertApplications(trx, rows.map(r => r.stored))
  await insertApplicationVersions(trx, rows.map(r => ({ applicationId: r.stored.id, version: 1, status: r.stored.status, data: r.stored.data, mutationId: r.mutation.mutationId, actorId: ctx.actor.id, deviceTime: r.mutation.deviceTime, serverTime: ctx.now, deviceSentAt: ctx.sentAt })))
  await insertApplicationEvents(trx, rows.map(r => ({ applicationId: r.stored.id, version: 1, action: 'ingest', from: 'queued', to: r.stored.status, actorId: ctx.actor.id, at: ctx.now })))
  await insertAttachmentLinks(trx, rows.flatMap(r => r.app.attachments.map(a => ({ applicationId: r.stored.id, id: a.id, sha256: a.sha256, kind: a.kind }))))
  await appendFeedEntries(trx, rows.map(r => ({ kind: 'application', agentId: r.stored.agentId, applicationId: r.stored.id, payload: applicationChange(r.stored, 'ingest', null, ctx.now) })), ctx.now)
  const results: MutationResult[] = rows.map(r => ({ outcome: 'applied', mutationId: r.mutation.mutationId, receipt: receiptFor(r.stored, r.app, r.missing, ctx.now) }))
  await insertMutations(trx, results.map((result, k) => ({ mutationId: rows[k]!.mutation.mutationId, kind: rows[k]!.mutation.kind, baseVersion: rows[k]!.mutation.baseVersion, applicationId: rows[k]!.stored.id, staffId: ctx.actor.id, deviceId: ctx.actor.deviceId, result, at: ctx.now })))
  await findDuplicatesOfNew(trx, ctx.deps, rows.map(r => ({ id: r.stored.id, app: r.app })), ctx.settings.duplicateRules, ctx.now)
  return results
}

async function loadOwn(trx: Executor, ctx: BatchContext, mutation: Mutation): Promise<StoredApplication> {
  const existing = await findApplication(trx, mutation.applicationId)
  if (!existing)
    refuse('id', 'sync.unknown_application')
  const issue = agentReachIssue(ctx.actor, existing)
  if (issue)
    throw new Refusal([issue])
  if (existing.version !== mutation.baseVersion)
    throw new Conflict(existing)
  return existing
}

async function applyResubmit(trx: Executor, ctx: BatchContext, mutation: Extract<Mutation, { kind: 'resubmit' }>, app: Application, warnings: ValidationIssue[]): Promise<MutationResult> {
  const existing = await loadOwn(trx, ctx, mutation)
  const check = checkTransition(ctx.actor, { ...existing, blockingDuplicateCandidates: 0, attachmentsComplete: existing.attachmentsComplete }, 'resubmit')
  if (!check.ok)
    throw new Conflict(existing)
  // What the application is (and so how lists mask it, and the member it makes) stays as it
  // was submitted, like its receipt number and device: another kind of applicant is a new application.
  if (app.receiptNo !== existing.receiptNo)
    refuse('receiptNo', 'field.invalid')
  if (app.deviceId !== existing.deviceId)
    refuse('deviceId', 'field.invalid')
  if (app.applicantType !== existing.applicantType)
    refuse('applicantType', 'field.invalid')
  const missing = await missingAttachmentHashes(trx, app.attachments.map(a => a.sha256))
  const stored: StoredApplication = {
    ...existing,
    ...sealApplication(app, ctx.deps.cipher),
    version: existing.version + 1,
    status: check.to,
    category: app.category,
    siteId: app.siteId,
    formVersion: app.formVersion,
    warnings,
    attachmentsComplete: missing.length === 0,
    submittedAt: ctx.now,
    updatedAt: ctx.now,
    reviewDueAt: ctx.reviewDueAt,
  }
  if (!await updateApplication(trx, stored, existing.version))
    throw new Conflict((await findApplication(trx, existing.id))!)
  return record(trx, ctx, mutation, stored, { app, missing, action: 'resubmit', from: existing.status })
}

async function applyWithdraw(trx: Executor, ctx: BatchContext, mutation: Extract<Mutation, { kind: 'withdraw' }>): Promise<MutationResult> {
  const existing = await loadOwn(trx, ctx, mutation)
  const check = checkTransition(ctx.actor, { ...existing, blockingDuplicateCandidates: 0, attachmentsComplete: existing.attachmentsComplete }, 'withdraw')
  if (!check.ok)
    throw new Conflict(existing)
  const stored: StoredApplication = { ...existing, version: existing.version + 1, status: check.to, updatedAt: ctx.now }
  if (!await updateApplication(trx, stored, existing.version))
    throw new Conflict((await findApplication(trx, existing.id))!)
  const app = openApplication(existing.data, ctx.deps.cipher)
  const missing = await missingAttachmentHashes(trx, app.attachments.map(a => a.sha256))
  return record(trx, ctx, mutation, stored, { app, missing, action: 'withdraw', from: existing.status })
}

/** The answer when a mutation met a state it could not apply: maybe its own, applied by a racing process. */
async function answerFailure(db: Executor, ctx: BatchContext, mutation: Mutation, error: unknown): Promise<MutationResult> {
  if (error instanceof Refusal)
    return { outcome: 'rejected', mutationId: mutation.mutationId, applicationId: mutation.applicationId, issues: error.issues }
  if (error instanceof Conflict || isUniqueViolation(error)) {
    // The state we met may be this very mutation, applied by another process after our
    // first look (or racing us to the same row): then the answer is the one it stored.
    const winner = await findStoredMutation(db, mutation.mutationId)
    if (winner && !isSameMutation(winner, ctx, mutation))
      return reusedId(mutation)
    if (winner?.result.outcome === 'applied')
      return { ...winner.result, outcome: 'already_applied' }
    const existing = error instanceof Conflict ? error.server : await findApplication(db, mutation.applicationId)
    // Met by a race on the id (another agent's submission under it landing first), or an
    // application at a site no longer the agent's: the same answer as loadOwn's, never the
    // applicant in full.
    const issue = existing && agentReachIssue(ctx.actor, existing)
    if (issue)
      return { outcome: 'rejected', mutationId: mutation.mutationId, applicationId: mutation.applicationId, issues: [issue] }
    if (existing) {
      // The server's copy goes to the device in full, as a fetch's does (sync-fetch.service.ts),
      // and is audited as one: a mutation naming any of the agent's applications with a stale
      // version would otherwise take its applicant's data away unrecorded.
      await appendAudit(db, { actorId: ctx.actor.id, action: 'application.fetch', targetType: 'application', targetId: existing.id, ip: ctx.ip, detail: { receiptNo: existing.receiptNo, deviceId: ctx.actor.deviceId, version: existing.version, cause: 'conflict' } }, ctx.now)
      return { outcome: 'conflict', mutationId: mutation.mutationId, server: await serverCopy(db, ctx.deps, existing) }
    }
    return { outcome: 'rejected', mutationId: mutation.mutationId, applicationId: mutation.applicationId, issues: [{ path: 'receiptNo', code: 'receipt.duplicate' }] }
  }
  throw error
}

/**
 * Whether a stored mutation is this one sent again: the same agent, on the same application,
 * the same kind on the same base version. A mutation id is the device's idempotency key;
 * another application, agent or change under it is not a retry, and answering it with the
 * stored receipt would tell a device that something the server never did was done (an
 * application never stored synced, a withdrawal never made applied) and let it clear it.
 * Mutations stored before kinds were kept are compared by application and agent alone.
 */
function isSameMutation(stored: StoredMutation, ctx: BatchContext, mutation: Mutation): boolean {
  return stored.applicationId === mutation.applicationId && stored.staffId === ctx.actor.id
    && (stored.kind === null || (stored.kind === mutation.kind && stored.baseVersion === mutation.baseVersion))
}

function reusedId(mutation: Mutation): MutationResult {
  return { outcome: 'rejected', mutationId: mutation.mutationId, applicationId: mutation.applicationId, issues: [{ path: 'mutationId', code: 'sync.mutation_id_reused' }] }
}

async function applyMutation(trx: Executor, ctx: BatchContext, mutation: Mutation, content: { app: Application, warnings: ValidationIssue[] } | null): Promise<MutationResult> {
  switch (mutation.kind) {
    case 'submit': return applySubmit(trx, ctx, mutation, content!.app, content!.warnings)
    case 'resubmit': return applyResubmit(trx, ctx, mutation, content!.app, content!.warnings)
    case 'withdraw': return applyWithdraw(trx, ctx, mutation)
  }
}

/**
 * One transaction for the whole batch, one savepoint per mutation: a mutation that fails
 * rolls back to its savepoint and the others go on, while the batch costs one durable
 * commit (synchronous=FULL makes each commit an fsync) instead of one per mutation.
 * Nothing is answered as applied before that commit has succeeded.
 */
export async function pushMutations(deps: AppDeps, actor: SessionActor, mutations: readonly Mutation[], sentAt: string | null = null, ip: string | null = null): Promise<MutationResult[]> {
  const [programme, device] = await Promise.all([currentProgramme(deps.db), findDevice(deps.db, actor.deviceId)])
  if (!programme || !device)
    throw new ApiError(500, 'server.internal')
  const now = deps.now()
  const today = todayInChina(now)
  const settings = programme.settings
  const reviewDueAt = addWorkingDays(today, settings.reviewDeadlineWorkingDays, settings.workingCalendar)
  const ctx: BatchContext = { deps, actor, deviceCode: device.code, settings, now: now.toISOString(), today, reviewDueAt, sentAt, ip }

  // Validation is pure CPU work: done before the transaction, so it holds no lock.
  const prepared: PreparedMutation[] = mutations.map((mutation) => {
    try {
      return { mutation, content: mutation.kind === 'withdraw' ? null : validated(ctx, mutation), refusal: null }
    }
    catch (error) {
      if (error instanceof Refusal)
        return { mutation, content: null, refusal: error }
      throw error
    }
  })

  const trx = await deps.db.startTransaction().execute()
  try {
    await lockFeed(trx)
    // Uploads of these files decide completeness too: lock their hashes now, before any
    // application row, so an upload and this batch cannot each miss the other's row.
    await lockAttachmentHashes(trx, prepared.flatMap(p => p.content?.app.attachments.map(a => a.sha256) ?? []))
    // Read after the feed lock, so no other writer can apply one of these meanwhile.
    const applied = await findStoredMutations(trx, prepared.map(p => p.mutation.mutationId))
    const bulkPoint = await trx.savepoint('bulk').execute()
    try {
      const bulk = await tryBulkSubmit(bulkPoint, ctx, prepared, applied)
      await bulkPoint.releaseSavepoint('bulk').execute()
      if (bulk) {
        await trx.commit().execute()
        return bulk
      }
    }
    catch (error) {
      // Anything unexpected in the fast path: undo it and take the careful one.
      await bulkPoint.rollbackToSavepoint('bulk').execute()
      if (!isUniqueViolation(error))
        throw error
    }
    const results: MutationResult[] = []
    for (const [i, { mutation, content, refusal }] of prepared.entries()) {
      // A retry of a mutation already applied gets its first answer before any check: the
      // rules may have changed since (a new notice version), but the server holds it as it was.
      // The id under another application or agent is no retry, and gets no one else's receipt.
      const previous = applied.get(mutation.mutationId)
      if (previous && !isSameMutation(previous, ctx, mutation)) {
        results.push(reusedId(mutation))
        continue
      }
      if (previous?.result.outcome === 'applied') {
        results.push({ ...previous.result, outcome: 'already_applied' })
        continue
      }
      if (refusal) {
        results.push(await answerFailure(trx, ctx, mutation, refusal))
        continue
      }
      const name = `m${i}`
      const savepoint = await trx.savepoint(name).execute()
      try {
        results.push(await applyMutation(savepoint, ctx, mutation, content))
        await savepoint.releaseSavepoint(name).execute()
      }
      catch (error) {
        await savepoint.rollbackToSavepoint(name).execute()
        results.push(await answerFailure(trx, ctx, mutation, error))
      }
    }
    await trx.commit().execute()
    return results
  }
  catch (error) {
    await trx.rollback().execute()
    throw error
  }
}
