import type { ErrorCode } from '../errors/error-codes'
import type { IssueParams } from '../errors/issue'
import type { LocalisedText } from '../i18n/locale'
import type { RejectReason, ReturnItem } from './review-decisions'
import type { Role } from './roles'
import { agentReachIssue } from './agent-reach'
import { rejectInputFailure, returnInputFailure } from './review-decisions'

/**
 * The application life cycle (DESIGN.md §4), as one table that the device, the server and
 * the desk screens all read:
 *
 *   device:  draft ─submit─▶ queued ─ingest (sync)─▶
 *   server:  submitted ─start_review─▶ in_review ─approve─▶ approved
 *                ▲                        ├─reject─▶ rejected
 *                └──resubmit── returned ◀─return─┘
 *            submitted/returned ─withdraw─▶ withdrawn
 *
 * A transition names who may fire it (roles, and whether only the application's own agent
 * may), from which states, and a guard over the facts of the moment. The server is the
 * authority for every state after `queued`.
 */

export const APPLICATION_STATUSES = ['draft', 'queued', 'submitted', 'in_review', 'approved', 'rejected', 'returned', 'withdrawn'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export const STATUS_LABELS: Record<ApplicationStatus, LocalisedText> = {
  draft: { 'zh-CN': '草稿', 'en': 'Draft' },
  queued: { 'zh-CN': '待上传', 'en': 'Waiting to upload' },
  submitted: { 'zh-CN': '已提交', 'en': 'Submitted' },
  in_review: { 'zh-CN': '审核中', 'en': 'In review' },
  approved: { 'zh-CN': '已通过', 'en': 'Approved' },
  rejected: { 'zh-CN': '已拒绝', 'en': 'Rejected' },
  returned: { 'zh-CN': '退回补充', 'en': 'Returned for more information' },
  withdrawn: { 'zh-CN': '已撤回', 'en': 'Withdrawn' },
}

/** States that exist only on the device, before the server has the application. */
export const DEVICE_ONLY_STATUSES: readonly ApplicationStatus[] = ['draft', 'queued']
/** States an application has on the server: the review queue's filter, the statistics' columns. */
export const SERVER_STATUSES = APPLICATION_STATUSES.filter(s => !DEVICE_ONLY_STATUSES.includes(s)) as [ApplicationStatus, ...ApplicationStatus[]]
/** The device may change the application's content only in these states. */
export const DEVICE_EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'queued', 'returned']
/** No transition leaves these. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['approved', 'rejected', 'withdrawn']

export const ACTIONS = ['submit', 'ingest', 'start_review', 'approve', 'reject', 'return', 'resubmit', 'withdraw'] as const
export type Action = (typeof ACTIONS)[number]

export const ACTION_LABELS: Record<Action, LocalisedText> = {
  submit: { 'zh-CN': '提交', 'en': 'Submit' },
  ingest: { 'zh-CN': '上传', 'en': 'Upload' },
  start_review: { 'zh-CN': '开始审核', 'en': 'Start review' },
  approve: { 'zh-CN': '通过', 'en': 'Approve' },
  reject: { 'zh-CN': '拒绝', 'en': 'Reject' },
  return: { 'zh-CN': '退回补充', 'en': 'Return for more information' },
  resubmit: { 'zh-CN': '重新提交', 'en': 'Resubmit' },
  withdraw: { 'zh-CN': '撤回', 'en': 'Withdraw' },
}

/**
 * Who is acting. Field agents act on their own applications at the sites they are assigned
 * to, reviewers on the sites they are assigned to, supervisors on all.
 */
export interface Actor {
  id: string
  role: Role
  siteIds: readonly string[]
}

/** What the guards need to know about the application. */
export interface ApplicationFacts {
  status: ApplicationStatus
  agentId: string
  siteId: string
  /** Unresolved duplicate candidates at the certain or likely level. */
  blockingDuplicateCandidates: number
  /** Every attachment the application names has arrived on the server. */
  attachmentsComplete: boolean
}

/** What the actor supplies with the action. */
export interface ActionInput {
  reason?: RejectReason
  note?: string
  items?: readonly ReturnItem[]
}

export interface GuardFailure {
  code: ErrorCode
  params?: IssueParams
  /** The application's field the failure is about, when one is (an agent's site). */
  path?: string
}

type Guard = (facts: ApplicationFacts, input: ActionInput) => GuardFailure | null

