import { ApplicationSchema } from '#shared/application/application.schema'
import { calendarDate } from '#shared/application/field-schemas'
import { versionPairIssue } from '#shared/application/version-compare'
import { DUPLICATE_LEVELS } from '#shared/dedup/duplicate-levels'
import { DUPLICATE_REASONS } from '#shared/dedup/duplicate-rules'
import { MEMBER_UPDATE_FIELDS, ResolveDuplicateSchema } from '#shared/dedup/resolution'
import { ReturnItemSchema, ReturnItemsSchema } from '#shared/status/return-item'
import { REJECT_REASONS } from '#shared/status/review-decisions'
import { ACTIONS, APPLICATION_STATUSES, SERVER_STATUSES } from '#shared/status/status-table'
import { ServerCopySchema } from '#shared/sync/protocol'
import { visibleText } from '#shared/text/hidden-characters'
import { createRoute, z } from '@hono/zod-openapi'
import { errorBodyWith, errorResponse, errorResponseWith, jsonContent } from '../../http/openapi'
import { flagParam, listParam, pageParams, versionParam } from '../../http/query-params'

/**
 * The review desk's API: the queue (masked), an application in full (audited), its
 * history and stored versions, and the reviewer's decisions with optimistic concurrency.
 */

/** The states an application can have on the server. */
const StatusSchema = z.enum(APPLICATION_STATUSES)

