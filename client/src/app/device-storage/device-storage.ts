import type { PersistAnswer } from './persistent-storage'
import type { StorageLevel } from './storage-level'
import { currentLocale, i18n } from '../../i18n/i18n'
import { createPersistenceRequester } from './persistent-storage'
import { formatBytes, freeBytes, storageLevel } from './storage-level'

/**
 * The device's storage as the browser reports it: how much this origin uses, may still
 * write, and whether its data is persistent (kept when the disk runs short). Everything
 * the app keeps — each user's Dexie database with applications, photos and outbox — counts
 * against this one quota. The field's "new application" button calls `canStartEnrolment()`;
 * DeviceStorageCard shows the figures.
 */

export interface StorageStatus {
  /** False when the browser has no StorageManager estimate (figures are then null). */
  supported: boolean
  usage: number | null
  quota: number | null
  free: number | null
  level: StorageLevel
  /** Whether the browser has made this origin's storage persistent (null: cannot tell). */
  persisted: boolean | null
}

const persistence = createPersistenceRequester(
  typeof navigator === 'undefined' ? undefined : navigator.storage,
  window.localStorage,
)

/** Asks for persistent storage once on this device (again only with `force`); see persistent-storage.ts. */
export function requestPersistentStorage(options?: { force?: boolean }): Promise<PersistAnswer> {
  return persistence.request(options)
}

/** The last answer to the persistence request on this device, without asking. */
export function rememberedPersistAnswer(): PersistAnswer | null {
  return persistence.remembered()
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const manager = navigator.storage as StorageManager | undefined
  const [estimate, persisted] = await Promise.all([
    manager?.estimate ? manager.estimate().catch(() => null) : Promise.resolve(null),
    manager?.persisted ? manager.persisted().catch(() => null) : Promise.resolve(null),
  ])
  if (!estimate)
    return { supported: false, usage: null, quota: null, free: null, level: 'ok', persisted }
  return {
    supported: true,
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null,
    free: freeBytes(estimate),
    level: storageLevel(estimate),
    persisted,
  }
}

export interface EnrolmentAllowance {
  ok: boolean
  /** Why not (localised), when `ok` is false. */
  reason?: string
  /** A warning to show while allowing it (localised): storage is getting low. */
  warning?: string
  level: StorageLevel
}

/**
 * Whether a new enrolment may start: refused when storage is critical, so an agent never
 * begins photographing documents that the device cannot keep. Also asks for persistent
 * storage (once) — the moment the device starts holding applicants' data is when it matters,
 * and where Firefox's question makes sense to the agent. Not knowing (no estimate) allows it.
 */
export async function canStartEnrolment(): Promise<EnrolmentAllowance> {
  void requestPersistentStorage()
  const status = await readStorageStatus()
  const free = formatBytes(status.free ?? 0, currentLocale())
  if (status.level === 'critical')
    return { ok: false, reason: i18n.global.t('deviceStorage.critical', { free }), level: status.level }
  if (status.level === 'low')
    return { ok: true, warning: i18n.global.t('deviceStorage.low', { free }), level: status.level }
  return { ok: true, level: status.level }
}
