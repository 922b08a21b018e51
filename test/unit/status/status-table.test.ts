import type { ErrorCode } from '#shared/errors/error-codes'
import type { RejectReason, ReturnItem } from '#shared/status/review-decisions'
import type { Role } from '#shared/status/roles'
import type { Action, ActionInput, Actor, ApplicationFacts, ApplicationStatus } from '#shared/status/status-table'
import { ReturnItemSchema } from '#shared/status/return-item'
import { REJECT_REASON_LABELS, REJECT_REASONS } from '#shared/status/review-decisions'
import { ROLE_LABELS, ROLES } from '#shared/status/roles'
import {
  ACTION_LABELS,
  ACTIONS,
  APPLICATION_STATUSES,
  availableActions,
  checkTransition,
  DEVICE_EDITABLE_STATUSES,
  DEVICE_ONLY_STATUSES,
  FINAL_STATUSES,
  nextStatus,
  STATUS_LABELS,
  transitionFor,
  TRANSITIONS,
} from '#shared/status/status-table'
import { describe, expect, it } from 'vitest'

/**
 * DESIGN.md §4, written out independently of the implementation's table:
 *
 *   draft ─submit─▶ queued ─(sync: ingest)─▶ submitted ─start_review─▶ in_review
 *   in_review ─approve─▶ approved | ─reject─▶ rejected | ─return─▶ returned
 *   returned ─resubmit─▶ submitted;  submitted/returned ─withdraw─▶ withdrawn
 */
const DIAGRAM: Partial<Record<ApplicationStatus, Partial<Record<Action, ApplicationStatus>>>> = {
  draft: { submit: 'queued' },
  queued: { ingest: 'submitted' },
  submitted: { start_review: 'in_review', withdraw: 'withdrawn' },
  in_review: { approve: 'approved', reject: 'rejected', return: 'returned' },
  returned: { resubmit: 'submitted', withdraw: 'withdrawn' },
}

const AGENT_ACTIONS: readonly Action[] = ['submit', 'ingest', 'resubmit', 'withdraw']
const REVIEW_ACTIONS: readonly Action[] = ['start_review', 'approve', 'reject', 'return']

const SITE = 'site-bj-chaoyang-01'
const OTHER_SITE = 'site-sh-xuhui-02'
const OWNER = 'agent-0001'

const ACTORS: Record<Role, Actor> = {
  field_agent: { id: OWNER, role: 'field_agent', siteIds: [SITE] },
  reviewer: { id: 'reviewer-0001', role: 'reviewer', siteIds: [SITE] },
  supervisor: { id: 'supervisor-0001', role: 'supervisor', siteIds: [] },
  admin: { id: 'admin-0001', role: 'admin', siteIds: [SITE] },
}

const ITEM: ReturnItem = { kind: 'field', ref: 'person.idNumber', note: '号码与证件照片不一致' }
/** Input that satisfies every input guard. */
const GOOD_INPUT: ActionInput = { reason: 'ineligible', items: [ITEM] }

function facts(status: ApplicationStatus, more: Partial<ApplicationFacts> = {}): ApplicationFacts {
  return { status, agentId: OWNER, siteId: SITE, blockingDuplicateCandidates: 0, attachmentsComplete: true, ...more }
}

/** The (first) state an action may be fired from, per the diagram. */
function fromState(action: Action): ApplicationStatus {
  const entry = Object.entries(DIAGRAM).find(([, actions]) => actions?.[action] !== undefined)
  return entry![0] as ApplicationStatus
}

function failureCode(result: ReturnType<typeof checkTransition>): ErrorCode | null {
  return result.ok ? null : result.failure.code
}

