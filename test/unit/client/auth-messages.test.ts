import type { Locale } from '#shared/i18n/locale'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { authMessage } from '../../../client/src/field/auth/auth-messages'
import authMessages from '../../../client/src/i18n/messages/auth'
import clockMessages from '../../../client/src/i18n/messages/clock'

/**
 * A refused sign-in or unlock in words, as the sign-in page and the lock screen say it: a lock's
 * wait as a duration in the language's units, never "1920 seconds" or "1 minutes".
 */

function translator(locale: Locale) {
  const { global: i18n } = createI18n({ legacy: false, locale, messages: { 'zh-CN': { ...authMessages['zh-CN'], ...clockMessages['zh-CN'] }, 'en': { ...authMessages.en, ...clockMessages.en } } })
  return { t: (key: string, params: Record<string, unknown>) => i18n.t(key, params as Record<string, string>), te: (key: string) => i18n.te(key), locale }
}
const zh = translator('zh-CN')
const en = translator('en')
const locked = (seconds: number) => ({ code: 'auth.offline_locked', params: { seconds } })

describe('a refused sign-in in words', () => {
  it('says an offline lock\'s wait in seconds under a minute, in minutes and hours above', () => {
    expect(authMessage(locked(30), en)).toBe('Too many failed sign-ins: try again in 30 s')
    expect(authMessage(locked(1), en)).toBe('Too many failed sign-ins: try again in 1 s')
    expect(authMessage(locked(1920), en)).toBe('Too many failed sign-ins: try again in 32 min')
    expect(authMessage(locked(1919), en)).toBe('Too many failed sign-ins: try again in 32 min')
    expect(authMessage(locked(3600), en)).toBe('Too many failed sign-ins: try again in 1 h')
    expect(authMessage(locked(30), zh)).toBe('登录失败次数过多，请 30 秒 后再试')
    expect(authMessage(locked(1920), zh)).toBe('登录失败次数过多，请 32 分钟 后再试')
    expect(authMessage(locked(3600), zh)).toBe('登录失败次数过多，请 1 小时 后再试')
  })

  it('says the server\'s lock in minutes with no plural to get wrong, and a device-only refusal as it is', () => {
    expect(authMessage({ code: 'auth.locked', params: { minutes: 1 } }, en)).toBe('Too many failed sign-ins: try again in 1 min')
    expect(authMessage({ code: 'auth.locked', params: { minutes: 1 } }, zh)).toBe('登录失败次数过多，请1分钟后再试')
    expect(authMessage({ code: 'auth.first_sign_in_needs_network' }, en)).toBe('The first sign-in needs a network connection')
    expect(authMessage({ code: 'auth.something_new' }, en)).toBe('Sign-in failed: try again later')
  })
})
