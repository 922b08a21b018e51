import type { Application } from '#shared/application/application.schema'
import type { FieldChange } from '#shared/application/version-diff'
import type { ComparedField, FieldComparison } from '#shared/dedup/compare-parties'
import type { DuplicateLevel } from '#shared/dedup/duplicate-levels'
import type { DuplicateReason } from '#shared/dedup/duplicate-rules'
import type { DuplicateResolution, MemberUpdateField, ResolveDuplicateInput } from '#shared/dedup/resolution'
import type { RejectReason, ReturnItem } from '#shared/status/review-decisions'
import type { Action, ApplicationStatus } from '#shared/status/status-table'
import type { AnsweredReturnItem } from '#shared/status/untouched-return-items'
import type { DeskHttp } from './desk-http'

/**
 * The review API (server/routes/review) as the desk uses it. Types are written here rather
 * than imported from the server so the client never type-checks server code;
 * test/types/client-api.contract.ts fails the type check when they drift from the route schemas.
 */

export interface ReviewListItem {
  id: string
  receiptNo: string
  status: ApplicationStatus
  applicantType: string
  category: string
  siteId: string
  siteCode: string | null
  siteName: string | null
  agentId: string
  agentName: string | null
  /** The last submission (a resubmission moves it). */
  submittedAt: string
  /** When it first reached the server: the day the queue's date filter and the statistics go by. */
  arrivedAt: string
  reviewDueAt: string
  overdue: boolean
  attachmentsComplete: boolean
  duplicateCandidates: number
  version: number
  displayName: string
  mobile: string
}

export interface ReviewList {
  items: ReviewListItem[]
  total: number
  page: number
  pageSize: number
}

/** A reason the scoring found, between a party of this application and one of the other record. */
export interface DuplicateReasonMatch {
  code: DuplicateReason
  /** `applicant`, `dependant:<n>` or `organisation`. */
  party: string
  otherParty: string
}

/** Field by field, how the matched parties compare (the side-by-side view's highlight). */
export interface DuplicateComparison {
  party: string
  otherParty: string
  fields: Partial<Record<ComparedField, FieldComparison>>
}

/** What the desk may show of the other record without opening it: masked. */
export interface DuplicateOtherSummary {
  receiptNo: string | null
  memberNo: string | null
  /** The application's status, or the member's. */
  status: string
  siteId: string
  /** Masked. */
  displayName: string
}

export interface DuplicateCandidate {
  id: string
  otherType: 'member' | 'application'
  /** The member id, or the application id. */
  otherId: string
  /** The application behind the other record (a member's own application). */
  otherApplicationId: string | null
  level: DuplicateLevel
  score: number
  reasons: DuplicateReasonMatch[]
  comparison: DuplicateComparison | null
  other: DuplicateOtherSummary | null
  resolution: DuplicateResolution | null
  resolvedBy: string | null
  resolvedAt: string | null
  resolutionNote: string | null
  createdAt: string
}

export interface ResolveDuplicateResult {
  candidateId: string
  resolution: 'same_person' | 'different_person'
  /** The rejection a same-person resolution made; null for different person. */
  decision: { id: string, status: ApplicationStatus, version: number } | null
  /** The member details carried over, when any changed. */
  memberUpdate: { memberId: string, version: number, fields: MemberUpdateField[] } | null
}

export interface ReviewDetail {
  id: string
  receiptNo: string
  version: number
  status: ApplicationStatus
  applicantType: string
  category: string
  siteId: string
  siteCode: string | null
  siteName: string | null
  agentId: string
  agentName: string | null
  deviceId: string
  deviceCode: string | null
  deviceLabel: string | null
  formVersion: number
  capturedAt: string
  submittedAt: string
  updatedAt: string
  reviewDueAt: string
  overdue: boolean
  reviewerId: string | null
  /** Whether `application` carries full values (reveal=true) or masked ones. */
  revealed?: boolean
  application: Application
  warnings: Array<{ path: string, code: string, params?: Record<string, string | number> }>
  returnItems: ReturnItem[] | null
  rejectReason: string | null
  decisionNote: string | null
  memberId: string | null
  memberNo: string | null
  attachmentsComplete: boolean
  duplicateCandidates: DuplicateCandidate[]
  /** The latest return once resubmitted, each item marked changed or not by the resubmission. */
  answeredReturn: { version: number, at: string, note: string | null, items: AnsweredReturnItem[] } | null
  availableActions: Action[]
}

