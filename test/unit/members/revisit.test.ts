import { DEFAULT_REVISIT_SCHEDULE, firstRevisitDue, isRevisitDue, nextRevisitDue, REVISIT_CHANNEL_LABELS, REVISIT_CHANNELS, REVISIT_OUTCOME_LABELS, REVISIT_OUTCOMES, RevisitScheduleSchema, RevisitSchema } from '#shared/members/revisit'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'

const SCHEDULE = { firstAfterDays: 30, intervalDays: 365, retryAfterDays: 7 }

describe('re-visit schedule (回访)', () => {
  it('is due first a month after joining, across month and year ends and leap days', () => {
    expect(firstRevisitDue('2026-12-03', SCHEDULE)).toBe('2027-01-02')
    expect(firstRevisitDue('2028-01-30', SCHEDULE)).toBe('2028-02-29')
    expect(firstRevisitDue('2027-01-30', { ...SCHEDULE, firstAfterDays: 1 })).toBe('2027-01-31')
  })

  it('moves on by the outcome: a year after reaching the member, a week after a missed call, never after a refusal', () => {
    expect(nextRevisitDue('2027-01-02', 'reached', SCHEDULE)).toBe('2028-01-02')
    expect(nextRevisitDue('2027-12-28', 'unreachable', SCHEDULE)).toBe('2028-01-04')
    expect(nextRevisitDue('2027-01-02', 'declined', SCHEDULE)).toBeNull()
    expect(nextRevisitDue('2027-01-02', 'reached', { ...SCHEDULE, intervalDays: 90 })).toBe('2027-04-02')
  })

  it('is due on and after its date, never for a cancelled member or one without a date', () => {
    expect(isRevisitDue({ status: 'active', revisitDue: '2027-01-02' }, '2027-01-01')).toBe(false)
    expect(isRevisitDue({ status: 'active', revisitDue: '2027-01-02' }, '2027-01-02')).toBe(true)
    expect(isRevisitDue({ status: 'frozen', revisitDue: '2027-01-02' }, '2027-03-01')).toBe(true)
    expect(isRevisitDue({ status: 'expired', revisitDue: '2027-01-02' }, '2027-03-01')).toBe(true)
    expect(isRevisitDue({ status: 'cancelled', revisitDue: '2027-01-02' }, '2027-03-01')).toBe(false)
    expect(isRevisitDue({ status: 'active', revisitDue: null }, '2027-03-01')).toBe(false)
  })

  it('labels every channel and outcome in both languages', () => {
    for (const channel of REVISIT_CHANNELS)
      expect(Object.keys(REVISIT_CHANNEL_LABELS[channel]).sort()).toEqual(['en', 'zh-CN'])
    for (const outcome of REVISIT_OUTCOMES)
      expect(Object.keys(REVISIT_OUTCOME_LABELS[outcome]).sort()).toEqual(['en', 'zh-CN'])
  })

  it('accepts a recorded re-visit only with a known channel and outcome', () => {
    expect(RevisitSchema.safeParse({ channel: 'phone', outcome: 'reached' }).success).toBe(true)
    expect(RevisitSchema.safeParse({ channel: 'email', outcome: 'reached' }).success).toBe(false)
    expect(RevisitSchema.safeParse({ channel: 'phone' }).success).toBe(false)
  })

  it('bounds the schedule, and settings saved before re-visits existed get the defaults', () => {
    expect(RevisitScheduleSchema.safeParse({ ...SCHEDULE, intervalDays: 29 }).success).toBe(false)
    expect(RevisitScheduleSchema.safeParse({ ...SCHEDULE, retryAfterDays: 0 }).success).toBe(false)
    expect(RevisitScheduleSchema.safeParse({ ...SCHEDULE, firstAfterDays: 1.5 }).success).toBe(false)
    const { revisits: _revisits, ...older } = DEFAULT_PROGRAMME
    expect(ProgrammeSettingsSchema.parse(older).revisits).toEqual(DEFAULT_REVISIT_SCHEDULE)
    expect(DEFAULT_REVISIT_SCHEDULE).toEqual(SCHEDULE)
  })
})