describe('nextStatus follows the DESIGN.md §4 diagram', () => {
  const pairs = APPLICATION_STATUSES.flatMap(status => ACTIONS.map(action => [status, action, DIAGRAM[status]?.[action] ?? null] as const))

  it('covers every status × action pair', () => {
    expect(pairs).toHaveLength(APPLICATION_STATUSES.length * ACTIONS.length)
  })

  it.each(pairs)('%s --%s--> %s', (status, action, expected) => {
    expect(nextStatus(status, action)).toBe(expected)
  })

  it('has one transition per action, and nothing leaves a final state', () => {
    expect(TRANSITIONS.map(t => t.action).sort()).toEqual([...ACTIONS].sort())
    for (const action of ACTIONS)
      expect(transitionFor(action).action).toBe(action)
    for (const status of FINAL_STATUSES)
      expect(ACTIONS.filter(action => nextStatus(status, action) !== null)).toEqual([])
  })

  it('marks the device-only and device-editable states', () => {
    expect([...DEVICE_ONLY_STATUSES].sort()).toEqual(['draft', 'queued'])
    expect([...DEVICE_EDITABLE_STATUSES].sort()).toEqual(['draft', 'queued', 'returned'])
    expect([...FINAL_STATUSES].sort()).toEqual(['approved', 'rejected', 'withdrawn'])
    expect(transitionFor('submit').side).toBe('device')
    for (const action of ACTIONS.filter(a => a !== 'submit'))
      expect(transitionFor(action).side).toBe('server')
  })

  it('labels every status, action, role and reject reason in both languages', () => {
    for (const labels of [STATUS_LABELS, ACTION_LABELS, ROLE_LABELS, REJECT_REASON_LABELS] as Record<string, Record<string, string>>[]) {
      for (const text of Object.values(labels)) {
        expect(text['zh-CN']).toMatch(/\p{Script=Han}/u)
        expect(text.en).toMatch(/^[A-Z]/)
      }
    }
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...APPLICATION_STATUSES].sort())
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...ACTIONS].sort())
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort())
    expect(Object.keys(REJECT_REASON_LABELS).sort()).toEqual([...REJECT_REASONS].sort())
    expect(STATUS_LABELS.returned['zh-CN']).toBe('退回补充')
  })
})

describe('checkTransition: who may fire each action', () => {
  const table = ROLES.flatMap(role => ACTIONS.map((action) => {
    const allowed = (AGENT_ACTIONS.includes(action) && role === 'field_agent')
      || (REVIEW_ACTIONS.includes(action) && (role === 'reviewer' || role === 'supervisor'))
    return [role, action, allowed] as const
  }))

  it.each(table)('%s %s from its state: allowed %s', (role, action, allowed) => {
    const status = fromState(action)
    const result = checkTransition(ACTORS[role], facts(status), action, GOOD_INPUT)
    if (allowed)
      expect(result).toEqual({ ok: true, to: DIAGRAM[status]![action] })
    else
      expect(result).toEqual({ ok: false, failure: { code: 'status.role_not_allowed', params: { role, action } } })
  })

  const wrongState = ROLES.flatMap(role => ACTIONS.flatMap(action => APPLICATION_STATUSES
    .filter(status => DIAGRAM[status]?.[action] === undefined)
    .map(status => [role, action, status] as const)))

  it.each(wrongState)('%s %s in %s: status.action_not_allowed (state is checked first)', (role, action, status) => {
    expect(checkTransition(ACTORS[role], facts(status), action, GOOD_INPUT)).toEqual({
      ok: false,
      failure: { code: 'status.action_not_allowed', params: { status, action } },
    })
  })

  it('withdraw is possible from both submitted and returned', () => {
    expect(checkTransition(ACTORS.field_agent, facts('submitted'), 'withdraw')).toEqual({ ok: true, to: 'withdrawn' })
    expect(checkTransition(ACTORS.field_agent, facts('returned'), 'withdraw')).toEqual({ ok: true, to: 'withdrawn' })
  })
})

describe('checkTransition: scope', () => {
  it.each(AGENT_ACTIONS)('an agent may %s only their own application', (action) => {
    const other: Actor = { id: 'agent-0002', role: 'field_agent', siteIds: [SITE] }
    expect(failureCode(checkTransition(other, facts(fromState(action)), action))).toBe('status.not_owner')
  })

  it.each(AGENT_ACTIONS)('an agent may %s their own application only at a site they are assigned to, and says which field', (action) => {
    const status = fromState(action)
    expect(checkTransition(ACTORS.field_agent, facts(status, { siteId: OTHER_SITE }), action)).toEqual({ ok: false, failure: { path: 'siteId', code: 'status.site_not_assigned' } })
    const twoSites: Actor = { ...ACTORS.field_agent, siteIds: [SITE, OTHER_SITE] }
    expect(checkTransition(twoSites, facts(status, { siteId: OTHER_SITE }), action).ok).toBe(true)
  })

  it('an agent\'s ownership is checked before their site, and names the field', () => {
    const elsewhere: Actor = { id: 'agent-0002', role: 'field_agent', siteIds: [] }
    expect(checkTransition(elsewhere, facts('returned'), 'withdraw')).toEqual({ ok: false, failure: { path: 'agentId', code: 'status.not_owner' } })
  })

  it.each(REVIEW_ACTIONS)('a reviewer may %s only at an assigned site', (action) => {
    const status = fromState(action)
    expect(failureCode(checkTransition(ACTORS.reviewer, facts(status, { siteId: OTHER_SITE }), action, GOOD_INPUT))).toBe('status.site_not_assigned')
    const twoSites: Actor = { ...ACTORS.reviewer, siteIds: [OTHER_SITE, SITE] }
    expect(checkTransition(twoSites, facts(status, { siteId: OTHER_SITE }), action, GOOD_INPUT).ok).toBe(true)
  })

  it.each(REVIEW_ACTIONS)('a supervisor may %s at any site', (action) => {
    const status = fromState(action)
    expect(checkTransition(ACTORS.supervisor, facts(status, { siteId: OTHER_SITE }), action, GOOD_INPUT).ok).toBe(true)
  })

  it('a reviewer need not be the agent', () => {
    expect(checkTransition(ACTORS.reviewer, facts('submitted', { agentId: 'someone-else' }), 'start_review').ok).toBe(true)
  })

  it('scope is checked before the guard', () => {
    expect(failureCode(checkTransition(ACTORS.reviewer, facts('in_review', { siteId: OTHER_SITE }), 'reject', {}))).toBe('status.site_not_assigned')
  })
})

