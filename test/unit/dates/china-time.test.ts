import { CHINA_TIME_ZONE, chinaDateOf, chinaDateTime, chinaDayStart, chinaWallClock, chinaWallClockInstant } from '#shared/dates/china-time'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

// The zone database's reading, to hold the fixed offset to.
const zoneFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function zoneReading(date: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes): string => zoneFormat.formatToParts(date).find(p => p.type === type)!.value
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`
}

describe('china time', () => {
  it.each([
    ['2026-11-22T15:59:59.999Z', '2026-11-22 23:59:59', '2026-11-22'],
    ['2026-11-22T16:00:00.000Z', '2026-11-23 00:00:00', '2026-11-23'], // midnight in Beijing
    ['2024-02-28T16:00:00.000Z', '2024-02-29 00:00:00', '2024-02-29'],
    ['2025-12-31T16:30:05.000Z', '2026-01-01 00:30:05', '2026-01-01'],
    ['2026-07-01T03:00:00+08:00', '2026-07-01 03:00:00', '2026-07-01'],
  ])('%s reads %s on %s', (instant, dateTime, date) => {
    expect(chinaDateTime(instant)).toBe(dateTime)
    expect(chinaDateTime(new Date(instant))).toBe(dateTime)
    expect(chinaDateTime(instant, 'minute')).toBe(dateTime.slice(0, 16))
    expect(chinaDateOf(instant)).toBe(date)
  })

  it('reads a time picked on China\'s clock back as its instant: the inverse of chinaDateTime', () => {
    expect(chinaWallClockInstant('2026-11-23 00:00:00')).toBe('2026-11-22T16:00:00.000Z')
    expect(chinaWallClockInstant('2026-01-01 00:30')).toBe('2025-12-31T16:30:00.000Z')
    expect(chinaWallClockInstant(' 2026-07-01T03:00:05 ')).toBe('2026-06-30T19:00:05.000Z')
    for (const text of ['', '2026-11-23', 'yesterday', '2026-11-23 24:61', '2026-02-30 10:00'])
      expect(chinaWallClockInstant(text), text).toBeNull()
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }), (date) => {
      const second = new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString()
      expect(chinaWallClockInstant(chinaDateTime(second))).toBe(second)
    }))
  })

  it('gives spreadsheets a Date whose UTC fields are the wall clock', () => {
    const wall = chinaWallClock('2026-11-22T16:05:00.000Z')
    expect([wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes()]).toEqual([2026, 11, 23, 0, 5])
  })

  it('starts China\'s day at 16:00 UTC the day before, across month and year ends', () => {
    expect(chinaDayStart('2026-11-23')).toBe('2026-11-22T16:00:00.000Z')
    expect(chinaDayStart('2026-01-01')).toBe('2025-12-31T16:00:00.000Z')
    expect(chinaDayStart('0050-03-01')).toBe('0050-02-28T16:00:00.000Z')
    // The exclusive end of a range ending on 9999-12-31: no RangeError, and still after every
    // instant an ISO string of the usual form names.
    expect(chinaDayStart('10000-01-01')).toBe('9999-12-31T16:00:00.000Z')
    expect(chinaDayStart('10000-01-02')).toBe('9999-12-31T23:59:59.999Z')
    expect(chinaDayStart('9999-12-31')).toBe('9999-12-30T16:00:00.000Z')
    expect(chinaDayStart('2024-03-01')).toBe('2024-02-29T16:00:00.000Z')
    expect(chinaDateOf(chinaDayStart('2026-03-01'))).toBe('2026-03-01')
    expect(chinaDateOf(new Date(Date.parse(chinaDayStart('2026-03-01')) - 1))).toBe('2026-02-28')
  })

  it('agrees with the zone database for any instant since 1992', () => {
    fc.assert(fc.property(
      fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
      (date) => {
        expect(chinaDateTime(date)).toBe(zoneReading(date))
      },
    ), { numRuns: 500 })
  })
})
