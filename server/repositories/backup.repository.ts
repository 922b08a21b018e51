import type { Kysely } from 'kysely'
import type { Executor } from './types'

/**
 * What a backup records about the database it copied, and checks again in a copy: row
 * counts, the schema version, the stored attachments, one sealed record to try the data key
 * on. Read from the snapshot itself, so the figures describe exactly what was saved.
 */

export interface BackupCounts {
  applications: number
  members: number
  attachments: number
  auditEntries: number
}

export async function countBackupRows(db: Executor): Promise<BackupCounts> {
  const count = async (table: 'applications' | 'members' | 'attachments' | 'audit_log'): Promise<number> => {
    const row = await db.selectFrom(table).select(eb => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }
  return {
    applications: await count('applications'),
    members: await count('members'),
    attachments: await count('attachments'),
    auditEntries: await count('audit_log'),
  }
}

/** The last migration applied (Kysely's own table, outside the typed schema). */
export async function latestMigration(db: Executor): Promise<string | undefined> {
  const row = await (db as unknown as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom('kysely_migration')
    .select('name')
    .orderBy('name', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.name
}

/** Every hash the `attachments` table says is stored (each must have its file). */
export async function storedAttachmentHashes(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('attachments').select('sha256').orderBy('sha256').execute()
  return rows.map(row => row.sha256)
}

/** The stored JSON of one application of a person whose data is kept: it holds a sealed ID number. */
export async function sampleSealedApplication(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('applications')
    .select('data')
    .where('applicant_type', 'in', ['individual', 'family'])
    .where('purged_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  return row?.data
}