export const ReviewListQuerySchema = z.object({
  status: listParam(SERVER_STATUSES).optional(),
  siteId: z.string().min(1).max(64).optional(),
  agentId: z.string().min(1).max(64).optional(),
  submittedFrom: calendarDate.optional().openapi({ description: 'Earliest day of first submission (YYYY-MM-DD, China time), inclusive: the day the application first reached the server (`arrivedAt`), as the statistics count it; a resubmission does not move it.' }),
  submittedTo: calendarDate.optional().openapi({ description: 'Latest day of first submission (YYYY-MM-DD, China time), inclusive (see `submittedFrom`).' }),
  overdue: flagParam.optional().openapi({ description: 'Past the review deadline while awaiting review (true), or not (false).' }),
  hasDuplicates: flagParam.optional().openapi({ description: 'Has an unresolved duplicate candidate while still open — submitted, in review or returned (true), or none (false).' }),
  incomplete: flagParam.optional().openapi({ description: 'Some named attachment has not arrived (true), or all have (false).' }),
  sort: z.enum(['submittedAt', 'reviewDueAt', 'receiptNo']).default('submittedAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageParams,
})

const ReviewListItemSchema = z.object({
  id: z.string(),
  receiptNo: z.string(),
  status: StatusSchema,
  applicantType: z.string(),
  category: z.string(),
  siteId: z.string(),
  siteCode: z.string().nullable().openapi({ description: 'The site\'s code (null only if the site is gone).' }),
  siteName: z.string().nullable(),
  agentId: z.string(),
  agentName: z.string().nullable().openapi({ description: 'The field agent\'s display name.' }),
  submittedAt: z.string().openapi({ description: 'The last submission (a resubmission moves it): the queue\'s order.' }),
  arrivedAt: z.string().openapi({ description: 'When the application first reached the server: the day the date filter and the statistics go by.' }),
  reviewDueAt: z.string(),
  overdue: z.boolean(),
  attachmentsComplete: z.boolean(),
  duplicateCandidates: z.number().int().openapi({ description: 'Unresolved duplicate candidates.' }),
  version: z.number().int(),
  displayName: z.string().openapi({ description: 'Masked.', example: '张*' }),
  mobile: z.string().openapi({ description: 'Masked.', example: '138****8000' }),
}).openapi('ReviewListItem')

const ReviewListSchema = z.object({
  items: z.array(ReviewListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
}).openapi('ReviewList')

const IssueSchema = z.object({ path: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })

const DuplicateCandidateSchema = z.object({
  id: z.string(),
  otherType: z.enum(['member', 'application']),
  otherId: z.string().openapi({ description: 'The member id, or the application id.' }),
  otherApplicationId: z.string().nullable().openapi({ description: 'The application behind the other record (a member\'s own application).' }),
  level: z.enum(DUPLICATE_LEVELS),
  score: z.number(),
  reasons: z.array(z.object({ code: z.enum(DUPLICATE_REASONS), party: z.string(), otherParty: z.string() })).openapi({ description: 'Why: each reason with the matched parties (`applicant`, `dependant:<n>`, `organisation`).' }),
  comparison: z.object({
    party: z.string(),
    otherParty: z.string(),
    fields: z.record(z.string(), z.enum(['same', 'similar', 'different', 'missing'])),
  }).nullable().openapi({ description: 'Field by field, how the matched parties compare (for the side-by-side view).' }),
  other: z.object({
    receiptNo: z.string().nullable(),
    memberNo: z.string().nullable(),
    status: z.string(),
    siteId: z.string(),
    displayName: z.string().openapi({ description: 'Masked.' }),
  }).nullable(),
  resolution: z.enum(['same_person', 'different_person', 'other_closed']).nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable().openapi({ description: 'The reviewer\'s note on the verdict.' }),
  createdAt: z.string(),
}).openapi('DuplicateCandidate')

const FullApplicationSchema = ApplicationSchema.or(z.record(z.string(), z.unknown()))

const ReviewDetailSchema = z.object({
  id: z.string(),
  receiptNo: z.string(),
  version: z.number().int(),
  status: StatusSchema,
  applicantType: z.string(),
  category: z.string(),
  siteId: z.string(),
  siteCode: z.string().nullable().openapi({ description: 'The site\'s code (null only if the site is gone).' }),
  siteName: z.string().nullable(),
  agentId: z.string(),
  agentName: z.string().nullable().openapi({ description: 'The field agent\'s display name.' }),
  deviceId: z.string(),
  deviceCode: z.string().nullable().openapi({ description: 'The device\'s code (in its receipt numbers).' }),
  deviceLabel: z.string().nullable().openapi({ description: 'The device\'s name, as it registered.' }),
  formVersion: z.number().int(),
  capturedAt: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  reviewDueAt: z.string(),
  overdue: z.boolean(),
  reviewerId: z.string().nullable(),
  revealed: z.boolean().openapi({ description: 'Whether `application` carries full values (reveal=true) or masked ones.' }),
  application: FullApplicationSchema.openapi({ description: 'ID numbers and mobiles masked unless revealed.' }),
  warnings: z.array(IssueSchema),
  returnItems: z.array(ReturnItemSchema).nullable(),
  rejectReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  memberId: z.string().nullable(),
  memberNo: z.string().nullable(),
  attachmentsComplete: z.boolean(),
  duplicateCandidates: z.array(DuplicateCandidateSchema),
  availableActions: z.array(z.enum(ACTIONS)),
  answeredReturn: z.object({
    version: z.number().int().openapi({ description: 'The version the return left.' }),
    at: z.string(),
    note: z.string().nullable(),
    items: z.array(z.discriminatedUnion('kind', [ReturnItemSchema.options[0].extend({ changed: z.boolean() }), ReturnItemSchema.options[1].extend({ changed: z.boolean() })])).openapi({ description: 'Each item of the return, and whether the resubmission changed it (compared on the real values; a material: its files).' }),
  }).nullable().openapi({ description: 'The latest return once the agent has resubmitted it: null while returned, or when never returned.' }),
}).openapi('ReviewDetail')

const EventSchema = z.object({
  version: z.number().int(),
  action: z.string(),
  from: StatusSchema,
  to: StatusSchema,
  actorId: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  items: z.array(ReturnItemSchema).nullable(),
}).openapi('ApplicationEvent')

const VersionSchema = z.object({
  version: z.number().int(),
  status: StatusSchema,
  serverTime: z.string(),
  deviceTime: z.string().nullable(),
  clockOffsetMs: z.number().int().nullable().openapi({ description: 'How far the device\'s clock was ahead of the server\'s (negative: behind) when the push that made this version arrived, from the time the device said it sent it; null when it did not say or the desk made the version.' }),
  actorId: z.string(),
  actorName: z.string().nullable(),
  mutationId: z.string().nullable(),
}).openapi('ApplicationVersion')

const HistorySchema = z.object({ events: z.array(EventSchema), versions: z.array(VersionSchema) }).openapi('ApplicationHistory')

const VersionDetailSchema = VersionSchema.extend({ applicationId: z.string(), revealed: z.boolean(), application: FullApplicationSchema }).openapi('ApplicationVersionDetail')

const FieldChangeSchema = z.object({
  path: z.string().openapi({ example: 'person.mobile', description: 'A field\'s path; for a file, its place: `attachments.<kind>`, or `consent.signatureAttachmentId` / `consent.guardianSignatureAttachmentId` for a signature' }),
  kind: z.enum(['changed', 'added', 'removed']).openapi({ description: 'For a file: added, removed, or `changed` when replaced' }),
  before: z.unknown().optional().openapi({ description: 'The value before (absent when added), masked unless revealed; for a file `{ mediaType, size }` only' }),
  after: z.unknown().optional().openapi({ description: 'The value after (absent when removed), masked unless revealed; for a file `{ mediaType, size }` only' }),
}).openapi('ApplicationFieldChange')

const VersionComparisonSchema = z.object({
  applicationId: z.string(),
  revealed: z.boolean(),
  from: VersionSchema,
  to: VersionSchema,
  changes: z.array(FieldChangeSchema).openapi({ description: 'Every field whose value changed, appeared or disappeared, in the order of the newer version, then one change per file added, removed or replaced (never its id or hash); compared on the real values' }),
}).openapi('ApplicationVersionComparison')

const RevealQuerySchema = z.object({
  reveal: flagParam.optional().openapi({ description: '`true`: ID numbers and mobiles in full (audited as `application.view_full`); otherwise masked (audited as `application.view`).' }),
})

const CompareQuerySchema = RevealQuerySchema.extend({
  from: versionParam.openapi({ description: 'The earlier version', example: 3 }),
  to: versionParam.openapi({ description: 'The later version: greater than `from` (`version.order`)', example: 4 }),
}).superRefine((query, ctx) => {
  // Zod runs this even when a version was refused already: the pair is judged only when both are numbers.
  if (typeof query.from !== 'number' || typeof query.to !== 'number')
    return
  const issue = versionPairIssue(query.from, query.to)
  if (issue)
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.code, params: { code: issue.code, ...issue.params } })
})

