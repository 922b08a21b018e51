import type { Role } from '#shared/status/roles'
import type { Actor, ApplicationStatus } from '#shared/status/status-table'
import type { DetailFacts } from '../../../client/src/desk/application/action-rules'
import { APPLICATION_STATUSES } from '#shared/status/status-table'
import { describe, expect, it } from 'vitest'
import { blockedActions, deskActions, factsOf, isTyping, shortcutAction } from '../../../client/src/desk/application/action-rules'

const SITE = 'site-1'

function actor(role: Role, siteIds: string[] = [SITE]): Actor {
  return { id: `${role}-1`, role, siteIds }
}

function detail(status: ApplicationStatus, overrides: Partial<DetailFacts> = {}): DetailFacts {
  return { status, agentId: 'agent-1', siteId: SITE, attachmentsComplete: true, duplicateCandidates: [], ...overrides }
}

function buttons(role: Role, status: ApplicationStatus, overrides: Partial<DetailFacts> = {}, siteIds?: string[]) {
  return deskActions(actor(role, siteIds), factsOf(detail(status, overrides)))
}

describe('desk action rules: a button shows only when the shared status table allows it', () => {
  const expected: Record<ApplicationStatus, string[]> = {
    draft: [],
    queued: [],
    submitted: ['start_review'],
    in_review: ['approve', 'return', 'reject'],
    approved: [],
    rejected: [],
    returned: [],
    withdrawn: [],
  }

  for (const role of ['reviewer', 'supervisor'] as const) {
    for (const status of APPLICATION_STATUSES) {
      it(`${role}, ${status}: ${expected[status].join(', ') || 'none'}`, () => {
        expect(buttons(role, status)).toEqual(expected[status])
      })
    }
  }

  for (const role of ['field_agent', 'admin'] as const) {
    it(`${role}: never a decision button, in any state`, () => {
      for (const status of APPLICATION_STATUSES)
        expect(buttons(role, status, { agentId: `${role}-1` })).toEqual([])
    })
  }

  it('a reviewer gets nothing on another site; a supervisor acts on every site', () => {
    expect(buttons('reviewer', 'submitted', {}, ['site-2'])).toEqual([])
    expect(buttons('supervisor', 'submitted', {}, [])).toEqual(['start_review'])
  })

  it('hides approve while a certain or likely duplicate is unresolved, and says why', () => {
    const candidates = [{ level: 'likely', resolution: null }]
    expect(buttons('reviewer', 'in_review', { duplicateCandidates: candidates })).toEqual(['return', 'reject'])
    const blocked = blockedActions(actor('reviewer'), factsOf(detail('in_review', { duplicateCandidates: candidates })))
    expect(blocked).toEqual([{ action: 'approve', failure: { code: 'status.duplicate_unresolved', params: { count: 1 } } }])
  })

  it('a possible duplicate or a resolved one does not block approval', () => {
    const candidates = [{ level: 'possible', resolution: null }, { level: 'certain', resolution: 'different_person' }]
    expect(factsOf(detail('in_review', { duplicateCandidates: candidates })).blockingDuplicateCandidates).toBe(0)
    expect(buttons('reviewer', 'in_review', { duplicateCandidates: candidates })).toContain('approve')
  })

  it('hides approve until every attachment has arrived', () => {
    expect(buttons('reviewer', 'in_review', { attachmentsComplete: false })).toEqual(['return', 'reject'])
    expect(blockedActions(actor('reviewer'), factsOf(detail('in_review', { attachmentsComplete: false }))))
      .toEqual([{ action: 'approve', failure: { code: 'status.attachments_incomplete' } }])
  })

  it('reports nothing blocked when the state or the role is the reason', () => {
    expect(blockedActions(actor('reviewer'), factsOf(detail('approved')))).toEqual([])
    expect(blockedActions(actor('admin'), factsOf(detail('in_review', { attachmentsComplete: false })))).toEqual([])
  })
})

describe('keyboard shortcuts', () => {
  const press = (key: string, extra: Partial<Parameters<typeof shortcutAction>[0]> = {}) =>
    ({ key, ctrlKey: false, metaKey: false, altKey: false, target: { tagName: 'BODY' }, modalOpen: false, ...extra })

  it('s starts review, A approves, R returns, J rejects — only when that button is shown', () => {
    expect(shortcutAction(press('s'), ['start_review'])).toBe('start_review')
    expect(shortcutAction(press('A'), ['approve', 'return', 'reject'])).toBe('approve')
    expect(shortcutAction(press('r'), ['approve', 'return', 'reject'])).toBe('return')
    expect(shortcutAction(press('j'), ['approve', 'return', 'reject'])).toBe('reject')
    expect(shortcutAction(press('a'), ['start_review'])).toBeNull()
    expect(shortcutAction(press('x'), ['approve'])).toBeNull()
  })

  it('stays out of the way while typing or with a modifier (copy, reload…)', () => {
    expect(shortcutAction(press('a', { target: { tagName: 'INPUT' } }), ['approve'])).toBeNull()
    expect(shortcutAction(press('a', { target: { tagName: 'TEXTAREA' } }), ['approve'])).toBeNull()
    expect(shortcutAction(press('a', { target: { tagName: 'DIV', isContentEditable: true } }), ['approve'])).toBeNull()
    expect(shortcutAction(press('r', { ctrlKey: true }), ['return'])).toBeNull()
    expect(shortcutAction(press('a', { metaKey: true }), ['approve'])).toBeNull()
    expect(isTyping(null)).toBe(false)
  })

  it('does nothing while a modal covers the page (duplicate comparison, password change, a confirmation)', () => {
    for (const key of ['s', 'a', 'r', 'j'])
      expect(shortcutAction(press(key, { modalOpen: true }), ['start_review', 'approve', 'return', 'reject'])).toBeNull()
  })
})
