import type { Locale } from '#shared/i18n/locale'
import { isErrorCode } from '#shared/errors/error-codes'
import { formatIssue, formatMessage } from '#shared/errors/format-issue'
import { DeskApiError } from '../api/desk-http'

/**
 * The words for a failure, in the current language: a code from the shared catalogue
 * through `formatMessage` (the same words the server and the device use), with the
 * answer's field issues after it; a code only the desk produces (`network`, …) through
 * `desk.errors` in i18n/messages/desk.ts.
 */
export function deskErrorMessage(error: unknown, locale: Locale, t: (key: string) => string): string {
  if (!(error instanceof DeskApiError))
    return t('desk.errors.unknown')
  if (error.code === 'network')
    return t('desk.errors.network')
  if (!isErrorCode(error.code))
    return error.body?.error?.message ?? t('desk.errors.unknown')
  const main = formatMessage(error.code, error.params, locale)
  const issues = error.issues.map(issue => isErrorCode(issue.code)
    ? formatIssue({ path: issue.path, code: issue.code, ...(issue.params ? { params: issue.params } : {}) }, locale)
    : issue.message ?? issue.code)
  return [main, ...issues].join(locale === 'zh-CN' ? '；' : '; ')
}
