import { join } from 'node:path'

/** The embedded database's file name in DATA_DIR (its -wal and -shm beside it). */
export const SQLITE_FILE = 'field-enrol.sqlite'

/** Where the embedded database of `dataDir` is. */
export function sqlitePathOf(dataDir: string): string {
  return join(dataDir, SQLITE_FILE)
}