export interface ApplicationEvent {
  version: number
  action: string
  from: ApplicationStatus
  to: ApplicationStatus
  actorId: string
  actorName: string | null
  at: string
  reason: string | null
  note: string | null
  items: ReturnItem[] | null
}

export interface ApplicationVersion {
  version: number
  status: ApplicationStatus
  serverTime: string
  deviceTime: string | null
  /** How far the device's clock was ahead of the server's (negative: behind) when this version arrived. */
  clockOffsetMs: number | null
  actorId: string
  actorName: string | null
  mutationId: string | null
}

export interface ApplicationHistory {
  events: ApplicationEvent[]
  versions: ApplicationVersion[]
}

/** What changed between two versions, as the server compared them (values masked unless revealed). */
export interface ApplicationVersionComparison {
  applicationId: string
  revealed: boolean
  from: ApplicationVersion
  to: ApplicationVersion
  changes: FieldChange[]
}

export type ReviewDecision
  = | { action: 'start_review' }
    | { action: 'approve', note?: string }
    | { action: 'reject', reason: RejectReason, note?: string }
    | { action: 'return', items: ReturnItem[], comment?: string }

export interface DecisionResult {
  id: string
  receiptNo: string
  action: ReviewDecision['action']
  version: number
  status: ApplicationStatus
  memberId: string | null
  memberNo: string | null
}

function decisionBody(decision: ReviewDecision): unknown {
  switch (decision.action) {
    case 'start_review': return undefined
    case 'approve': return decision.note ? { note: decision.note } : {}
    case 'reject': return { reason: decision.reason, ...(decision.note ? { note: decision.note } : {}) }
    case 'return': return { items: decision.items, ...(decision.comment ? { comment: decision.comment } : {}) }
  }
}

const base = '/api/review/applications'

export function reviewApi(http: DeskHttp) {
  const one = (id: string) => `${base}/${encodeURIComponent(id)}`
  return {
    /** `query` is the API's query string, made by queue-filters.ts. */
    list: (query: string) => http.json<ReviewList>(query ? `${base}?${query}` : base),
    /**
     * The application. Masked unless `reveal`: the full view is asked for only when the
     * reviewer presses 显示完整信息, because the server audits every full view.
     */
    detail: (id: string, { reveal = false } = {}) => http.json<ReviewDetail>(reveal ? `${one(id)}?reveal=true` : one(id)),
    history: (id: string) => http.json<ApplicationHistory>(`${one(id)}/history`),
    /**
     * The changes between two stored versions. The server compares the real values (a mobile
     * whose hidden digits changed is a change) and sends only the changes, masked unless the
     * page is in the full view; it audits the look as a view, or a full view with `reveal`.
     */
    versionChanges: (id: string, from: number, to: number, { reveal = false } = {}) =>
      http.json<ApplicationVersionComparison>(`${one(id)}/version-changes?from=${from}&to=${to}${reveal ? '&reveal=true' : ''}`),
    /** A decision on the version the reviewer saw: If-Match, so a stale screen gets 409, never a blind overwrite. */
    decide: (id: string, version: number, decision: ReviewDecision) => http.json<DecisionResult>(`${one(id)}/actions/${decision.action}`, {
      method: 'POST',
      headers: { 'If-Match': `"${version}"` },
      json: decisionBody(decision),
    }),
    /** A reviewer's verdict on a duplicate candidate, on the version on screen (If-Match; 409 when stale). */
    resolveDuplicate: (id: string, candidateId: string, version: number, input: ResolveDuplicateInput) => http.json<ResolveDuplicateResult>(`${one(id)}/duplicates/${encodeURIComponent(candidateId)}/resolve`, {
      method: 'POST',
      headers: { 'If-Match': `"${version}"` },
      json: input,
    }),
    attachment: (sha256: string) => http.blob(`/api/attachments/${encodeURIComponent(sha256)}`),
  }
}

export type ReviewApi = ReturnType<typeof reviewApi>
