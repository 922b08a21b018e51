import type { TestServer } from '../../support/test-server'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackup } from '../../../server/backup/create-backup'
import { restoreBackup } from '../../../server/backup/restore-backup'
import { createDatabase } from '../../../server/db/database'
import { createEmptyPostgresDatabase, DIALECTS } from '../../support/databases'
import { createTestServer } from '../../support/test-server'

/**
 * A backup of an installation that holds no documents yet — taken on the first day, before
 * any tablet synced — restores like any other. Its restore stopped on
 * `ENOENT: rename …/attachments.restoring`: with nothing to copy, the staged folder was never made.
 */
describe.each(DIALECTS)('a backup without documents, restored, on %s', (dialect) => {
  const masterKey = randomBytes(32)
  let server: TestServer
  let work: string
  const drops: (() => Promise<void>)[] = []

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'field-enrol-backup-empty-'))
    server = await createTestServer(dialect, { masterKey })
    await server.createStaff('reviewer.zhao', 'reviewer', [])
  }, 60_000)

  afterAll(async () => {
    await server?.dispose()
    for (const drop of drops)
      await drop()
    rmSync(work, { recursive: true, force: true })
  })

  it('restores its database, with an empty documents folder to receive uploads', async () => {
    const made = await createBackup({
      source: { dataDir: dirname(server.database.location.sqlitePath), databaseUrl: server.database.location.databaseUrl, masterKey },
      targetRoot: mkdtempSync(join(work, 'backups-')),
      now: () => new Date(),
    })
    expect(made.manifest.counts).toMatchObject({ attachments: 0 })

    const dataDir = join(mkdtempSync(join(work, 'restored-')), 'data')
    let databaseUrl: string | undefined
    if (dialect === 'postgres') {
      const created = await createEmptyPostgresDatabase()
      drops.push(created.drop)
      databaseUrl = created.databaseUrl
    }
    const manifest = await restoreBackup({ folder: made.folder, dataDir, databaseUrl, masterKey })
    expect(manifest.counts).toEqual(made.manifest.counts)
    expect(readdirSync(join(dataDir, 'attachments'))).toEqual([])
    expect(existsSync(join(dataDir, 'attachments.restoring'))).toBe(false)

    const restored = createDatabase({ databaseUrl, sqlitePath: join(dataDir, 'field-enrol.sqlite'), poolSize: 2 })
    try {
      const staff = await restored.db.selectFrom('staff').select('username').orderBy('username').execute()
      expect(staff.map(s => s.username)).toContain('reviewer.zhao')
    }
    finally {
      await restored.destroy()
    }
  })
})
