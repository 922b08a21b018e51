import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { markRestored } from '../../../server/backup/backup-audit'
import { createBackup } from '../../../server/backup/create-backup'
import { restorePostgres } from '../../../server/backup/postgres-dump'
import { restoreBackup, RestoreRefusedError } from '../../../server/backup/restore-backup'
import { markRestoreStarted } from '../../../server/backup/restore-marker'
import { FEED_SEQUENCE_GAP_AFTER_RESTORE, feedSequenceEnd } from '../../../server/repositories/change-feed.repository'
import { openConfiguredDatabase, SettingRefusedError } from '../../../server/runtime'
import { createEmptyPostgresDatabase, DIALECTS } from '../../support/databases'
import { deskApplication } from '../../support/review-fixtures'
import { pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'
import { jpeg } from '../../support/tiny-files'

/**
 * A PostgreSQL restore killed part-way. pg_restore commits the backup's tables before the
 * restore has moved the change feed, audited itself and put the attachments in place; a
 * server started on that database would have handed tablets reused feed positions and
 * answered for photos it does not have, and a run again was refused as "not empty". The
 * restore now marks the database unfinished until its last step: the server and every
 * command refuse it, and a run again into the same data folder clears it and restores.
 *
 * The kills are reproduced by taking the restore's own steps up to the point where the
 * process would die (a signal's timing against pg_restore is not reliable in a test).
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe.runIf(DIALECTS.includes('postgres'))('an interrupted PostgreSQL restore', () => {
  const masterKey = randomBytes(32)
  let server: TestServer
  let agent: SignedInAgent
  let work: string
  let backup: Awaited<ReturnType<typeof createBackup>>
  const drops: (() => Promise<void>)[] = []

  const target = async () => {
    const created = await createEmptyPostgresDatabase()
    drops.push(created.drop)
    const dataDir = join(mkdtempSync(join(work, 'restored-')), 'data')
    mkdirSync(dataDir)
    return { dataDir, databaseUrl: created.databaseUrl }
  }
  const restoreEntries = async (databaseUrl: string) => {
    const database = await openConfiguredDatabase({ DATA_DIR: work, DATABASE_URL: databaseUrl }, { poolSize: 1 })
    try {
      const audit = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'backup.restore').execute()
      return { restores: audit.length, feedEnd: await feedSequenceEnd(database.db) }
    }
    finally {
      await database.destroy()
    }
  }
  const files = (dataDir: string) => readdirSync(join(dataDir, 'attachments'), { recursive: true }).filter(name => /[0-9a-f]{64}$/.test(String(name)))

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'field-enrol-restore-'))
    server = await createTestServer('postgres', { masterKey })
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    agent = await server.signIn('agent.li')
    const base = deskApplication(agent, 1, SYNC_SITE_ID)
    const attachments = []
    for (const attachment of base.attachments) {
      const bytes = jpeg(`${base.id}:${attachment.id}`)
      const put = await server.request(`/api/attachments/${sha256(bytes)}`, { method: 'PUT', token: agent.token, headers: { 'Content-Type': 'image/jpeg' }, body: bytes })
      expect(put.status).toBeLessThan(300)
      attachments.push({ ...attachment, sha256: sha256(bytes), mediaType: 'image/jpeg' as const, size: bytes.length })
    }
    const pushed = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([submit({ ...base, attachments })]) })
    expect((await pushed.json()).results[0].outcome).toBe('applied')
    backup = await createBackup({ source: { dataDir: dirname(server.database.location.sqlitePath), databaseUrl: server.database.location.databaseUrl, masterKey }, targetRoot: join(work, 'backups'), now: () => new Date() })
  }, 90_000)

  afterAll(async () => {
    await server?.dispose()
    for (const drop of drops)
      await drop()
    rmSync(work, { recursive: true, force: true })
  })

  it('killed just after pg_restore committed: the server and commands refuse the database, another folder\'s restore is refused, a run again restores', async () => {
    const { dataDir, databaseUrl } = await target()
    await markRestoreStarted(databaseUrl, dataDir, new Date('2026-12-07T03:00:00.000Z'))
    await restorePostgres(databaseUrl, join(backup.folder, backup.manifest.database.file))

    const opened = await openConfiguredDatabase({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl }).then(() => null, (error: unknown) => error)
    expect(opened).toBeInstanceOf(SettingRefusedError)
    expect((opened as SettingRefusedError).text.en).toContain(`holds a restore that did not finish (started 2026-12-07T03:00:00.000Z, data folder ${resolve(dataDir)}): no server or command uses it`)
    // A command, as the operator runs it: refused in one line, nothing done.
    const { DATABASE_URL: _unset, ...env } = process.env
    const audit = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/verify-audit.ts'], { env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, encoding: 'utf8' })
    expect(audit.status).not.toBe(0)
    expect(audit.stderr).toContain('holds a restore that did not finish')

    const elsewhere = await restoreBackup({ folder: backup.folder, dataDir: join(work, 'elsewhere'), databaseUrl, masterKey }).then(() => null, (error: unknown) => error)
    expect(elsewhere).toBeInstanceOf(RestoreRefusedError)
    expect((elsewhere as RestoreRefusedError).text.en).toContain(`holds an unfinished restore into ${resolve(dataDir)}: run it again with DATA_DIR=${resolve(dataDir)}`)

    await restoreBackup({ folder: backup.folder, dataDir, databaseUrl, masterKey })
    const restored = await restoreEntries(databaseUrl)
    expect(restored.restores).toBe(1)
    expect(restored.feedEnd).toBeGreaterThan(FEED_SEQUENCE_GAP_AFTER_RESTORE)
    expect(files(dataDir)).toHaveLength(backup.manifest.attachments.files)
  }, 120_000)

  it('killed after the attachments were put in place, before its last step: a run again clears the database and the files and restores once', async () => {
    const { dataDir, databaseUrl } = await target()
    await markRestoreStarted(databaseUrl, dataDir, new Date())
    await restorePostgres(databaseUrl, join(backup.folder, backup.manifest.database.file))
    await markRestored({ dataDir, databaseUrl }, { backup: backup.folder, createdAt: backup.manifest.createdAt, counts: backup.manifest.counts })
    cpSync(join(backup.folder, 'attachments'), join(dataDir, 'attachments'), { recursive: true })

    await expect(openConfiguredDatabase({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl })).rejects.toBeInstanceOf(SettingRefusedError)

    await restoreBackup({ folder: backup.folder, dataDir, databaseUrl, masterKey })
    const restored = await restoreEntries(databaseUrl)
    expect(restored.restores).toBe(1)
    expect(files(dataDir)).toHaveLength(backup.manifest.attachments.files)
    expect(readdirSync(dataDir).sort()).toEqual(['attachments'])
  }, 120_000)

  it('a database with tables and no mark is still refused as not empty', async () => {
    const { dataDir, databaseUrl } = await target()
    await restorePostgres(databaseUrl, join(backup.folder, backup.manifest.database.file))
    const refused = await restoreBackup({ folder: backup.folder, dataDir, databaseUrl, masterKey }).then(() => null, (error: unknown) => error)
    expect((refused as RestoreRefusedError).text.en).toMatch(/not empty/)
  }, 120_000)
})
