import { DEFAULT_RETENTION, retentionCutoffs, RetentionSchema } from '#shared/archive/retention'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'

describe('retention of personal data', () => {
  it('cuts off whole days before now, for each kind of record', () => {
    const now = new Date('2026-12-03T10:00:00.000Z')
    expect(retentionCutoffs({ closedApplicationDays: 365, cancelledMemberDays: 1095 }, now)).toEqual({
      closedApplicationsBefore: '2025-12-03T10:00:00.000Z',
      cancelledMembersBefore: '2023-12-04T10:00:00.000Z',
    })
    expect(retentionCutoffs({ closedApplicationDays: 30, cancelledMemberDays: 30 }, now).closedApplicationsBefore).toBe('2026-11-03T10:00:00.000Z')
  })

  it('keeps data at least 30 days and whole days only', () => {
    expect(RetentionSchema.safeParse({ closedApplicationDays: 29, cancelledMemberDays: 1095 }).success).toBe(false)
    expect(RetentionSchema.safeParse({ closedApplicationDays: 365, cancelledMemberDays: 1.5 }).success).toBe(false)
    expect(RetentionSchema.safeParse({ closedApplicationDays: 3651, cancelledMemberDays: 1095 }).success).toBe(false)
    expect(RetentionSchema.safeParse(DEFAULT_RETENTION).success).toBe(true)
  })

  it('gives settings saved before retention existed the defaults', () => {
    const { retention: _dropped, ...older } = DEFAULT_PROGRAMME
    expect(ProgrammeSettingsSchema.parse(older).retention).toEqual(DEFAULT_RETENTION)
  })
})
