import type { LocalisedText } from '#shared/i18n/locale'
import type { AppDeps } from '../context'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { operatorText } from '../operator-messages/operator-text'
import { appendAudit } from '../repositories/audit.repository'
import { currentProgramme, insertProgrammeVersion } from '../repositories/programme.repository'
import { countAdmins, insertStaff } from '../repositories/staff.repository'
import { generatePassword, hashPassword } from '../security/passwords'
import { newStaffId } from './auth.service'

export interface BootstrapReport {
  /** Set when this start created the first administrator with a generated password. */
  generatedAdminPassword?: string
  createdAdmin: boolean
}

/**
 * First start: the default programme settings and a first administrator (`admin`), with
 * ADMIN_PASSWORD or a generated password that main.ts prints once. Later starts change
 * nothing. Safe when two processes start together: the unique user name decides.
 */
export async function bootstrap(deps: AppDeps): Promise<BootstrapReport> {
  const at = deps.now().toISOString()
  if (!await currentProgramme(deps.db)) {
    try {
      await insertProgrammeVersion(deps.db, 1, DEFAULT_PROGRAMME, at, null)
    }
    catch (error) {
      if (!await currentProgramme(deps.db))
        throw error
    }
  }
  if (await countAdmins(deps.db) > 0)
    return { createdAdmin: false }

  const password = deps.env.ADMIN_PASSWORD ?? generatePassword()
  const id = newStaffId()
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertStaff(trx, { id, username: 'admin', displayName: '系统管理员', role: 'admin', passwordHash: await hashPassword(password), siteIds: [] }, at)
      await appendAudit(trx, { actorId: null, action: 'staff.create', targetType: 'staff', targetId: id, detail: { username: 'admin', role: 'admin', reason: 'first start' } }, at)
    })
  }
  catch (error) {
    if (await countAdmins(deps.db) > 0)
      return { createdAdmin: false }
    throw error
  }
  return deps.env.ADMIN_PASSWORD ? { createdAdmin: true } : { createdAdmin: true, generatedAdminPassword: password }
}

/**
 * What the operator must see once when this start created the administrator with a
 * generated password — the server's first start, or `seed:demo` run before it.
 */
export function firstAdminNotice(report: BootstrapReport): LocalisedText | null {
  if (!report.generatedAdminPassword)
    return null
  return operatorText('server.first_admin', { password: report.generatedAdminPassword })
}
