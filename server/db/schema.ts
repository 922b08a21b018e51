import type { Generated } from 'kysely'

/**
 * The database as Kysely sees it. Portable types only, so that one set of migrations and
 * queries serves SQLite and PostgreSQL: text ids, ISO-8601 text timestamps (they sort),
 * JSON as text, booleans as 0/1 integers, and sequence numbers as bigint (parsed to
 * numbers; they stay far below 2^53).
 */

export interface StaffTable {
  id: string
  username: string
  display_name: string
  role: string
  password_hash: string
  disabled: number
  created_at: string
  updated_at: string
  /** Raised by every change to the row; an administrator's change names it (If-Match). */
  version: Generated<number>
}

export interface StaffSiteTable {
  staff_id: string
  site_id: string
}

export interface SiteTable {
  id: string
  code: string
  name: string
  region_code: string
  active: number
  created_at: string
  /** Raised by every change to the row; an administrator's change names it (If-Match). */
  version: Generated<number>
}

export interface DeviceTable {
  id: string
  /** 4-character code in receipt numbers, unique across devices. */
  code: string
  staff_id: string
  label: string
  registered_at: string
  last_seen_at: string
  revoked_at: string | null
  unsynced_count: number
  /** The device clock's offset from the server's at its last contact that said, in seconds; null until one did. */
  clock_offset_s: number | null
}

export interface SessionTable {
  token_hash: string
  staff_id: string
  device_id: string
  created_at: string
  expires_at: string
  revoked_at: string | null
}

export interface LoginAttemptTable {
  /** `user:<username>` or `ip:<address>`. */
  key: string
  failures: number
  window_started_at: string
  locked_until: string | null
}

export interface ProgrammeSettingsTable {
  version: number
  settings: string
  created_at: string
  created_by: string | null
}

export interface ApplicationTable {
  id: string
  receipt_no: string
  version: number
  status: string
  applicant_type: string
  category: string
  site_id: string
  agent_id: string
  device_id: string
  form_version: number
  /** The application as JSON, with identity document numbers encrypted (see security/personal-data). */
  data: string
  /**
   * For lists, sorting and look-ups: the applicant's name and mobile in clear (lists mask them
   * when they answer: shared/privacy), and the ID number only as its keyed hash.
   */
  display_name: string
  mobile: string
  id_number_hmac: string | null
  warnings: string
  attachments_complete: number
  captured_at: string
  submitted_at: string
  updated_at: string
  review_due_at: string
  reviewer_id: string | null
  reject_reason: string | null
  decision_note: string | null
  return_items: string | null
  member_id: string | null
  /** When its personal data was destroyed at the end of its retention period; null while kept. */
  purged_at: string | null
  /** When it first reached the server (its ingest event), set by the first push; null only on rows inserted directly (benchmarks). */
  arrived_at: string | null
  /** Its first approve, reject or return. */
  first_decided_at: string | null
}

export interface ApplicationVersionTable {
  application_id: string
  version: number
  status: string
  data: string
  mutation_id: string | null
  actor_id: string
  device_time: string | null
  server_time: string
  /** The device's clock when it sent the push that made this version; null when it did not say. */
  device_sent_at: string | null
}

export interface ApplicationEventTable {
  id: Generated<number>
  application_id: string
  version: number
  action: string
  from_status: string
  to_status: string
  actor_id: string
  at: string
  reason: string | null
  note: string | null
  items: string | null
}

export interface MutationTable {
  mutation_id: string
  application_id: string
  staff_id: string
  device_id: string
  /** The answer given, returned again verbatim when the same mutation is retried. */
  result: string
  created_at: string
  /** `submit`, `resubmit` or `withdraw`; null for mutations stored before it was kept. */
  kind: string | null
  /** The version the mutation was based on; null for mutations stored before it was kept. */
  base_version: number | null
}

export interface AttachmentTable {
  sha256: string
  media_type: string
  size: number
  stored_at: string
}

export interface ApplicationAttachmentTable {
  application_id: string
  attachment_id: string
  sha256: string
  kind: string
}

export interface MemberTable {
  id: string
  member_no: string
  application_id: string
  applicant_type: string
  category: string
  level: string | null
  site_id: string
  display_name: string
  mobile: string
  id_number_hmac: string | null
  data: string
  status: string
  card_status: string
  card_no: string | null
  valid_from: string
  valid_until: string
  version: number
  created_at: string
  updated_at: string
  /** When its personal data was destroyed at the end of its retention period; null while kept. */
  purged_at: string | null
  /** The China date its next re-visit (回访) is due; null when there is to be none. */
  revisit_due: string | null
  /** 1 when the member agreed to marketing messages (consent.marketing), 0 otherwise or once withdrawn. */
  marketing: number
}

export interface MemberChangeTable {
  id: Generated<number>
  member_id: string
  version: number
  action: string
  actor_id: string
  at: string
  detail: string
}

export interface DuplicateCandidateTable {
  id: string
  application_id: string
  other_type: string
  other_id: string
  level: string
  score: number
  reasons: string
  resolution: string | null
  resolved_by: string | null
  resolved_at: string | null
  created_at: string
  other_application_id: string | null
  comparison: string | null
  /** The reviewer's note on the verdict; null without one. */
  resolution_note: string | null
}

export interface DedupKeyTable {
  key: string
  application_id: string
}

export interface DedupScanTable {
  name: string
  rules_version: number
  phase: string
  after_submitted_at: string | null
  after_id: string | null
  done: number
  total: number
  started_at: string
  finished_at: string | null
}

export interface AuditLogTable {
  seq: number
  at: string
  actor_id: string | null
  action: string
  target_type: string | null
  target_id: string | null
  ip: string | null
  detail: string
  prev_hash: string
  hash: string
}

export interface ChangeFeedTable {
  seq: number
  kind: string
  /** Who the change is for: an agent's own applications, or everyone (null). */
  agent_id: string | null
  device_id: string | null
  /** The application an `application` entry is about (what the retention purge deletes by). */
  application_id: string | null
  payload: string
  created_at: string
}

/** Facts about the installation by name (e.g. `data_key_fingerprint`). */
export interface ServerStateTable {
  name: string
  value: string
  updated_at: string
}

export interface CounterTable {
  name: string
  value: number
}

export interface Database {
  staff: StaffTable
  staff_sites: StaffSiteTable
  sites: SiteTable
  devices: DeviceTable
  sessions: SessionTable
  login_attempts: LoginAttemptTable
  programme_settings: ProgrammeSettingsTable
  applications: ApplicationTable
  application_versions: ApplicationVersionTable
  application_events: ApplicationEventTable
  mutations: MutationTable
  attachments: AttachmentTable
  application_attachments: ApplicationAttachmentTable
  members: MemberTable
  member_changes: MemberChangeTable
  duplicate_candidates: DuplicateCandidateTable
  dedup_keys: DedupKeyTable
  dedup_scan: DedupScanTable
  audit_log: AuditLogTable
  change_feed: ChangeFeedTable
  counters: CounterTable
  server_state: ServerStateTable
}
