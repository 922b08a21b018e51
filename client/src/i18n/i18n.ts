import type { Locale } from '#shared/i18n/locale'
import { DEFAULT_LOCALE, LOCALES, pickLocale } from '#shared/i18n/locale'
import { createI18n } from 'vue-i18n'
import en from './messages.en'
import zhCN from './messages.zh-CN'

/** The user's language, remembered on this device. zh-CN unless the user chose otherwise. */
export const LOCALE_STORAGE_KEY = 'field-enrol.locale'

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_STORAGE_KEY)
  return stored && (LOCALES as readonly string[]).includes(stored) ? stored as Locale : DEFAULT_LOCALE
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale: string): void {
  const chosen = pickLocale(locale)
  i18n.global.locale.value = chosen
  localStorage.setItem(LOCALE_STORAGE_KEY, chosen)
  document.documentElement.lang = chosen
}