const DecisionResultSchema = z.object({
  id: z.string(),
  receiptNo: z.string(),
  action: z.enum(['start_review', 'approve', 'reject', 'return']),
  version: z.number().int(),
  status: StatusSchema,
  memberId: z.string().nullable(),
  memberNo: z.string().nullable(),
}).openapi('ReviewDecisionResult')

const IdParams = z.object({ id: z.string().min(1).max(64) })

const IfMatchHeaders = z.object({
  'if-match': z.string().optional().openapi({ description: 'The version the decision is made on, as its ETag: `"3"`. Required.', example: '"3"' }),
})

const security = [{ bearer: [] }]
const tags = ['review']

const readErrors = {
  401: errorResponse('Not signed in'),
  403: errorResponse('Not a reviewer or supervisor'),
  404: errorResponse('No such application in your sites'),
}

export const listRoute = createRoute({
  method: 'get',
  path: '/api/review/applications',
  tags,
  summary: 'The review queue: filtered, sorted, paged; names and mobiles masked',
  security,
  request: { query: ReviewListQuerySchema },
  responses: {
    200: jsonContent(ReviewListSchema, 'A page of applications'),
    400: errorResponse('Invalid filter'),
    401: readErrors[401],
    403: readErrors[403],
  },
})

export const detailRoute = createRoute({
  method: 'get',
  path: '/api/review/applications/{id}',
  tags,
  summary: 'An application (ID numbers and mobiles masked unless reveal=true), with duplicate candidates and the actions available; every view is audited',
  security,
  request: { params: IdParams, query: RevealQuerySchema },
  responses: { 200: jsonContent(ReviewDetailSchema, 'The application (ETag: its version)'), 400: errorResponse('Invalid reveal flag'), ...readErrors, 410: errorResponse('Its personal data was destroyed at the end of its retention period (`record.purged`)') },
})

export const historyRoute = createRoute({
  method: 'get',
  path: '/api/review/applications/{id}/history',
  tags,
  summary: 'Status events and stored versions of an application',
  security,
  request: { params: IdParams },
  responses: { 200: jsonContent(HistorySchema, 'History, oldest first'), ...readErrors },
})

export const versionRoute = createRoute({
  method: 'get',
  path: '/api/review/applications/{id}/versions/{version}',
  tags,
  summary: 'One stored version of an application (masked unless reveal=true); every view is audited',
  security,
  request: { params: IdParams.extend({ version: versionParam }), query: RevealQuerySchema },
  responses: { 200: jsonContent(VersionDetailSchema, 'The version'), 400: errorResponse('Invalid version'), ...readErrors, 410: errorResponse('Its personal data was destroyed at the end of its retention period (`record.purged`)') },
})

export const compareVersionsRoute = createRoute({
  method: 'get',
  path: '/api/review/applications/{id}/version-changes',
  tags,
  summary: 'What changed between two stored versions (values masked unless reveal=true): only the changes leave the server; audited as one view',
  security,
  request: { params: IdParams, query: CompareQuerySchema },
  responses: { 200: jsonContent(VersionComparisonSchema, 'The changes'), 400: errorResponse('Invalid versions or reveal flag; `from` not before `to` (`version.order`); a version the application does not have (`version.unknown`, with `version`)'), ...readErrors, 410: errorResponse('Its personal data was destroyed at the end of its retention period (`record.purged`)') },
})

/** A stale If-Match's answer: the application as it is now, masked (see conflictAnswer in review.service.ts). */
const ApplicationConflictSchema = errorBodyWith('ApplicationConflictError', { current: ServerCopySchema.optional() })

