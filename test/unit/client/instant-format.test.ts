import { describe, expect, it } from 'vitest'
import { formatInstant } from '../../../client/src/i18n/instant-format'

describe('formatInstant', () => {
  // 12:08:41 UTC is 20:08:41 in China, whatever zone this machine runs in.
  const AT = '2026-12-03T12:08:41.000Z'

  it('shows an instant in China time, in the app\'s language, 24-hour', () => {
    expect(formatInstant(AT, 'zh-CN')).toBe('2026年12月3日 20:08')
    expect(formatInstant(AT, 'en')).toBe('Dec 3, 2026, 20:08')
    expect(formatInstant(Date.parse(AT), 'zh-CN')).toBe('2026年12月3日 20:08')
    expect(formatInstant(new Date(AT), 'en', 'time')).toBe('20:08:41')
  })

  it('crosses the date line as China does: 16:30 UTC is the next day there', () => {
    expect(formatInstant('2026-12-31T16:30:00.000Z', 'zh-CN')).toBe('2027年1月1日 00:30')
  })

  it('shows a dash for nothing and the input itself when it is not an instant', () => {
    expect(formatInstant(null, 'zh-CN')).toBe('—')
    expect(formatInstant(undefined, 'en')).toBe('—')
    expect(formatInstant('', 'en')).toBe('—')
    expect(formatInstant('not a date', 'zh-CN')).toBe('not a date')
  })
})