export interface Transition {
  action: Action
  from: readonly ApplicationStatus[]
  to: ApplicationStatus
  roles: readonly Role[]
  /** Only the agent who entered the application may fire it, and only within their reach (agent-reach.ts). */
  ownerOnly: boolean
  /** Where the transition happens. */
  side: 'device' | 'server'
  guard?: Guard
}

const REVIEWERS: readonly Role[] = ['reviewer', 'supervisor']

export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: ['draft'], to: 'queued', roles: ['field_agent'], ownerOnly: true, side: 'device' },
  { action: 'ingest', from: ['queued'], to: 'submitted', roles: ['field_agent'], ownerOnly: true, side: 'server' },
  { action: 'start_review', from: ['submitted'], to: 'in_review', roles: REVIEWERS, ownerOnly: false, side: 'server' },
  {
    action: 'approve',
    from: ['in_review'],
    to: 'approved',
    roles: REVIEWERS,
    ownerOnly: false,
    side: 'server',
    guard: (facts) => {
      if (facts.blockingDuplicateCandidates > 0)
        return { code: 'status.duplicate_unresolved', params: { count: facts.blockingDuplicateCandidates } }
      if (!facts.attachmentsComplete)
        return { code: 'status.attachments_incomplete' }
      return null
    },
  },
  {
    action: 'reject',
    from: ['in_review'],
    to: 'rejected',
    roles: REVIEWERS,
    ownerOnly: false,
    side: 'server',
    guard: (_facts, input) => {
      const code = rejectInputFailure(input)
      return code ? { code } : null
    },
  },
  {
    action: 'return',
    from: ['in_review'],
    to: 'returned',
    roles: REVIEWERS,
    ownerOnly: false,
    side: 'server',
    guard: (_facts, input) => {
      const code = returnInputFailure(input.items)
      return code ? { code } : null
    },
  },
  { action: 'resubmit', from: ['returned'], to: 'submitted', roles: ['field_agent'], ownerOnly: true, side: 'server' },
  { action: 'withdraw', from: ['submitted', 'returned'], to: 'withdrawn', roles: ['field_agent'], ownerOnly: true, side: 'server' },
]

const BY_ACTION = new Map(TRANSITIONS.map(t => [t.action, t]))

export function transitionFor(action: Action): Transition {
  return BY_ACTION.get(action)!
}

/** Whether the actor may touch the application at all: an agent's reach, a reviewer's sites. */
function scopeFailure(actor: Actor, facts: ApplicationFacts, transition: Transition): GuardFailure | null {
  if (transition.ownerOnly)
    return agentReachIssue(actor, facts)
  if (actor.role === 'reviewer' && !actor.siteIds.includes(facts.siteId))
    return { code: 'status.site_not_assigned' }
  return null
}

export type TransitionCheck
  = | { ok: true, to: ApplicationStatus }
    | { ok: false, failure: GuardFailure }

/**
 * Whether `actor` may fire `action` on the application now, and the state it leads to.
 * Checks, in order: the state, the role, the actor's scope, then the guard.
 */
export function checkTransition(actor: Actor, facts: ApplicationFacts, action: Action, input: ActionInput = {}): TransitionCheck {
  const transition = transitionFor(action)
  if (!transition.from.includes(facts.status))
    return { ok: false, failure: { code: 'status.action_not_allowed', params: { status: facts.status, action } } }
  if (!transition.roles.includes(actor.role))
    return { ok: false, failure: { code: 'status.role_not_allowed', params: { role: actor.role, action } } }
  const scope = scopeFailure(actor, facts, transition)
  if (scope)
    return { ok: false, failure: scope }
  const guarded = transition.guard?.(facts, input)
  return guarded ? { ok: false, failure: guarded } : { ok: true, to: transition.to }
}

/** The state `action` leads to from `status`, or null when the table has no such transition. */
export function nextStatus(status: ApplicationStatus, action: Action): ApplicationStatus | null {
  const transition = transitionFor(action)
  return transition.from.includes(status) ? transition.to : null
}

/**
 * The actions this actor could take on the application now, before any input: state, role
 * and scope must allow it; guards that depend on facts (duplicates, attachments) are
 * applied, guards that depend on the actor's input (reason, items) are not, since the
 * screen asks for that input.
 */
export function availableActions(actor: Actor, facts: ApplicationFacts, side?: Transition['side']): Action[] {
  return TRANSITIONS.filter((transition) => {
    if (side && transition.side !== side)
      return false
    const check = checkTransition(actor, facts, transition.action, { reason: 'other', note: '-', items: [{ kind: 'field', ref: 'person' }] })
    return check.ok
  }).map(t => t.action)
}
