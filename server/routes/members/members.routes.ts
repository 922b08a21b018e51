import { ApplicationSchema } from '#shared/application/application.schema'
import { MemberContactChangeSchema } from '#shared/members/contact-change'
import { MEMBER_OPERATIONS, MemberFeeSchema } from '#shared/members/member-operations'
import { CARD_STATUSES, MEMBER_STATUSES } from '#shared/members/member-status'
import { RevisitSchema } from '#shared/members/revisit'
import { ProgrammeCodeSchema } from '#shared/programme/programme.schema'
import { visibleText } from '#shared/text/hidden-characters'
import { createRoute, z } from '@hono/zod-openapi'
import { errorBodyWith, errorResponse, errorResponseWith, jsonContent } from '../../http/openapi'
import { flagParam, listParam, pageParams } from '../../http/query-params'
import { SearchHeaderSchema } from '../../http/search-header'

/**
 * Members: search and list (masked), one member with its change history (masked unless
 * revealed; every view audited), and the card and status operations (If-Match).
 */

export const MemberListQuerySchema = z.object({
  q: z.string().trim().min(1).max(64).optional().openapi({ description: 'A member number or its prefix (`FE0000`), an exact mobile, or an exact identity document / USCC number.' }),
  status: listParam(MEMBER_STATUSES).optional().openapi({ description: 'Standing on today (China): `expired` = active but past validUntil, or stored as expired.' }),
  siteId: z.string().min(1).max(64).optional(),
  category: ProgrammeCodeSchema.optional().openapi({ description: 'A member category code (`vip`).' }),
  level: ProgrammeCodeSchema.optional().openapi({ description: 'A level code of that category (`gold`); with `category`.' }),
  revisitDue: flagParam.optional().openapi({ description: '`true`: only members whose re-visit (回访) is due by today (China), not cancelled; the longest-waiting first.' }),
  marketing: flagParam.optional().openapi({ description: '`true`: only members who agreed to marketing messages (营销授权); `false`: only those who did not, or withdrew.' }),
  ...pageParams,
})

const memberColumns = {
  id: z.string(),
  memberNo: z.string(),
  applicantType: z.string(),
  category: z.string(),
  level: z.string().nullable(),
  siteId: z.string(),
  status: z.enum(MEMBER_STATUSES).openapi({ description: 'Standing on today (China); `expired` is derived from validUntil.' }),
  cardStatus: z.enum(CARD_STATUSES),
  validFrom: z.string(),
  validUntil: z.string(),
  revisitDue: z.string().nullable().openapi({ description: 'The date (China) the next re-visit (回访) is due; null when there is to be none (cancelled, or the member declined).', example: '2027-01-05' }),
  marketing: z.boolean().openapi({ description: 'Agreed to marketing messages (营销授权): as signed, until withdrawn (withdraw_marketing).' }),
  version: z.number().int(),
  createdAt: z.string(),
}

const MemberListItemSchema = z.object({
  ...memberColumns,
  siteCode: z.string().nullable().openapi({ description: 'The site\'s code (null only if the site is gone).' }),
  siteName: z.string().nullable(),
  displayName: z.string().openapi({ description: 'Masked.', example: '张*' }),
  mobile: z.string().openapi({ description: 'Masked.', example: '138****8000' }),
}).openapi('MemberListItem')

