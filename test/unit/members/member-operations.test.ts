import type { MemberActor, MemberFacts, MemberOperation } from '#shared/members/member-operations'
import type { CardStatus, MemberStatus } from '#shared/members/member-status'
import type { Role } from '#shared/status/roles'
import { formatMessage } from '#shared/errors/format-issue'
import { availableMemberOperations, checkMemberOperation, isFinalMemberOperation, MEMBER_OPERATION_LABELS, MEMBER_OPERATION_RULES, MEMBER_OPERATIONS } from '#shared/members/member-operations'
import { CARD_STATUSES, MEMBER_STATUSES, memberStatusOn } from '#shared/members/member-status'
import { describe, expect, it } from 'vitest'

/**
 * The operations table written out independently of the implementation:
 * operation → [member standings it starts from, card states it starts from, roles, result].
 */
const DESK: Role[] = ['reviewer', 'supervisor']
const EXPECTED: Record<MemberOperation, { member: MemberStatus[], card: CardStatus[], roles: Role[], to: { status?: MemberStatus, cardStatus?: CardStatus } }> = {
  issue_card: { member: ['active'], card: ['pending'], roles: DESK, to: { cardStatus: 'issued' } },
  report_lost: { member: ['active', 'frozen', 'expired'], card: ['issued', 'reissued'], roles: DESK, to: { cardStatus: 'lost' } },
  reissue: { member: ['active'], card: ['lost'], roles: DESK, to: { cardStatus: 'reissued' } },
  freeze: { member: ['active'], card: [...CARD_STATUSES], roles: DESK, to: { status: 'frozen' } },
  unfreeze: { member: ['frozen'], card: [...CARD_STATUSES], roles: DESK, to: { status: 'active' } },
  cancel: { member: ['active', 'frozen', 'expired'], card: [...CARD_STATUSES], roles: ['supervisor'], to: { status: 'cancelled' } },
  renew: { member: ['active', 'expired'], card: [...CARD_STATUSES], roles: DESK, to: { status: 'active' } },
  revisit: { member: ['active', 'frozen', 'expired'], card: [...CARD_STATUSES], roles: DESK, to: {} },
  update_contact: { member: ['active', 'frozen', 'expired'], card: [...CARD_STATUSES], roles: DESK, to: {} },
  change_level: { member: ['active'], card: [...CARD_STATUSES], roles: DESK, to: {} },
  // A consent outlives the membership it was signed with: it is withdrawn at any time.
  withdraw_marketing: { member: ['active', 'frozen', 'expired', 'cancelled'], card: [...CARD_STATUSES], roles: DESK, to: {} },
}

const SITE = 'site-bj01'
const ACTORS: Record<Role, MemberActor> = {
  field_agent: { role: 'field_agent', siteIds: [SITE] },
  reviewer: { role: 'reviewer', siteIds: [SITE] },
  supervisor: { role: 'supervisor', siteIds: [] },
  admin: { role: 'admin', siteIds: [SITE] },
}
const FULL_INPUT = { fee: { amountFen: 2000, method: 'cash' as const, receiptNo: 'R-1' }, reason: '会员申请', revisit: { channel: 'phone' as const, outcome: 'reached' as const }, contact: { person: { mobile: '13900001111' } }, level: 'gold' }

