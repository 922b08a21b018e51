import type { Locale } from '#shared/i18n/locale'
import { DEFAULT_LOCALE, LOCALES, pickLocale } from '#shared/i18n/locale'
import { createI18n } from 'vue-i18n'
import { MESSAGE_MODULES } from './messages'

/** The user's language, remembered on this device. zh-CN unless the user chose otherwise. */
export const LOCALE_STORAGE_KEY = 'field-enrol.locale'

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_STORAGE_KEY)
  return stored && (LOCALES as readonly string[]).includes(stored) ? stored as Locale : DEFAULT_LOCALE
}

function merged(locale: Locale): Messages {
  return Object.assign({}, ...MESSAGE_MODULES.map(module => module[locale])) as Messages
}

type Messages = Record<string, unknown>

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': merged('zh-CN'), 'en': merged('en') },
})

export function setLocale(locale: string): void {
  const chosen = pickLocale(locale)
  i18n.global.locale.value = chosen
  localStorage.setItem(LOCALE_STORAGE_KEY, chosen)
  document.documentElement.lang = chosen
}

/** The language in use now, for shared messages (`formatIssue`, field labels). */
export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}
