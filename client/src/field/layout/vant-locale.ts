import type { Locale as AppLocale } from '#shared/i18n/locale'
import { Locale } from 'vant'
import enUS from 'vant/es/locale/lang/en-US'
import zhCN from 'vant/es/locale/lang/zh-CN'
import { watch } from 'vue'
import { i18n } from '../../i18n/i18n'

/**
 * Vant's own words — a picker's 取消/确认, the signature pad's 清除/撤销, a dialog's buttons —
 * follow the app's language, from start-up and on every switch (sign-in page, device page):
 * left alone, Vant speaks Chinese in an English app. Imported for its effect by the field's
 * entry points (the layout and the sign-in page), so Vant and its language packs stay in the
 * field's chunks and out of the desk's. The Chinese pack is the one Vant itself loads as its
 * default; naming it here adds nothing to the bundle.
 */
const VANT_LANGUAGES: Record<AppLocale, { tag: string, messages: Record<string, unknown> }> = {
  'zh-CN': { tag: 'zh-CN', messages: zhCN },
  'en': { tag: 'en-US', messages: enUS },
}

watch(() => i18n.global.locale.value as AppLocale, (locale) => {
  const { tag, messages } = VANT_LANGUAGES[locale]
  Locale.use(tag, messages)
}, { immediate: true })