describe('member operations table', () => {
  it('knows which operation cannot be undone: cancellation alone (nothing leads out of 已注销)', () => {
    expect(MEMBER_OPERATIONS.filter(isFinalMemberOperation)).toEqual(['cancel'])
  })

  it('has one row per operation and a label in both languages for each', () => {
    expect(MEMBER_OPERATION_RULES.map(r => r.operation)).toEqual([...MEMBER_OPERATIONS])
    for (const operation of MEMBER_OPERATIONS)
      expect(Object.keys(MEMBER_OPERATION_LABELS[operation]).sort()).toEqual(['en', 'zh-CN'])
  })

  // Every row × every member standing × every card state × every role.
  for (const operation of MEMBER_OPERATIONS) {
    const expected = EXPECTED[operation]
    describe(operation, () => {
      for (const status of MEMBER_STATUSES) {
        for (const cardStatus of CARD_STATUSES) {
          const facts: MemberFacts = { status, cardStatus, siteId: SITE, level: 'silver', levels: ['silver', 'gold'], marketing: true }
          const stateAllows = expected.member.includes(status) && expected.card.includes(cardStatus)
          it(`member ${status}, card ${cardStatus}: ${stateAllows ? 'allowed' : 'refused'}`, () => {
            for (const role of Object.keys(ACTORS) as Role[]) {
              const check = checkMemberOperation(ACTORS[role], facts, operation, FULL_INPUT)
              if (!stateAllows) {
                expect(check, role).toEqual({ ok: false, failure: { code: 'member.operation_not_allowed', params: { status, cardStatus, operation } } })
              }
              else if (!expected.roles.includes(role)) {
                expect(check, role).toEqual({ ok: false, failure: { code: 'member.role_not_allowed', params: { role, operation } } })
              }
              else {
                expect(check, role).toMatchObject({
                  ok: true,
                  status: expected.to.status ?? (status === 'expired' ? 'active' : status),
                  cardStatus: expected.to.cardStatus ?? cardStatus,
                })
              }
            }
          })
        }
      }
    })
  }

  it('keeps reviewers to their sites; supervisors act everywhere', () => {
    const elsewhere: MemberFacts = { status: 'active', cardStatus: 'pending', siteId: 'site-sh01' }
    expect(checkMemberOperation(ACTORS.reviewer, elsewhere, 'issue_card')).toEqual({ ok: false, failure: { code: 'member.site_not_assigned' } })
    expect(checkMemberOperation(ACTORS.supervisor, elsewhere, 'issue_card').ok).toBe(true)
  })

  it('hands out a card number on issue and reissue, extends validity on renew, and takes a fee on reissue and renew', () => {
    const byOperation = Object.fromEntries(MEMBER_OPERATION_RULES.map(r => [r.operation, r]))
    expect(MEMBER_OPERATIONS.filter(o => byOperation[o]!.newCardNumber)).toEqual(['issue_card', 'reissue'])
    expect(MEMBER_OPERATIONS.filter(o => byOperation[o]!.extendsValidity)).toEqual(['renew'])
    expect(MEMBER_OPERATIONS.filter(o => byOperation[o]!.takesFee)).toEqual(['reissue', 'renew'])
  })

  it('records a re-visit only by the revisit operation, and cancellation alone ends the re-visits', () => {
    expect(MEMBER_OPERATION_RULES.filter(r => r.revisits === 'record').map(r => r.operation)).toEqual(['revisit'])
    expect(MEMBER_OPERATION_RULES.filter(r => r.revisits === 'stop').map(r => r.operation)).toEqual(['cancel'])
  })
})

