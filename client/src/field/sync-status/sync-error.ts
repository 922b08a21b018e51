import type { Locale } from '#shared/i18n/locale'
import { isErrorCode } from '#shared/errors/error-codes'
import { formatMessage } from '#shared/errors/format-issue'

/**
 * The last sync error as the agent reads it. The engine stores a code of the shared catalogue
 * (the server's, or `sync.unreachable` when no answer came); a fault on the device, or a
 * message stored by an older build, is shown as it was stored.
 */
export function syncErrorText(error: string, locale: Locale): string {
  return isErrorCode(error) ? formatMessage(error, undefined, locale) : error
}
