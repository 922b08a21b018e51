import type { Locale } from '#shared/i18n/locale'
import { LOCALES, pickLocale } from '#shared/i18n/locale'

/**
 * The language the operator commands and the server's own output speak. FIELD_ENROL_LANG
 * (`zh-CN` | `en`) when set; otherwise the POSIX locale, looked up as gettext does (LC_ALL,
 * then LC_MESSAGES, then LANG: the first one set wins): `zh…` is Chinese, `en…` English.
 * Anything else — unset, `C`, `POSIX`, `C.UTF-8` (what a container or a systemd unit has
 * by default), another language — is zh-CN, the product's default: the users are Chinese,
 * and a bare server has no locale that says otherwise.
 */

export const LANGUAGE_SETTING = 'FIELD_ENROL_LANG'
export function isLanguageValue(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value)
}

/**
 * The locale the POSIX variables name, or the default: told apart by its language as a
 * request's Accept-Language is (`zh_CN.UTF-8` starts with zh, `C.UTF-8` with neither).
 */
function posixLocale(source: Readonly<Record<string, string | undefined>>): Locale {
  return pickLocale([source.LC_ALL, source.LC_MESSAGES, source.LANG].find(value => value !== undefined && value !== ''))
}

/**
 * The operator's language, never failing: a FIELD_ENROL_LANG that is not one of the values
 * is passed over here (the POSIX locale decides) so that the message refusing it — which
 * loadEnv gives — is itself in a language the operator reads.
 */
export function operatorLocale(source: Readonly<Record<string, string | undefined>>): Locale {
  const chosen = source[LANGUAGE_SETTING]
  return chosen !== undefined && isLanguageValue(chosen) ? chosen : posixLocale(source)
}
