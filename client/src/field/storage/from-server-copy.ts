import type { ServerCopy } from '#shared/sync/protocol'
import type { LocalApplication } from './field-db'
import { deviceDuplicateKeys } from '#shared/dedup/device-keys'

/**
 * The device's record of an application exactly as the server holds it: synced, at the
 * server's version, with its decision. Its photos stay on the server (they were uploaded
 * from wherever they were taken), so the record names them without holding them.
 */
export function recordFromServerCopy(copy: ServerCopy, at: string): LocalApplication {
  const data = copy.application as LocalApplication['data']
  return {
    id: copy.applicationId,
    data,
    receiptNo: data.receiptNo,
    status: copy.status,
    syncState: 'synced',
    serverVersion: copy.version,
    receipt: null,
    issues: null,
    serverCopy: null,
    returnItems: copy.returnItems,
    decisionNote: copy.decisionNote,
    rejectReason: copy.rejectReason,
    memberNo: copy.memberNo,
    dupKeys: deviceDuplicateKeys(data),
    ...(copy.status === 'returned' ? { returnedData: data } : {}),
    updatedAt: at,
  }
}