describe('member operation guards', () => {
  const active: MemberFacts = { status: 'active', cardStatus: 'lost', siteId: SITE }
  const reviewer = ACTORS.reviewer

  it.each(['reissue', 'renew'] as const)('%s needs a fee record with a receipt unless waived', (operation) => {
    const code = (input: Parameters<typeof checkMemberOperation>[3]) => {
      const check = checkMemberOperation(reviewer, active, operation, input)
      return check.ok ? null : check.failure.code
    }
    expect(code({})).toBe('member.fee_required')
    expect(code({ fee: { amountFen: 2000, method: 'cash' } })).toBe('member.fee_receipt_required')
    expect(code({ fee: { amountFen: 0, method: 'wechat', receiptNo: 'W1' } })).toBe('member.fee_amount_required')
    expect(code({ fee: { amountFen: 100, method: 'waived' } })).toBe('payment.waived_not_zero')
    expect(code({ fee: { amountFen: 0, method: 'waived' } })).toBeNull()
    expect(code({ fee: { amountFen: 2000, method: 'alipay', receiptNo: 'A-0001' } })).toBeNull()
  })

  it.each(['freeze', 'cancel'] as const)('%s needs a reason', (operation) => {
    const facts: MemberFacts = { status: 'active', cardStatus: 'issued', siteId: SITE }
    const supervisor = ACTORS.supervisor
    expect(checkMemberOperation(supervisor, facts, operation, {})).toEqual({ ok: false, failure: { code: 'member.reason_required' } })
    expect(checkMemberOperation(supervisor, facts, operation, { reason: '   ' })).toEqual({ ok: false, failure: { code: 'member.reason_required' } })
    expect(checkMemberOperation(supervisor, facts, operation, { reason: '会员本人申请' }).ok).toBe(true)
  })

  it('withdrawing marketing consent needs a consent to withdraw, and nothing else (no reason asked)', () => {
    const facts: MemberFacts = { status: 'expired', cardStatus: 'issued', siteId: SITE, marketing: true }
    expect(checkMemberOperation(reviewer, facts, 'withdraw_marketing', {})).toMatchObject({ ok: true, status: 'active' })
    expect(checkMemberOperation(reviewer, { ...facts, marketing: false }, 'withdraw_marketing', {})).toEqual({ ok: false, failure: { code: 'member.marketing_not_given' } })
    expect(checkMemberOperation(reviewer, { ...facts, marketing: undefined }, 'withdraw_marketing', {})).toEqual({ ok: false, failure: { code: 'member.marketing_not_given' } })
    expect(availableMemberOperations(reviewer, facts)).toContain('withdraw_marketing')
    expect(availableMemberOperations(reviewer, { ...facts, marketing: false })).not.toContain('withdraw_marketing')
    expect(formatMessage('member.marketing_not_given', {}, 'zh-CN')).toBe('该会员未授权接收营销信息，无需撤回')
    // After cancellation too, and the member stays cancelled.
    expect(checkMemberOperation(reviewer, { ...facts, status: 'cancelled' }, 'withdraw_marketing', {})).toMatchObject({ ok: true, status: 'cancelled' })
  })

  it('a re-visit needs its channel and outcome', () => {
    const facts: MemberFacts = { status: 'frozen', cardStatus: 'issued', siteId: SITE }
    expect(checkMemberOperation(reviewer, facts, 'revisit', {})).toEqual({ ok: false, failure: { code: 'member.revisit_required' } })
    expect(checkMemberOperation(reviewer, facts, 'revisit', { revisit: { channel: 'visit', outcome: 'unreachable' } })).toMatchObject({ ok: true, status: 'frozen', cardStatus: 'issued' })
  })

  it('a change of contact details needs something to change and a reason', () => {
    const facts: MemberFacts = { status: 'expired', cardStatus: 'issued', siteId: SITE }
    const code = (input: Parameters<typeof checkMemberOperation>[3]) => {
      const check = checkMemberOperation(reviewer, facts, 'update_contact', input)
      return check.ok ? null : check.failure.code
    }
    expect(code({ reason: '会员本人申请' })).toBe('member.contact_required')
    expect(code({ contact: { person: {} }, reason: '会员本人申请' })).toBe('member.contact_required')
    expect(code({ contact: { person: { email: null } } })).toBe('member.reason_required')
    expect(code({ contact: { person: { email: null } }, reason: '会员本人申请' })).toBeNull()
    expect(code({ contact: { organisation: { registeredAddress: { regionCode: '110105', detail: '望京街1号' } } }, reason: '营业执照变更' })).toBeNull()
  })

  it('a level change goes to another level of the member\'s category, with a reason', () => {
    const facts: MemberFacts = { status: 'active', cardStatus: 'issued', siteId: SITE, level: 'silver', levels: ['silver', 'gold', 'diamond'] }
    const code = (input: Parameters<typeof checkMemberOperation>[3], on: MemberFacts = facts) => {
      const check = checkMemberOperation(reviewer, on, 'change_level', input)
      return check.ok ? null : check.failure.code
    }
    expect(code({ reason: '会员申请升级' })).toBe('member.level_required')
    expect(code({ level: 'platinum', reason: '会员申请升级' })).toBe('member.level_unknown')
    expect(code({ level: 'silver', reason: '会员申请升级' })).toBe('member.nothing_changed')
    expect(code({ level: 'gold' })).toBe('member.reason_required')
    expect(code({ level: 'gold', reason: '会员申请升级' })).toBeNull()
    expect(code({ level: 'gold', reason: '会员申请升级' }, { ...facts, levels: [] })).toBe('member.category_without_levels')
  })

  it('every code the table can answer has messages in both languages', () => {
    for (const code of ['member.operation_not_allowed', 'member.role_not_allowed', 'member.site_not_assigned', 'member.fee_required', 'member.fee_amount_required', 'member.fee_receipt_required', 'member.reason_required', 'member.revisit_required', 'member.contact_required', 'member.contact_type_mismatch', 'member.nothing_changed', 'member.mobile_taken', 'member.mobile_taken_elsewhere', 'member.level_required', 'member.level_unknown', 'member.category_without_levels'] as const) {
      expect(formatMessage(code, { status: 'active', cardStatus: 'issued' }, 'zh-CN')).not.toBe(code)
      expect(formatMessage(code, { status: 'active', cardStatus: 'issued' }, 'en')).not.toBe(code)
    }
  })
})

