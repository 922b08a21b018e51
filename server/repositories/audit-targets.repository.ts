import type { Executor } from './types'

/**
 * The audit log names its targets by id (a UUID, a SHA-256); the people who read it know
 * them by receipt number, member number, user name or site and device code. This module
 * translates both ways: a label for each target of a page, and the ids a reference the
 * administrator typed stands for. Admins never see applicants' data, so a label is a
 * reference, never a name or a number about a person.
 */

export interface AuditTargetRef {
  targetType: string | null
  targetId: string | null
  detail: Record<string, unknown>
}

const key = (type: string, id: string) => `${type}:${id}`

/** The application a document view was for (recorded in its detail), when there is one. */
function attachmentApplication(ref: AuditTargetRef): string | null {
  return typeof ref.detail.applicationId === 'string' ? ref.detail.applicationId : null
}

function idsOf(refs: readonly AuditTargetRef[], type: string): string[] {
  return [...new Set(refs.filter(r => r.targetType === type && r.targetId).map(r => r.targetId!))]
}

/**
 * A label for each target of `refs`, keyed `type:id`: an application's receipt number, a
 * member's number, a staff member's user name, a site's code and name, a device's code, a
 * document by the receipt number of the application it was viewed for, a programme by its
 * version. Targets that no longer resolve get none.
 */
export async function labelAuditTargets(db: Executor, refs: readonly AuditTargetRef[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>()
  const documentApplications = refs.filter(r => r.targetType === 'attachment').map(attachmentApplication).filter(id => id !== null)
  const applicationIds = [...new Set([...idsOf(refs, 'application'), ...documentApplications])]
  const receipts = new Map<string, string>()
  if (applicationIds.length) {
    for (const row of await db.selectFrom('applications').select(['id', 'receipt_no']).where('id', 'in', applicationIds).execute())
      receipts.set(row.id, row.receipt_no)
  }
  for (const [id, receipt] of receipts)
    labels.set(key('application', id), receipt)
  for (const ref of refs) {
    const applicationId = ref.targetType === 'attachment' ? attachmentApplication(ref) : null
    const receipt = applicationId && receipts.get(applicationId)
    if (receipt && ref.targetId)
      labels.set(key('attachment', ref.targetId), receipt)
  }
  const memberIds = idsOf(refs, 'member')
  if (memberIds.length) {
    for (const row of await db.selectFrom('members').select(['id', 'member_no']).where('id', 'in', memberIds).execute())
      labels.set(key('member', row.id), row.member_no)
  }
  const staffIds = idsOf(refs, 'staff')
  if (staffIds.length) {
    for (const row of await db.selectFrom('staff').select(['id', 'username']).where('id', 'in', staffIds).execute())
      labels.set(key('staff', row.id), row.username)
  }
  const siteIds = idsOf(refs, 'site')
  if (siteIds.length) {
    for (const row of await db.selectFrom('sites').select(['id', 'code', 'name']).where('id', 'in', siteIds).execute())
      labels.set(key('site', row.id), `${row.code} ${row.name}`)
  }
  const deviceIds = idsOf(refs, 'device')
  if (deviceIds.length) {
    for (const row of await db.selectFrom('devices').select(['id', 'code']).where('id', 'in', deviceIds).execute())
      labels.set(key('device', row.id), row.code)
  }
  for (const id of idsOf(refs, 'programme'))
    labels.set(key('programme', id), `v${id}`)
  return labels
}

export function auditTargetLabel(labels: ReadonlyMap<string, string>, ref: AuditTargetRef): string | null {
  return ref.targetType && ref.targetId ? labels.get(key(ref.targetType, ref.targetId)) ?? null : null
}

/**
 * The target ids a typed reference stands for: the text itself (an id), and whatever has it
 * as its receipt number, member number, user name, or site or device code. A receipt or
 * member number stands for the whole record — the application, the member it became and the
 * documents it names — so "who has seen this applicant's data" is one search.
 */
export async function resolveAuditTarget(db: Executor, reference: string): Promise<string[]> {
  const text = reference.trim()
  // Receipt numbers, member numbers and codes are upper case, user names lower case; accept either.
  const spellings = [...new Set([text, text.toUpperCase()])]
  const ids = new Set<string>([text])
  const applications = await db.selectFrom('applications').select('id').where('receipt_no', 'in', spellings).execute()
  const members = await db.selectFrom('members').select(['id', 'application_id']).where(eb => eb.or([
    eb('member_no', 'in', spellings),
    ...(applications.length ? [eb('application_id', 'in', applications.map(a => a.id))] : []),
  ])).execute()
  const applicationIds = [...new Set([...applications.map(a => a.id), ...members.map(m => m.application_id)])]
  for (const id of applicationIds)
    ids.add(id)
  for (const m of members)
    ids.add(m.id)
  if (applicationIds.length) {
    for (const row of await db.selectFrom('application_attachments').select('sha256').where('application_id', 'in', applicationIds).execute())
      ids.add(row.sha256)
  }
  for (const row of await db.selectFrom('staff').select('id').where('username', '=', text.toLowerCase()).execute())
    ids.add(row.id)
  for (const row of await db.selectFrom('sites').select('id').where('code', 'in', spellings).execute())
    ids.add(row.id)
  for (const row of await db.selectFrom('devices').select('id').where('code', 'in', spellings).execute())
    ids.add(row.id)
  return [...ids]
}
