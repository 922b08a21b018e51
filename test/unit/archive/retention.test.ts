import { deviceForgetBefore, deviceMayForget } from '#shared/archive/device-retention'
import { DEFAULT_RETENTION, memberChangeSkeleton, retentionCutoffs, RetentionSchema } from '#shared/archive/retention'
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
    // Saved before the tablets' period existed: 30 days.
    expect(RetentionSchema.parse({ closedApplicationDays: 365, cancelledMemberDays: 1095 }).deviceDays).toBe(30)
  })

  it('lets a tablet forget only what the server decided for good, synced, known for the period', () => {
    const now = new Date('2026-12-31T00:00:00.000Z')
    const old = '2026-12-01T00:00:00.000Z'
    for (const status of ['approved', 'rejected', 'withdrawn'])
      expect(deviceMayForget({ status, syncState: 'synced', updatedAt: old }, now, 30), status).toBe(true)
    for (const status of ['draft', 'queued', 'submitted', 'in_review', 'returned'])
      expect(deviceMayForget({ status, syncState: 'synced', updatedAt: old }, now, 30), status).toBe(false)
    for (const syncState of ['queued', 'syncing', 'rejected', 'conflict', 'draft'])
      expect(deviceMayForget({ status: 'approved', syncState, updatedAt: old }, now, 30), syncState).toBe(false)
    expect(deviceMayForget({ status: 'approved', syncState: 'synced', updatedAt: '2026-12-01T00:00:01.000Z' }, now, 30)).toBe(false)
    expect(deviceForgetBefore(now, 30)).toBe(old)
  })

  it('gives settings saved before retention existed the defaults', () => {
    const { retention: _dropped, ...older } = DEFAULT_PROGRAMME
    expect(ProgrammeSettingsSchema.parse(older).retention).toEqual(DEFAULT_RETENTION)
  })
})

describe('memberChangeSkeleton', () => {
  it('keeps a re-visit\'s channel and outcome, and nothing else of it', () => {
    expect(memberChangeSkeleton('revisit', { changes: { revisitDue: { from: '2027-01-01', to: '2028-01-01' } }, revisit: { channel: 'visit', outcome: 'declined', extra: '张三' }, note: '张三说不用了' }))
      .toEqual({ revisit: { channel: 'visit', outcome: 'declined' } })
  })

  it('keeps nothing of any other change, nor of a re-visit recorded with codes it does not know', () => {
    expect(memberChangeSkeleton('cancel', { reason: '本人申请', revisit: { channel: 'phone', outcome: 'reached' } })).toEqual({})
    expect(memberChangeSkeleton('revisit', { revisit: { channel: 'phone', outcome: '张三接了' } })).toEqual({})
    expect(memberChangeSkeleton('revisit', { revisit: null })).toEqual({})
    expect(memberChangeSkeleton('revisit', null)).toEqual({})
    expect(memberChangeSkeleton('revisit', '{"revisit":{}}')).toEqual({})
  })
})
