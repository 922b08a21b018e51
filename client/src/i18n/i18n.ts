import type { Locale } from '#shared/i18n/locale'
import type { MessageModule } from './messages'
import { DEFAULT_LOCALE, LOCALES, pickLocale } from '#shared/i18n/locale'
import { createI18n } from 'vue-i18n'
import { importDeskMessageModules, MESSAGE_MODULES } from './messages'

/** The user's language, remembered on this device. zh-CN unless the user chose otherwise. */
export const LOCALE_STORAGE_KEY = 'field-enrol.locale'

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_STORAGE_KEY)
  return stored && (LOCALES as readonly string[]).includes(stored) ? stored as Locale : DEFAULT_LOCALE
}

function merged(modules: readonly MessageModule[], locale: Locale): Messages {
  return Object.assign({}, ...modules.map(module => module[locale])) as Messages
}

type Messages = Record<string, unknown>

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': merged(MESSAGE_MODULES, 'zh-CN'), 'en': merged(MESSAGE_MODULES, 'en') },
})

/**
 * The page says which language it is in, and its title (the browser tab, the window list,
 * what a screen reader announces first) is in that language: index.html says zh-CN and
 * 外勤入会, which an English screen kept — a screen reader otherwise reads a remembered
 * English in Chinese after every reload.
 */
function showLanguage(locale: Locale): void {
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.name')
}
showLanguage(i18n.global.locale.value)

let deskMessages: Promise<void> | null = null

/**
 * Fetches the desk's texts (messages/desk*.ts, kept out of the field's entry chunk) and
 * merges them into `i18n` in every language. The desk routes await it before a desk screen
 * resolves, so no desk screen ever renders a bare key. Idempotent: one fetch per page load,
 * shared by every caller; a failed fetch (network gone) is forgotten so the next navigation
 * tries again.
 */
export function loadDeskMessages(): Promise<void> {
  deskMessages ??= importDeskMessageModules().then((modules) => {
    for (const locale of LOCALES)
      i18n.global.mergeLocaleMessage(locale, merged(modules, locale))
  }).catch((failure: unknown) => {
    deskMessages = null
    throw failure
  })
  return deskMessages
}

export function setLocale(locale: string): void {
  const chosen = pickLocale(locale)
  i18n.global.locale.value = chosen
  localStorage.setItem(LOCALE_STORAGE_KEY, chosen)
  showLanguage(chosen)
}

/** The language in use now, for shared messages (`formatIssue`, field labels). */
export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}
