import type { Kysely } from 'kysely'
import { MIGRATION_NAMES } from '../db/migrate'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { latestMigration } from '../repositories/backup.repository'

/**
 * A database a newer release has migrated (this one rolled back to, or run from an older
 * install on another host) is not backed up by this release: `backup:verify` and `restore`
 * of this same release refuse a backup whose schema they do not know (`schema_unknown`), so
 * the copy would be reported made and could never be restored — as with a backup taken
 * with the wrong data key.
 */
export async function refuseNewerSchema(db: Kysely<any>): Promise<void> {
  const schema = await latestMigration(db)
  if (schema !== undefined && !MIGRATION_NAMES.includes(schema))
    throw new OperatorError(operatorText('backup.refused', { reason: operatorText('backup.newer_schema', { schema }) }))
}
