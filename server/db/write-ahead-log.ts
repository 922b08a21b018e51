import type { Executor } from '../repositories/types'
import { sql } from 'kysely'

/**
 * SQLite: copies the write-ahead log into the database file and empties it. The log holds
 * earlier copies of every page written since it was last emptied — rows just destroyed
 * (a retention purge) or sealed again under another key (a key rotation) among them — and a
 * checkpoint that only copies leaves them in the log for later writes to overwrite, some day.
 * Run after such work; the file's own freed bytes are zeroed as they are freed
 * (`secure_delete`, database.ts). False when a reader still used the log (an export's
 * snapshot) and it could not be emptied: the caller says so, and running it again empties it.
 */
export async function emptyWriteAheadLog(db: Executor): Promise<boolean> {
  const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  return Number(rows[0]?.busy) === 0
}
