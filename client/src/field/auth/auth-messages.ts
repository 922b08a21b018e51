import type { Locale } from '#shared/i18n/locale'
import { isErrorCode } from '#shared/errors/error-codes'
import { formatMessage } from '#shared/errors/format-issue'
import { useI18n } from 'vue-i18n'
import { waitDuration } from '../../i18n/offset-duration'

/** A refusal as SignInResult carries it (session.store.ts), typed here so this module stands alone. */
interface Failure { code: string, params?: Record<string, string | number> }

export interface AuthTranslator {
  t: (key: string, params: Record<string, unknown>) => string
  te: (key: string) => boolean
  locale: Locale
}

/**
 * The words for a failed sign-in, unlock or password change, in `locale`: a server code through
 * the shared catalogue (the same words the server sends), a code only the device produces
 * (`auth.first_sign_in_needs_network`, …) through `auth.errors` in i18n/messages/auth.ts. An
 * offline lock's wait (in seconds, up to an hour) is said as a duration: `32 分钟`, `30 s`.
 */
export function authMessage({ code, params }: Failure, { t, te, locale }: AuthTranslator): string {
  if (isErrorCode(code))
    return formatMessage(code, params, locale)
  const key = `auth.errors.${code.replace(/^auth\./, '')}`
  if (!te(key))
    return t('auth.errors.unknown', {})
  const named: Record<string, unknown> = { ...params }
  if (typeof params?.seconds === 'number')
    named.wait = waitDuration(params.seconds, t)
  return t(key, named)
}

export function useAuthMessages() {
  const { t, te, locale } = useI18n()

  function messageFor(failure: Failure): string {
    return authMessage(failure, { t: (key, params) => t(key, params as Record<string, string>), te: key => te(key), locale: locale.value as Locale })
  }

  return { messageFor }
}
