import type { Actor } from '#shared/status/status-table'
import { candidatePending } from '#shared/dedup/candidate-pending'
import { checkMemberUpdate, checkResolution, MEMBER_UPDATE_FIELD_LABELS, MEMBER_UPDATE_FIELDS, ResolveDuplicateSchema } from '#shared/dedup/resolution'
import { describe, expect, it } from 'vitest'

const reviewer: Actor = { id: 'r1', role: 'reviewer', siteIds: ['s1'] }
const supervisor: Actor = { id: 'u1', role: 'supervisor', siteIds: [] }

describe('checkResolution', () => {
  it('lets a reviewer of the site and any supervisor clear a candidate while the application is open', () => {
    expect(checkResolution(reviewer, { status: 'submitted', siteId: 's1' }, 'different_person')).toEqual({ ok: true })
    expect(checkResolution(supervisor, { status: 'in_review', siteId: 's9' }, 'different_person')).toEqual({ ok: true })
  })

  it('closes as the same person only in review, as any rejection', () => {
    expect(checkResolution(reviewer, { status: 'submitted', siteId: 's1' }, 'same_person')).toMatchObject({ ok: false, code: 'duplicate.same_person_needs_review' })
    expect(checkResolution(reviewer, { status: 'in_review', siteId: 's1' }, 'same_person')).toEqual({ ok: true })
  })

  it('refuses other roles, other sites and closed applications', () => {
    expect(checkResolution({ id: 'a', role: 'field_agent', siteIds: ['s1'] }, { status: 'in_review', siteId: 's1' }, 'different_person')).toMatchObject({ ok: false, code: 'status.role_not_allowed' })
    expect(checkResolution({ id: 'a', role: 'admin', siteIds: ['s1'] }, { status: 'in_review', siteId: 's1' }, 'different_person')).toMatchObject({ ok: false, code: 'status.role_not_allowed' })
    expect(checkResolution(reviewer, { status: 'in_review', siteId: 's2' }, 'different_person')).toMatchObject({ ok: false, code: 'status.site_not_assigned' })
    expect(checkResolution(reviewer, { status: 'approved', siteId: 's1' }, 'different_person')).toMatchObject({ ok: false, code: 'duplicate.not_resolvable', params: { status: 'approved' } })
    expect(checkResolution(reviewer, { status: 'returned', siteId: 's1' }, 'different_person')).toMatchObject({ ok: false, code: 'duplicate.not_resolvable' })
  })
})

describe('candidatePending', () => {
  it('waits for a verdict while unresolved on an open application, back with the agent included', () => {
    for (const status of ['submitted', 'in_review', 'returned'] as const)
      expect(candidatePending(status, null), status).toBe(true)
  })

  it('waits no more once resolved, or once its application ended: nobody can resolve it then', () => {
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(candidatePending(status, null), status).toBe(false)
      expect(checkResolution(supervisor, { status, siteId: 's1' }, 'different_person').ok).toBe(false)
    }
    for (const resolution of ['same_person', 'different_person', 'other_closed'] as const)
      expect(candidatePending('in_review', resolution), resolution).toBe(false)
  })
})

describe('checkMemberUpdate', () => {
  it('lets a reviewer carry details to their own sites\' members, a supervisor to any', () => {
    expect(checkMemberUpdate(reviewer, 's1')).toEqual({ ok: true })
    expect(checkMemberUpdate(supervisor, 's9')).toEqual({ ok: true })
    expect(checkMemberUpdate(reviewer, 's2')).toEqual({ ok: false, code: 'member.site_not_assigned' })
  })
})

describe('member update fields', () => {
  it('each has a label in both languages, the application field\'s own', () => {
    for (const field of MEMBER_UPDATE_FIELDS)
      expect(Object.keys(MEMBER_UPDATE_FIELD_LABELS[field]).sort()).toEqual(['en', 'zh-CN'])
    expect(MEMBER_UPDATE_FIELD_LABELS.registeredAddress).toEqual({ 'zh-CN': '注册地址', 'en': 'Registered address' })
  })
})

describe('resolveDuplicateSchema', () => {
  it('accepts the two resolutions and contact fields only', () => {
    expect(ResolveDuplicateSchema.safeParse({ resolution: 'same_person', memberFields: ['mobile', 'address'] }).success).toBe(true)
    expect(ResolveDuplicateSchema.safeParse({ resolution: 'other_closed' }).success).toBe(false)
    expect(ResolveDuplicateSchema.safeParse({ resolution: 'same_person', memberFields: ['idNumber'] }).success).toBe(false)
  })
})
