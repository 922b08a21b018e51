import type { Locale } from '#shared/i18n/locale'
import type { SignInResult } from './session.store'
import { isErrorCode } from '#shared/errors/error-codes'
import { formatMessage } from '#shared/errors/format-issue'
import { useI18n } from 'vue-i18n'

/**
 * The words for a failed sign-in, unlock or password change, in the current language: a server code through
 * the shared catalogue (the same words the server sends), a code only the device produces
 * (`auth.first_sign_in_needs_network`, …) through `auth.errors` in i18n/messages/auth.ts.
 */
export function useAuthMessages() {
  const { t, te, locale } = useI18n()

  function messageFor(failure: Pick<Extract<SignInResult, { ok: false }>, 'code' | 'params'>): string {
    const { code, params } = failure
    if (isErrorCode(code))
      return formatMessage(code, params, locale.value as Locale)
    const key = `auth.errors.${code.replace(/^auth\./, '')}`
    return te(key) ? t(key, params ?? {}) : t('auth.errors.unknown')
  }

  return { messageFor }
}