const MemberListSchema = z.object({
  items: z.array(MemberListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
}).openapi('MemberList')

const MemberChangeSchema = z.object({
  version: z.number().int(),
  action: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
}).openapi('MemberChange')

const MemberDetailSchema = z.object({
  ...memberColumns,
  applicationId: z.string(),
  displayName: z.string(),
  mobile: z.string().openapi({ description: 'Masked unless revealed.' }),
  cardNo: z.string().nullable(),
  updatedAt: z.string(),
  revealed: z.boolean(),
  data: ApplicationSchema.or(z.record(z.string(), z.unknown())).openapi({ description: 'The approved application; ID numbers and mobiles masked unless revealed.' }),
  changes: z.array(MemberChangeSchema).openapi({ description: 'The change history, oldest first. `detail` of an operation: `{ changes: { <field>: { from, to } }, fee?, reason?, revisit?: { channel, outcome }, fields?: [names of the contact details changed], note? }`.' }),
  availableOperations: z.array(z.enum(MEMBER_OPERATIONS)).openapi({ description: 'What the signed-in user may do now (shared operations table; fee and reason not yet checked).' }),
}).openapi('MemberDetail')

const MemberOperationRequestSchema = z.object({
  fee: MemberFeeSchema.optional().openapi({ description: 'Required for reissue and renew (member.fee_required): amount in fen, method, and a receipt number unless waived.' }),
  reason: visibleText(500).optional().openapi({ description: 'Required for freeze, cancel, update_contact and change_level: why, for the history (member.reason_required).' }),
  revisit: RevisitSchema.optional().openapi({ description: 'Required for revisit (member.revisit_required): how the member was contacted and the outcome; the next re-visit date follows from it (shared/members/revisit.ts).' }),
  contact: MemberContactChangeSchema.optional().openapi({ description: 'Required for update_contact (member.contact_required), with a reason: `{ person: { mobile?, email?, address?, occupation?, employer? } }` for an individual or family (the primary applicant), `{ organisation: { contact?: { name?, mobile?, position? }, registeredAddress? } }` for an organisation (parts of the contact person left out stay as they are); `null` removes an optional detail. Identity (name, birth date, documents) never changes here.' }),
  level: ProgrammeCodeSchema.optional().openapi({ description: 'Required for change_level (member.level_required), with a reason: a level code of the member\'s category in the programme in force, not its current one.' }),
  note: visibleText(1000).optional(),
}).strict().openapi('MemberOperationRequest')

const MemberOperationResultSchema = z.object({
  id: z.string(),
  memberNo: z.string(),
  operation: z.enum(MEMBER_OPERATIONS),
  version: z.number().int(),
  status: z.enum(MEMBER_STATUSES),
  cardStatus: z.enum(CARD_STATUSES),
  cardNo: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string(),
  revisitDue: z.string().nullable(),
  change: MemberChangeSchema,
}).openapi('MemberOperationResult')

const security = [{ bearer: [] }]
const tags = ['members']

export const listMembersRoute = createRoute({
  method: 'get',
  path: '/api/members',
  tags,
  summary: 'Search and list members; names and mobiles masked',
  security,
  request: { query: MemberListQuerySchema, headers: SearchHeaderSchema },
  responses: {
    200: jsonContent(MemberListSchema, 'A page of members, by member number (with revisitDue=true, the longest-waiting first)'),
    400: errorResponse('Invalid query'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a reviewer or supervisor'),
  },
})

export const memberDetailRoute = createRoute({
  method: 'get',
  path: '/api/members/{id}',
  tags,
  summary: 'A member with its change history and the operations available; ID numbers and mobiles masked unless reveal=true; every view is audited',
  security,
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    query: z.object({ reveal: flagParam.optional().openapi({ description: '`true`: full values (audited as `member.view_full`); otherwise masked (audited as `member.view`).' }) }),
  },
  responses: {
    200: jsonContent(MemberDetailSchema, 'The member (ETag: its version)'),
    400: errorResponse('Invalid reveal flag'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a reviewer or supervisor'),
    404: errorResponse('No such member in your sites'),
    410: errorResponse('Its personal data was destroyed at the end of its retention period (`record.purged`)'),
  },
})

export const memberOperationRoute = createRoute({
  method: 'post',
  path: '/api/members/{id}/actions/{operation}',
  tags,
  summary: 'A card or status operation: issue_card, report_lost, reissue (fee), freeze (reason), unfreeze, cancel (reason; supervisors), renew (fee), revisit (channel and outcome), update_contact (contact details and a reason), change_level (a level and a reason), withdraw_marketing (the member no longer agrees to marketing messages)',
  description: 'Checked against the shared table (shared/members/member-operations.ts). Writes the member at the next version, its change-history entry and the audit entry in one transaction. issue_card and reissue hand out a new card number; renew extends the validity by the programme\'s term; revisit records a re-visit (回访) and moves the next one\'s date by its outcome; cancel ends the re-visits; update_contact changes the member\'s contact details (资料变更) and rebuilds its duplicate keys.',
  security,
  request: {
    params: z.object({ id: z.string().min(1).max(64), operation: z.enum(MEMBER_OPERATIONS) }),
    headers: z.object({ 'if-match': z.string().optional().openapi({ description: 'The member version the operation is made on: `"3"`. Required.', example: '"3"' }) }),
    body: { content: { 'application/json': { schema: MemberOperationRequestSchema } }, required: false },
  },
  responses: {
    200: jsonContent(MemberOperationResultSchema, 'Applied (ETag: the new version)'),
    400: errorResponse('Invalid body, operation or If-Match'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not a reviewer or supervisor (`auth.forbidden`), or the table refuses the role (`member.role_not_allowed`)'),
    404: errorResponse('No such member in your sites'),
    409: errorResponseWith('Stale version (`request.version_conflict`, with `current`: the member as GET shows it, masked), not possible in the member\'s standing now (`member.operation_not_allowed`, with `current` likewise: a member that expired since it was loaded keeps its version), or a mobile another person member holds (`member.mobile_taken`, naming the member; `member.mobile_taken_elsewhere` when it is a member of a site the signed-in reviewer does not work for)', errorBodyWith('MemberConflictError', { current: MemberDetailSchema.optional() })),
    410: errorResponse('Its personal data was destroyed at the end of its retention period (`record.purged`)'),
    422: errorResponse('Missing or unfit input: `member.fee_required`, `member.fee_amount_required`, `member.fee_receipt_required`, `payment.waived_not_zero`, `member.reason_required`, `member.revisit_required`, `member.contact_required`, `member.contact_type_mismatch`, `member.nothing_changed`, `member.level_required`, `member.level_unknown`, `member.category_without_levels`, `member.marketing_not_given`'),
    428: errorResponse('If-Match missing (`request.version_required`)'),
  },
})
