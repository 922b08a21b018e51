import type { Database } from '../db/schema'
import type { BackupCounts } from '../repositories/backup.repository'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { OperatorError, operatorText } from '../operator-messages/operator-text'
import { auditAnchorNow } from '../repositories/audit.repository'
import { countBackupRows, latestMigration, sampleSealedApplication, storedAttachmentHashes } from '../repositories/backup.repository'
import { syncFile } from './sqlite-snapshot'

/**
 * PostgreSQL's part of a backup: pg_dump's custom-format archive, restored with pg_restore.
 *
 * The figures the manifest records must describe the archive exactly, so they are read in
 * a REPEATABLE READ transaction whose snapshot pg_dump is told to use (`--snapshot`, with
 * `pg_export_snapshot()`): the counts, the schema version and the stored files are those of
 * the dump, whatever the servers write meanwhile. The password travels in PGPASSWORD, never
 * on a command line other users can list.
 */

type Tool = 'pg_dump' | 'pg_restore'

/** pg_dump or pg_restore: from the folder given, else Debian's newest /usr/lib/postgresql/<n>/bin, else PATH. */
export function postgresTool(tool: Tool, binDir?: string): string {
  if (binDir)
    return join(binDir, tool)
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root).filter(name => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))
    for (const version of versions) {
      const path = join(root, version, 'bin', tool)
      if (existsSync(path))
        return path
    }
  }
  return tool
}

/** The URL without its password, and the environment that carries the password instead. */
function connectionArgs(databaseUrl: string): { url: string, env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

export async function runPostgresTool(tool: Tool, args: string[], databaseUrl: string, binDir?: string): Promise<void> {
  const { url, env } = connectionArgs(databaseUrl)
  const command = postgresTool(tool, binDir)
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, [...args, `--dbname=${url}`], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', error => reject((error as NodeJS.ErrnoException).code === 'ENOENT'
      ? new OperatorError(operatorText('backup.pg_tool_missing', { tool, command }))
      : error))
    child.on('close', code => code === 0 ? resolve() : reject(new OperatorError(operatorText('backup.pg_tool_failed', { tool, code: String(code), output: stderr.trim() }))))
  })
}

export function openPostgres(databaseUrl: string): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) })
}

export async function dumpPostgres(databaseUrl: string, file: string, binDir?: string): Promise<{ schemaVersion: string, counts: BackupCounts, auditAnchor: string | null, stored: string[] }> {
  const db = openPostgres(databaseUrl)
  try {
    return await db.connection().execute(async (connection) => {
      await sql`begin isolation level repeatable read read only`.execute(connection)
      try {
        const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(connection)
        const schemaVersion = await latestMigration(connection)
        if (!schemaVersion)
          throw new OperatorError(operatorText('backup.no_migrations'))
        const counts = await countBackupRows(connection)
        const auditAnchor = await auditAnchorNow(connection)
        const stored = await storedAttachmentHashes(connection)
        await runPostgresTool('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.id}`, `--file=${file}`], databaseUrl, binDir)
        await syncFile(file)
        return { schemaVersion, counts, auditAnchor, stored }
      }
      finally {
        await sql`commit`.execute(connection)
      }
    })
  }
  finally {
    await db.destroy()
  }
}

/** What a restored database holds, for checking it against the manifest. */
export async function readPostgresFacts(databaseUrl: string): Promise<{ schemaVersion: string | undefined, counts: BackupCounts, auditAnchor: string | null, stored: string[], sample: string | undefined }> {
  const db = openPostgres(databaseUrl)
  try {
    return { schemaVersion: await latestMigration(db), counts: await countBackupRows(db), auditAnchor: await auditAnchorNow(db), stored: await storedAttachmentHashes(db), sample: await sampleSealedApplication(db) }
  }
  finally {
    await db.destroy()
  }
}

/** True when the database has no tables of its own: the only kind a restore writes into. */
export async function postgresIsEmpty(databaseUrl: string): Promise<boolean> {
  const db = openPostgres(databaseUrl)
  try {
    return await hasNoTables(db)
  }
  finally {
    await db.destroy()
  }
}

/** `postgresIsEmpty` on a connection already open. */
export async function hasNoTables(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`.execute(db)
  return Number(rows[0]!.n) === 0
}

export async function restorePostgres(databaseUrl: string, file: string, binDir?: string): Promise<void> {
  await runPostgresTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file], databaseUrl, binDir)
}

/** pg_restore's reading of the archive's table of contents: fails on a damaged or foreign file. */
export async function listPostgresArchive(file: string, binDir?: string): Promise<void> {
  const command = postgresTool('pg_restore', binDir)
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, ['--list', file], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', code => code === 0 ? resolve() : reject(new OperatorError(operatorText('backup.pg_tool_failed', { tool: 'pg_restore --list', code: String(code), output: stderr.trim() }))))
  })
}
