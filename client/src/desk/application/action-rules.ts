import type { Action, ActionInput, Actor, ApplicationFacts, GuardFailure } from '#shared/status/status-table'
import { BLOCKING_DUPLICATE_LEVELS } from '#shared/dedup/duplicate-levels'
import { availableActions, checkTransition } from '#shared/status/status-table'

/**
 * Which decision buttons the application page shows: exactly what the shared status table
 * allows this actor on this application now (`availableActions`, server side), never a
 * second copy of the rules. The server checks again on every decision; this only keeps the
 * screen from offering what would be refused. Pure: no Vue, no DOM.
 */

/** The reviewer's decisions, in the order the buttons appear. */
export const DESK_ACTIONS = ['start_review', 'approve', 'return', 'reject'] as const satisfies readonly Action[]
export type DeskAction = (typeof DESK_ACTIONS)[number]

/** Keyboard shortcuts (lower case): S start review, A approve, R return, J reject (驳回). */
export const ACTION_SHORTCUTS: Record<DeskAction, string> = {
  start_review: 's',
  approve: 'a',
  return: 'r',
  reject: 'j',
}

/** What the detail answer tells about an application, as the status table's facts. */
export interface DetailFacts {
  status: ApplicationFacts['status']
  agentId: string
  siteId: string
  attachmentsComplete: boolean
  duplicateCandidates: ReadonlyArray<{ level: string, resolution: string | null }>
}

export function factsOf(detail: DetailFacts): ApplicationFacts {
  return {
    status: detail.status,
    agentId: detail.agentId,
    siteId: detail.siteId,
    attachmentsComplete: detail.attachmentsComplete,
    blockingDuplicateCandidates: detail.duplicateCandidates
      .filter(c => c.resolution === null && (BLOCKING_DUPLICATE_LEVELS as readonly string[]).includes(c.level))
      .length,
  }
}

/** The decision buttons to show, in button order. */
export function deskActions(actor: Actor, facts: ApplicationFacts): DeskAction[] {
  const allowed = new Set<Action>(availableActions(actor, facts, 'server'))
  return DESK_ACTIONS.filter(action => allowed.has(action))
}

/**
 * Decisions the state and the role would allow but a fact of the application refuses now
 * (approve with an unresolved likely duplicate, or before every photo arrived): the page
 * says why the button is missing instead of leaving the reviewer to guess.
 */
export function blockedActions(actor: Actor, facts: ApplicationFacts): Array<{ action: DeskAction, failure: GuardFailure }> {
  // Input the screen asks for anyway, so only the facts can refuse.
  const input: ActionInput = { reason: 'other', note: '-', items: [{ kind: 'field', ref: 'person' }] }
  const blocked: Array<{ action: DeskAction, failure: GuardFailure }> = []
  for (const action of DESK_ACTIONS) {
    const check = checkTransition(actor, facts, action, input)
    const byFact = !check.ok && !['status.action_not_allowed', 'status.role_not_allowed', 'status.not_owner', 'status.site_not_assigned'].includes(check.failure.code)
    if (!check.ok && byFact)
      blocked.push({ action, failure: check.failure })
  }
  return blocked
}

/** A key press as the shortcut handler needs it (a KeyboardEvent fits). */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  /** The element the key went to. */
  target: { tagName?: string, isContentEditable?: boolean } | null
  /**
   * Whether anything is over the page (a decision's own dialog, the duplicate comparison,
   * the password change, a confirmation, the photo viewer, an open list): its keys are its
   * own, and a decision must not open behind or on top of it.
   */
  modalOpen: boolean
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT'])

/** Whether the key goes to something the user is typing in: shortcuts stay out of the way. */
export function isTyping(target: KeyPress['target']): boolean {
  return !!target && (TYPING_TAGS.has((target.tagName ?? '').toUpperCase()) || target.isContentEditable === true)
}

/** The decision a key press asks for, when that decision is on screen and nothing covers it; otherwise null. */
export function shortcutAction(press: KeyPress, available: readonly DeskAction[]): DeskAction | null {
  if (press.modalOpen || press.ctrlKey || press.metaKey || press.altKey || isTyping(press.target))
    return null
  const key = press.key.toLowerCase()
  return available.find(action => ACTION_SHORTCUTS[action] === key) ?? null
}
