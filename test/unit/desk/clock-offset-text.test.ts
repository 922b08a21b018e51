import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { clockOffsetText, deviceTimeNote } from '../../../client/src/desk/application/clock-offset-text'
import clockMessages from '../../../client/src/i18n/messages/clock'
import deskMessages from '../../../client/src/i18n/messages/desk'

function translator(locale: 'zh-CN' | 'en') {
  const { global: i18n } = createI18n({ legacy: false, locale, messages: { 'zh-CN': { ...deskMessages['zh-CN'], ...clockMessages['zh-CN'] }, 'en': { ...deskMessages.en, ...clockMessages.en } } })
  return (key: string, params: Record<string, unknown>) => i18n.t(key, params as Record<string, string>)
}
const zh = translator('zh-CN')
const en = translator('en')
const HOUR = 3_600_000

describe('a device clock\'s offset in words', () => {
  it('says how far ahead or behind, leaving out the units that are zero', () => {
    expect(clockOffsetText(2 * HOUR + 5 * 60_000, zh)).toBe('设备时钟快 2 小时 5 分钟')
    expect(clockOffsetText(-(3 * 24 * HOUR + 10 * 60_000), zh)).toBe('设备时钟慢 3 天 10 分钟')
    expect(clockOffsetText(2 * HOUR + 5 * 60_000, en)).toBe('Device clock 2 h 5 min fast')
    expect(clockOffsetText(-HOUR, en)).toBe('Device clock 1 h slow')
  })

  it('says nothing of an offset that transit time and drift explain, or of none', () => {
    expect(clockOffsetText(90_000, zh)).toBeNull()
    expect(clockOffsetText(-4 * 60_000, zh)).toBeNull()
    expect(clockOffsetText(null, zh)).toBeNull()
  })

  it('reads the device\'s time on the server\'s clock beside it', () => {
    const at = (iso: string) => iso.slice(0, 16).replace('T', ' ')
    expect(deviceTimeNote('2026-11-20T10:05:00.000Z', 2 * HOUR, zh, at)).toBe('设备时钟快 2 小时（同步时测得），按服务器时钟约为 2026-11-20 08:05')
    expect(deviceTimeNote('2026-11-20T10:05:00.000Z', -2 * HOUR, en, at)).toBe('Device clock 2 h slow (measured at sync): about 2026-11-20 12:05 on the server\'s clock')
    expect(deviceTimeNote('2026-11-20T10:05:00.000Z', 60_000, zh, at)).toBeNull()
    expect(deviceTimeNote(null, 2 * HOUR, zh, at)).toBe('设备时钟快 2 小时')
  })
})