const decisionErrors = {
  400: errorResponse('Invalid body or If-Match'),
  ...readErrors,
  409: errorResponseWith('Stale version (`request.version_conflict`, with `current`: the server copy, masked as the detail is without reveal) or not possible in this state (`status.action_not_allowed`)', ApplicationConflictSchema),
  422: errorResponse('A rule of the status table refuses it (e.g. `status.duplicate_unresolved`, `status.attachments_incomplete`, `status.reason_required`, `status.items_required`)'),
  428: errorResponse('If-Match missing (`request.version_required`)'),
}

const note = visibleText(1000)

const decisionPath = '/api/review/applications/{id}/actions'
const decisionResponses = {
  200: jsonContent(DecisionResultSchema, 'Applied: the new version and status (ETag: the new version)'),
  ...decisionErrors,
}

export const startReviewRoute = createRoute({
  method: 'post',
  path: `${decisionPath}/start_review`,
  tags,
  summary: 'Take a submitted application into review',
  security,
  request: { params: IdParams, headers: IfMatchHeaders },
  responses: decisionResponses,
})

export const approveRoute = createRoute({
  method: 'post',
  path: `${decisionPath}/approve`,
  tags,
  summary: 'Approve: creates the member (number from the programme prefix, card pending) in the same transaction',
  security,
  request: {
    params: IdParams,
    headers: IfMatchHeaders,
    body: { content: { 'application/json': { schema: z.object({ note: note.optional() }).strict().openapi('ApproveRequest') } }, required: false },
  },
  responses: decisionResponses,
})

export const rejectRoute = createRoute({
  method: 'post',
  path: `${decisionPath}/reject`,
  tags,
  summary: 'Reject with a reason code (and a note when the reason is `other`)',
  security,
  request: {
    params: IdParams,
    headers: IfMatchHeaders,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            reason: z.enum(REJECT_REASONS).optional().openapi({ description: 'Required (status.reason_required).' }),
            note: note.optional().openapi({ description: 'Required when the reason is `other` (status.note_required).' }),
          }).strict().openapi('RejectRequest'),
        },
      },
      required: true,
    },
  },
  responses: decisionResponses,
})

export const returnRoute = createRoute({
  method: 'post',
  path: `${decisionPath}/return`,
  tags,
  summary: 'Return to the agent with the items to fix and a comment',
  security,
  request: {
    params: IdParams,
    headers: IfMatchHeaders,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            items: ReturnItemsSchema.default([]).openapi({ description: 'At least one (status.items_required), each field or material named once (return.duplicate_item).' }),
            comment: note.optional(),
          }).strict().openapi('ReturnRequest'),
        },
      },
      required: true,
    },
  },
  responses: decisionResponses,
})

const ResolveResultSchema = z.object({
  candidateId: z.string(),
  resolution: z.enum(['same_person', 'different_person']),
  // A union, not `.nullable().openapi(…)`: on a registered schema that is generated as
  // allOf [ReviewDecisionResult, object|null], which no null satisfies.
  decision: z.union([DecisionResultSchema, z.null()]).openapi({ description: 'The rejection (reason `duplicate`) of a same-person verdict; null for a different person.' }),
  memberUpdate: z.object({ memberId: z.string(), version: z.number().int(), fields: z.array(z.enum(MEMBER_UPDATE_FIELDS)) }).nullable(),
}).openapi('ResolveDuplicateResult')

export const resolveDuplicateRoute = createRoute({
  method: 'post',
  path: '/api/review/applications/{id}/duplicates/{candidateId}/resolve',
  tags,
  summary: 'Resolve a duplicate candidate: same person (rejected as `duplicate`, optionally updating the member) or different person (never raised again); audited',
  security,
  request: {
    params: IdParams.extend({ candidateId: z.string().min(1).max(64) }),
    headers: IfMatchHeaders,
    body: { content: { 'application/json': { schema: ResolveDuplicateSchema.openapi('ResolveDuplicateRequest') } }, required: true },
  },
  responses: {
    200: jsonContent(ResolveResultSchema, 'Resolved (ETag: the application\'s version now)'),
    ...decisionErrors,
    403: errorResponse('Not a reviewer or supervisor (`status.role_not_allowed`), an application of another site (`status.site_not_assigned`), or member details asked for another site\'s member by a reviewer (`member.site_not_assigned`)'),
    409: errorResponseWith('Stale version (`request.version_conflict`, with `current`: the server copy, masked, when the application changed), already resolved (`duplicate.already_resolved`) or not possible in this state (`duplicate.not_resolvable`, `duplicate.same_person_needs_review`)', ApplicationConflictSchema),
    422: errorResponse('Member details asked for where the candidate is not the member themselves (`duplicate.member_fields_not_allowed`)'),
  },
})