describe('available member operations', () => {
  it('lists what the state, role and site allow, before any input', () => {
    expect(availableMemberOperations(ACTORS.reviewer, { status: 'active', cardStatus: 'pending', siteId: SITE })).toEqual(['issue_card', 'freeze', 'renew', 'revisit', 'update_contact'])
    expect(availableMemberOperations(ACTORS.supervisor, { status: 'active', cardStatus: 'issued', siteId: SITE })).toEqual(['report_lost', 'freeze', 'cancel', 'renew', 'revisit', 'update_contact'])
    expect(availableMemberOperations(ACTORS.reviewer, { status: 'frozen', cardStatus: 'issued', siteId: SITE })).toEqual(['report_lost', 'unfreeze', 'revisit', 'update_contact'])
    expect(availableMemberOperations(ACTORS.reviewer, { status: 'expired', cardStatus: 'lost', siteId: SITE })).toEqual(['renew', 'revisit', 'update_contact'])
    expect(availableMemberOperations(ACTORS.supervisor, { status: 'cancelled', cardStatus: 'issued', siteId: SITE })).toEqual([])
    // A cancelled member who signed marketing consent may still withdraw it, and nothing else.
    expect(availableMemberOperations(ACTORS.reviewer, { status: 'cancelled', cardStatus: 'issued', siteId: SITE, marketing: true })).toEqual(['withdraw_marketing'])
    expect(availableMemberOperations(ACTORS.reviewer, { status: 'active', cardStatus: 'pending', siteId: 'site-sh01' })).toEqual([])
    expect(availableMemberOperations(ACTORS.admin, { status: 'active', cardStatus: 'pending', siteId: SITE })).toEqual([])
  })

  it('offers a level change only when the category has another level to go to', () => {
    const active = { status: 'active', cardStatus: 'issued', siteId: SITE } as const
    expect(availableMemberOperations(ACTORS.reviewer, { ...active, level: 'silver', levels: ['silver', 'gold'] })).toContain('change_level')
    expect(availableMemberOperations(ACTORS.reviewer, { ...active, level: 'silver', levels: ['silver'] })).not.toContain('change_level')
    expect(availableMemberOperations(ACTORS.reviewer, { ...active, level: null, levels: [] })).not.toContain('change_level')
    expect(availableMemberOperations(ACTORS.reviewer, { ...active, status: 'frozen', level: 'silver', levels: ['silver', 'gold'] })).not.toContain('change_level')
  })
})

describe('member standing on a day', () => {
  it.each<[MemberStatus, string, string, MemberStatus]>([
    ['active', '2027-11-22', '2027-11-22', 'active'],
    ['active', '2027-11-22', '2027-11-23', 'expired'],
    ['frozen', '2027-11-22', '2028-01-01', 'frozen'],
    ['cancelled', '2027-11-22', '2028-01-01', 'cancelled'],
    ['expired', '2030-01-01', '2027-01-01', 'expired'],
  ])('%s until %s is %s on %s', (status, validUntil, today, expected) => {
    expect(memberStatusOn({ status, validUntil }, today)).toBe(expected)
  })
})