describe('checkTransition: guards', () => {
  const reviewer = ACTORS.reviewer
  type Case = [label: string, action: Action, facts: Partial<ApplicationFacts>, input: ActionInput, code: ErrorCode | null, params?: Record<string, number>]
  const reasons: Case[] = REJECT_REASONS.filter(r => r !== 'other').map(reason => [`reject for ${reason}`, 'reject', {}, { reason }, null])

  it.each<Case>([
    ['approve with unresolved duplicates', 'approve', { blockingDuplicateCandidates: 2 }, {}, 'status.duplicate_unresolved', { count: 2 }],
    ['approve with attachments missing', 'approve', { attachmentsComplete: false }, {}, 'status.attachments_incomplete'],
    ['approve with both: duplicates first', 'approve', { blockingDuplicateCandidates: 1, attachmentsComplete: false }, {}, 'status.duplicate_unresolved', { count: 1 }],
    ['approve when all is clear', 'approve', {}, {}, null],
    ['reject without a reason', 'reject', {}, {}, 'status.reason_required'],
    ['reject for other without a note', 'reject', {}, { reason: 'other' }, 'status.note_required'],
    ['reject for other with a blank note', 'reject', {}, { reason: 'other', note: '  　 ' }, 'status.note_required'],
    ['reject for other with a note', 'reject', {}, { reason: 'other', note: '申请人已移居外地' }, null],
    ...reasons,
    ['return without items', 'return', {}, {}, 'status.items_required'],
    ['return with an empty list', 'return', {}, { items: [] }, 'status.items_required'],
    ['return with one item', 'return', {}, { items: [{ kind: 'material', ref: 'id_back' }] }, null],
    ['return naming the same material twice', 'return', {}, { items: [{ kind: 'material', ref: 'id_back' }, { kind: 'material', ref: 'id_back', note: '模糊' }] }, 'return.duplicate_item'],
    ['return naming the same field twice', 'return', {}, { items: [{ kind: 'field', ref: 'person.mobile' }, { kind: 'material', ref: 'id_back' }, { kind: 'field', ref: 'person.mobile' }] }, 'return.duplicate_item'],
    ['return naming two fields', 'return', {}, { items: [{ kind: 'field', ref: 'person.mobile' }, { kind: 'field', ref: 'person.name' }] }, null],
  ])('%s', (_label, action, more, input, code, params) => {
    const result = checkTransition(reviewer, facts('in_review', more), action, input)
    if (code === null)
      expect(result).toEqual({ ok: true, to: DIAGRAM.in_review![action] })
    else
      expect(result).toEqual({ ok: false, failure: params ? { code, params } : { code } })
  })

  it('guards apply to supervisors too', () => {
    expect(failureCode(checkTransition(ACTORS.supervisor, facts('in_review', { blockingDuplicateCandidates: 1 }), 'approve'))).toBe('status.duplicate_unresolved')
    expect(failureCode(checkTransition(ACTORS.supervisor, facts('in_review'), 'reject', { reason: undefined as unknown as RejectReason }))).toBe('status.reason_required')
  })
})

