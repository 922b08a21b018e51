/**
 * How full the device's storage is, as one pure rule (DESIGN.md §5: the app refuses to
 * start a new enrolment when storage is nearly full). Free space is the origin's quota
 * minus its usage as the browser reports them (`navigator.storage.estimate()`): that is
 * what IndexedDB may still write before a `QuotaExceededError`, whatever the disk says.
 *
 * Thresholds, in absolute bytes and as a share of the quota (either one trips the level):
 * an enrolment with its document photos, compressed on the device, takes a few MB, so
 * 50 MB free leaves room to finish the forms in progress but not to start more, and
 * 200 MB is a few days of work — time enough to get to a network and sync.
 */

export type StorageLevel = 'ok' | 'low' | 'critical'

/** What `navigator.storage.estimate()` answers (both figures may be missing). */
export interface StorageEstimateLike {
  usage?: number
  quota?: number
}

const MB = 1024 * 1024

export const STORAGE_THRESHOLDS = {
  criticalFreeBytes: 50 * MB,
  criticalUsageRatio: 0.95,
  lowFreeBytes: 200 * MB,
  lowUsageRatio: 0.85,
} as const

/** Bytes the origin may still write; null when the browser does not say. */
export function freeBytes(estimate: StorageEstimateLike): number | null {
  if (!estimate.quota || !Number.isFinite(estimate.quota))
    return null
  return Math.max(0, estimate.quota - (estimate.usage ?? 0))
}

/**
 * The level for an estimate. Without a quota the browser gives nothing to judge by, and
 * blocking the agent on a guess would be worse than not warning: 'ok'.
 */
export function storageLevel(estimate: StorageEstimateLike, thresholds: typeof STORAGE_THRESHOLDS = STORAGE_THRESHOLDS): StorageLevel {
  const free = freeBytes(estimate)
  if (free === null)
    return 'ok'
  const ratio = (estimate.usage ?? 0) / estimate.quota!
  if (free < thresholds.criticalFreeBytes || ratio > thresholds.criticalUsageRatio)
    return 'critical'
  if (free < thresholds.lowFreeBytes || ratio > thresholds.lowUsageRatio)
    return 'low'
  return 'ok'
}

/** A size for people: `850 KB`, `37.5 MB`, `12.3 GB`, `10 GB` (binary units, as file managers show them). */
export function formatBytes(bytes: number, locale = 'zh-CN'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit <= 1 || value >= 100 ? 0 : 1
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`
}
