import type { Locale } from '#shared/i18n/locale'
import { DEFAULT_LOCALE } from '#shared/i18n/locale'

/**
 * The language the operator commands and the server's own output speak. FIELD_ENROL_LANG
 * (`zh-CN` | `en`) when set; otherwise the POSIX locale, looked up as gettext does (LC_ALL,
 * then LC_MESSAGES, then LANG: the first one set wins): `zh…` is Chinese, `en…` English.
 * Anything else — unset, `C`, `POSIX`, `C.UTF-8` (what a container or a systemd unit has
 * by default), another language — is zh-CN, the product's default: the users are Chinese,
 * and a bare server has no locale that says otherwise.
 */

export const LANGUAGE_SETTING = 'FIELD_ENROL_LANG'
export const LANGUAGE_VALUES = ['zh-CN', 'en'] as const satisfies readonly Locale[]

export function isLanguageValue(value: string): value is Locale {
  return (LANGUAGE_VALUES as readonly string[]).includes(value)
}

/** The locale the POSIX variables name, or the default. */
export function posixLocale(source: Readonly<Record<string, string | undefined>>): Locale {
  const named = [source.LC_ALL, source.LC_MESSAGES, source.LANG].find(value => value !== undefined && value !== '')
  const language = named?.toLowerCase() ?? ''
  if (language.startsWith('zh'))
    return 'zh-CN'
  if (language.startsWith('en'))
    return 'en'
  return DEFAULT_LOCALE
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
