import type { AppDeps, SessionActor } from '../context'
import type { ExportFile, ExportFormat } from '../export/export-response'
import type { Column } from '../export/table'
import { todayInChina } from '#shared/dates/calendar'
import { memberStatusOn } from '#shared/members/member-status'
import { personalCopyRows } from '#shared/privacy/personal-copy'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { findMember, listMemberChanges } from '../repositories/members.repository'
import { categoryNamesEver } from '../repositories/programme.repository'
import { findSite } from '../repositories/sites.repository'
import { openApplication } from './application-codec'
import { isInScope } from './site-scope'

/**
 * 个人信息副本 (PIPL art. 45): a member's personal information, unmasked, as a file the desk
 * hands to the member who asked for it — what the copy holds is shared/privacy/personal-copy.ts.
 * Reviewers for their sites' members, supervisors for all; a purged member has nothing left
 * to copy (410). Written to the audit log before the file is made, as an export of one
 * member's full data (`export.member_copy`).
 */

const COLUMNS: readonly Column[] = [
  { header: '分类', kind: 'text', width: 12 },
  { header: '项目', kind: 'text', width: 30 },
  // `code`: ID and mobile numbers stay text in a spreadsheet, never numbers.
  { header: '内容', kind: 'code', width: 50 },
]

export async function memberPersonalCopy(deps: AppDeps, actor: SessionActor, id: string, format: ExportFormat, ip: string | null): Promise<ExportFile> {
  const now = deps.now()
  const today = todayInChina(now)
  const rows = await deps.db.transaction().execute(async (trx) => {
    const member = await findMember(trx, id)
    if (!member || !isInScope(actor, member.siteId))
      throw new ApiError(404, 'request.not_found')
    if (member.purgedAt)
      throw new ApiError(410, 'record.purged')
    const site = await findSite(trx, member.siteId)
    const categories = await categoryNamesEver(trx)
    const changes = await listMemberChanges(trx, id)
    const copy = personalCopyRows({
      member: { ...member, status: memberStatusOn(member, today), siteLabel: site ? `${site.name}（${site.code}）` : member.siteId },
      application: openApplication(member.data, deps.cipher) as unknown as Record<string, unknown>,
      changes,
      categories,
    }, 'zh-CN')
    await appendAudit(trx, { actorId: actor.id, action: 'export.member_copy', targetType: 'member', targetId: id, ip, detail: { memberNo: member.memberNo, format, rowCount: copy.length } }, now.toISOString())
    return { copy, memberNo: member.memberNo }
  })
  return {
    table: {
      title: '个人信息副本',
      // For the member, not for the desk: in Chinese, the language the application was taken in.
      locale: 'zh-CN',
      columns: COLUMNS,
      rows: (async function* () {
        yield* rows.copy
      })(),
    },
    format,
    fileName: `个人信息副本_${rows.memberNo}_${today}`,
    asciiFileName: `personal-copy_${rows.memberNo}_${today}`,
    totalRows: rows.copy.length,
  }
}
