import type { Locale } from './locale'

/**
 * Punctuation between words the screens put together: full-width in Chinese, ASCII with a
 * space in English (`Card: Card pending`, not `Card：Card pending`).
 */

/** `手机号码：139…` / `Mobile number: 139…` */
export function labelled(label: string, value: string, locale: Locale): string {
  return locale === 'zh-CN' ? `${label}：${value}` : `${label}: ${value}`
}

/** `材料（个人）` / `Materials (Individual)` */
export function withAside(text: string, aside: string, locale: Locale): string {
  return locale === 'zh-CN' ? `${text}（${aside}）` : `${text} (${aside})`
}

/** `银卡、金卡` / `Silver, Gold` */
export function listed(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ')
}

/**
 * `缺少身份证正面；缺少身份证反面` / `Missing ID document, front; Missing ID document, back`:
 * messages shown as one line, each of which may hold a comma of its own.
 */
export function clauses(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '；' : '; ')
}
