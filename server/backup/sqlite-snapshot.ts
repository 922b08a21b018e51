import type { Database } from '../db/schema'
import type { Executor } from '../repositories/types'
import { open } from 'node:fs/promises'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'

/**
 * The embedded database's part of a backup.
 *
 * `VACUUM INTO` writes a consistent snapshot — one read transaction — while the server goes
 * on writing: in WAL mode readers and the writer do not block each other. SQLite's online
 * backup API was not used: it restarts whenever another connection writes, and a busy
 * server writes all the time. The snapshot is compact and self-contained (no WAL beside it).
 */

export function snapshotSqlite(sourcePath: string, targetPath: string): void {
  const source = new SQLite(sourcePath, { fileMustExist: true })
  try {
    source.pragma('busy_timeout = 10000')
    source.prepare('VACUUM INTO ?').run(targetPath)
  }
  finally {
    source.close()
  }
}

/** Makes a written file durable before the manifest names it. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  }
  finally {
    await handle.close()
  }
}

/** SQLite's own check of a file: an empty list when it is sound, else what it found (first 20). */
export function checkSqliteIntegrity(path: string): string[] {
  const database = new SQLite(path, { readonly: true, fileMustExist: true })
  try {
    const rows = database.prepare('PRAGMA integrity_check(20)').all() as { integrity_check: string }[]
    const problems = rows.map(row => row.integrity_check)
    return problems.length === 1 && problems[0] === 'ok' ? [] : problems
  }
  catch (error) {
    return [error instanceof Error ? error.message : String(error)]
  }
  finally {
    database.close()
  }
}

/** A snapshot opened read-only through Kysely, for the repositories that read its figures. */
export async function withSqliteSnapshot<T>(path: string, read: (db: Executor) => Promise<T>): Promise<T> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path, { readonly: true, fileMustExist: true }) }) })
  try {
    return await read(db)
  }
  finally {
    await db.destroy()
  }
}
