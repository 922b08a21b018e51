import type { AppDeps, SessionActor } from '../context'
import type { DeviceListItem } from '../repositories/devices.repository'
import { ApiError } from '../http/api-error'
import { appendAudit } from '../repositories/audit.repository'
import { findDevice, listDevices, revokeDevice } from '../repositories/devices.repository'
import { revokeSessionsOfDevice } from '../repositories/sessions.repository'

/**
 * Devices, for administrators: the list shows each device's last contact and the records
 * it still held unsynced then, so a lost tablet's unsent work is known. Revoking is remote
 * wipe: the device's sessions end, its next request is answered 403 `auth.device_revoked`
 * with `wipe: true` (see authenticate), and it can never sign in again. Revoking twice
 * changes nothing and records nothing the second time.
 */

export function listDeviceItems(deps: AppDeps, filter: { staffId?: string | undefined, revoked?: boolean | undefined }): Promise<DeviceListItem[]> {
  return listDevices(deps.db, filter)
}

export async function revokeDeviceById(deps: AppDeps, actor: SessionActor, id: string, ip: string | null): Promise<{ revokedAt: string, alreadyRevoked: boolean }> {
  const at = deps.now().toISOString()
  return deps.db.transaction().execute(async (trx) => {
    const device = await findDevice(trx, id)
    if (!device)
      throw new ApiError(404, 'request.not_found')
    if (!await revokeDevice(trx, id, at))
      return { revokedAt: (await findDevice(trx, id))?.revokedAt ?? at, alreadyRevoked: true }
    const sessionsRevoked = await revokeSessionsOfDevice(trx, id, at)
    await appendAudit(trx, { actorId: actor.id, action: 'device.revoke', targetType: 'device', targetId: id, ip, detail: { code: device.code, staffId: device.staffId, unsyncedCount: device.unsyncedCount, sessionsRevoked } }, at)
    return { revokedAt: at, alreadyRevoked: false }
  })
}
