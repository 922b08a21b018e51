import { errorText } from '../../app/errors/unexpected-errors'
import { i18n } from '../../i18n/i18n'

/**
 * What to tell an agent when the tablet's own storage refused a write. A full disk is the
 * common case in the field and has a remedy (sync, then free space); anything else is named
 * with the browser's own words, which may be English, after ours.
 */

export function isStorageFull(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name
  // Dexie wraps the browser's error in its own and keeps the original as `inner`.
  const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError'
}

export function describeStorageFailure(error: unknown): string {
  return isStorageFull(error) ? i18n.global.t('field.writeFailed.full') : i18n.global.t('field.writeFailed.other', { error: errorText(error) })
}
