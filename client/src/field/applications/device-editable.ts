import type { LocalApplication } from '../storage/field-db'
import { DEVICE_EDITABLE_STATUSES } from '#shared/status/status-table'

/**
 * Whether the wizard opens a record for editing: a status the device may change (draft,
 * queued, returned) and not in the middle of a push. A returned application whose earlier
 * receipt still lists files the server never got is editable too: those files were refused
 * or are not on this tablet, so retaking them in the fix is the only way they arrive.
 * Not while a withdrawal of it waits to leave (`withdrawalWaiting`): the agent gave it up.
 * saveDraft checks the rest (a mutation sent and not yet answered) when the edit is stored.
 */
export function wizardMayEdit(app: Pick<LocalApplication, 'status' | 'syncState'>, withdrawalWaiting: boolean): boolean {
  return DEVICE_EDITABLE_STATUSES.includes(app.status) && app.syncState !== 'syncing' && !withdrawalWaiting
}