describe('availableActions', () => {
  it.each<[string, Actor, ApplicationFacts, Action[]]>([
    ['reviewer, submitted, own site', ACTORS.reviewer, facts('submitted'), ['start_review']],
    ['reviewer, submitted, other site', ACTORS.reviewer, facts('submitted', { siteId: OTHER_SITE }), []],
    ['reviewer, in review, own site', ACTORS.reviewer, facts('in_review'), ['approve', 'reject', 'return']],
    ['reviewer, in review with duplicates', ACTORS.reviewer, facts('in_review', { blockingDuplicateCandidates: 1 }), ['reject', 'return']],
    ['reviewer, in review with attachments missing', ACTORS.reviewer, facts('in_review', { attachmentsComplete: false }), ['reject', 'return']],
    ['supervisor, submitted, any site', ACTORS.supervisor, facts('submitted', { siteId: OTHER_SITE }), ['start_review']],
    ['supervisor, in review, any site', ACTORS.supervisor, facts('in_review', { siteId: OTHER_SITE }), ['approve', 'reject', 'return']],
    ['agent, own draft', ACTORS.field_agent, facts('draft'), ['submit']],
    ['agent, own queued', ACTORS.field_agent, facts('queued'), ['ingest']],
    ['agent, own submitted', ACTORS.field_agent, facts('submitted'), ['withdraw']],
    ['agent, own returned', ACTORS.field_agent, facts('returned'), ['resubmit', 'withdraw']],
    ['agent, another agent\'s returned', { ...ACTORS.field_agent, id: 'agent-0002' }, facts('returned'), []],
    ['agent, own in review', ACTORS.field_agent, facts('in_review'), []],
    ['agent, own returned at a site they were moved off', ACTORS.field_agent, facts('returned', { siteId: OTHER_SITE }), []],
    ['agent, own draft at a site they were moved off', ACTORS.field_agent, facts('draft', { siteId: OTHER_SITE }), []],
  ])('%s', (_label, actor, applicationFacts, expected) => {
    expect(availableActions(actor, applicationFacts)).toEqual(expected)
  })

  it('limits the answer to one side when asked', () => {
    expect(availableActions(ACTORS.field_agent, facts('queued'), 'device')).toEqual([])
    expect(availableActions(ACTORS.field_agent, facts('draft'), 'device')).toEqual(['submit'])
    expect(availableActions(ACTORS.field_agent, facts('returned'), 'server')).toEqual(['resubmit', 'withdraw'])
    expect(availableActions(ACTORS.reviewer, facts('in_review'), 'device')).toEqual([])
  })

  it.each(APPLICATION_STATUSES)('admin may do nothing in %s', (status) => {
    expect(availableActions(ACTORS.admin, facts(status))).toEqual([])
  })

  it.each(FINAL_STATUSES)('nobody may do anything in %s', (status) => {
    for (const role of ROLES)
      expect(availableActions(ACTORS[role], facts(status))).toEqual([])
  })

  it('agrees with nextStatus: every action offered leads somewhere', () => {
    for (const role of ROLES) {
      for (const status of APPLICATION_STATUSES) {
        for (const action of availableActions(ACTORS[role], facts(status)))
          expect(nextStatus(status, action)).not.toBeNull()
      }
    }
  })
})

describe('returnItemSchema', () => {
  it.each<unknown>([
    { kind: 'field', ref: 'person.idNumber' },
    { kind: 'field', ref: 'person' },
    { kind: 'field', ref: 'dependants.0.birthDate', note: '出生日期与户口簿不一致' },
    { kind: 'field', ref: 'organisation.registeredAddress.detail' },
    { kind: 'material', ref: 'id_front' },
    { kind: 'material', ref: 'business_licence', note: '营业执照照片模糊' },
  ])('accepts %j', (item) => {
    expect(ReturnItemSchema.safeParse(item).success).toBe(true)
  })

  it.each<unknown>([
    { kind: 'field', ref: '' },
    { kind: 'field', ref: 'Person.idNumber' },
    { kind: 'field', ref: 'person..idNumber' },
    { kind: 'field', ref: 'person.' },
    { kind: 'field', ref: '.person' },
    { kind: 'field', ref: 'person.id_number' },
    { kind: 'field', ref: 'person.id-number' },
    { kind: 'field', ref: '0.name' },
    { kind: 'field', ref: 'person idNumber' },
    { kind: 'field' },
    { kind: 'material', ref: 'selfie' },
    { kind: 'material', ref: 'person.idNumber' },
    { kind: 'other', ref: 'person' },
    { ref: 'person' },
    { kind: 'field', ref: 'person', note: '长'.repeat(501) },
  ])('refuses %j', (item) => {
    expect(ReturnItemSchema.safeParse(item).success).toBe(false)
  })
})
