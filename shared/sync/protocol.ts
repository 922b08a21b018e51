import { z } from 'zod'
import { ApplicationSchema } from '../application/application.schema'
import { ProgrammeSettingsSchema } from '../programme/programme.schema'
import { ReturnItemSchema } from '../status/return-item'
import { APPLICATION_STATUSES } from '../status/status-table'
import { MAX_BASE_VERSION, MAX_PUSH_BATCH, SYNC_PROTOCOL_VERSION } from './protocol-constants'

/**
 * The sync contract between a device and the server (DESIGN.md §5), used by both sides.
 *
 * Push: the device sends batches of mutations, each with its own id and the version it
 * was made on. The server answers each one on its own:
 * - `applied`: stored; the receipt names the new version and every attachment hash, and
 *   only once the device has stored this receipt may it show the record as synced;
 * - `already_applied`: the same mutation id was applied before: the same answer again, so
 *   a retry after a lost answer never creates a second record;
 * - `rejected`: the server refused it (field issues as codes and params, or a permission
 *   code); the device sets the record aside with the reason and goes on with the rest;
 * - `conflict`: the server's copy moved on (a reviewer acted); the answer carries the
 *   server copy, and the device keeps its own edit beside it for the agent to redo.
 *
 * Pull: changes after a cursor (a server-side sequence handed out in commit order), for
 * this agent plus everyone's reference data, in pages with `hasMore`. A cursor beyond the
 * highest sequence the server has handed out (its database restored from an older backup)
 * is answered 409 `sync.cursor_ahead`: the device pulls again from 0, its outbox untouched.
 */

export { MAX_BASE_VERSION, MAX_PULL_PAGE, MAX_PUSH_BATCH, MUTATION_KINDS, SYNC_PROTOCOL_VERSION } from './protocol-constants'
export type { MutationKind } from './protocol-constants'

const mutationBase = {
  mutationId: z.uuid(),
  applicationId: z.uuid(),
  /** The server version the device's copy was made on (0 for a first submission). */
  baseVersion: z.number().int().min(0).max(MAX_BASE_VERSION),
  /** The device's clock when the agent acted; the server records its own time beside it. */
  deviceTime: z.iso.datetime({ offset: true }),
}

// The application is checked by validateApplication on the server, which reports every
// issue with stable codes; here it only needs to be an object.
const applicationPayload = z.record(z.string(), z.unknown())

export const MutationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submit'), ...mutationBase, application: applicationPayload }),
  z.object({ kind: z.literal('resubmit'), ...mutationBase, application: applicationPayload }),
  z.object({ kind: z.literal('withdraw'), ...mutationBase }),
])
export type Mutation = z.infer<typeof MutationSchema>

export const PushRequestSchema = z.object({
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  mutations: z.array(MutationSchema).min(1).max(MAX_PUSH_BATCH),
  /**
   * The device's clock when it sent the batch: the server keeps it beside its own time, so
   * each version records how far the device's clock was off (clock-offset.ts). Absent
   * from releases before it, which the server still accepts.
   */
  sentAt: z.iso.datetime({ offset: true }).optional(),
})
export type PushRequest = z.infer<typeof PushRequestSchema>

const StatusSchema = z.enum(APPLICATION_STATUSES)

/** What the server holds for one application, as a device may see it. */
export const ServerCopySchema = z.object({
  applicationId: z.string(),
  version: z.number().int(),
  status: StatusSchema,
  application: ApplicationSchema.or(z.record(z.string(), z.unknown())),
  returnItems: z.array(ReturnItemSchema).nullable(),
  decisionNote: z.string().nullable(),
  rejectReason: z.string().nullable(),
  memberNo: z.string().nullable(),
})
export type ServerCopy = z.infer<typeof ServerCopySchema>

export const SyncReceiptSchema = z.object({
  applicationId: z.string(),
  version: z.number().int(),
  status: StatusSchema,
  /** Every attachment hash the stored version names, and those not yet uploaded. */
  attachments: z.array(z.string()),
  missingAttachments: z.array(z.string()),
  serverTime: z.string(),
})
export type SyncReceipt = z.infer<typeof SyncReceiptSchema>

const IssueSchema = z.object({ path: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })

export const MutationResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('applied'), mutationId: z.string(), receipt: SyncReceiptSchema }),
  z.object({ outcome: z.literal('already_applied'), mutationId: z.string(), receipt: SyncReceiptSchema }),
  z.object({ outcome: z.literal('rejected'), mutationId: z.string(), applicationId: z.string(), issues: z.array(IssueSchema) }),
  z.object({ outcome: z.literal('conflict'), mutationId: z.string(), server: ServerCopySchema }),
])
export type MutationResult = z.infer<typeof MutationResultSchema>

export const PushResponseSchema = z.object({
  results: z.array(MutationResultSchema),
  serverTime: z.string(),
})
export type PushResponse = z.infer<typeof PushResponseSchema>

export const ApplicationChangeSchema = z.object({
  seq: z.number().int(),
  kind: z.literal('application'),
  applicationId: z.string(),
  receiptNo: z.string(),
  version: z.number().int(),
  status: StatusSchema,
  action: z.string(),
  returnItems: z.array(ReturnItemSchema).nullable(),
  decisionNote: z.string().nullable(),
  rejectReason: z.string().nullable(),
  memberNo: z.string().nullable(),
  at: z.string(),
})
export type ApplicationChange = z.infer<typeof ApplicationChangeSchema>

export const SiteSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), regionCode: z.string() })

export const PullResponseSchema = z.object({
  changes: z.array(ApplicationChangeSchema),
  /** Pass this back as `cursor` next time. */
  cursor: z.number().int(),
  hasMore: z.boolean(),
  reference: z.object({
    programmeVersion: z.number().int(),
    programme: ProgrammeSettingsSchema,
    /** The agent's open sites: where the tablet offers new applications. */
    sites: z.array(SiteSchema).describe('The agent\'s open sites: where the tablet offers new applications'),
    /** Every site the agent is assigned to, closed ones included: the reach the tablet checks offline (shared/status/agent-reach.ts). */
    siteIds: z.array(z.string()).describe('Every site the agent is assigned to, closed ones included: where their applications may still be submitted, resubmitted or withdrawn'),
  }),
  serverTime: z.string(),
})
export type PullResponse = z.infer<typeof PullResponseSchema>
