import type { SignedInAdmin } from '../../support/admin-fixtures'
import type { TestServer } from '../../support/test-server'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statfsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createBackup } from '../../../server/backup/create-backup'
import { MIGRATION_NAMES } from '../../../server/db/migrate'
import { checkDataKey } from '../../../server/security/data-key-check'
import { dataKeyFingerprint } from '../../../server/security/personal-data'
import { signInAdmin } from '../../support/admin-fixtures'
import { DIALECTS } from '../../support/databases'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

/**
 * The administrator's overview: the last backup from the audit log and whether one is
 * overdue (none, or more than 48 hours old), the devices still holding unsynced work and
 * the silent ones among them (DESIGN.md §5), the database in use. Administrators only.
 */

const HOUR = 3_600_000

describe.each(DIALECTS)('admin API: overview on %s', (dialect) => {
  const masterKey = randomBytes(32)
  let server: TestServer
  let admin: SignedInAdmin
  let backups: string

  const overview = async () => {
    const response = await server.request('/api/admin/overview', { token: admin.token })
    expect(response.status).toBe(200)
    return response.json()
  }

  beforeAll(async () => {
    backups = mkdtempSync(join(tmpdir(), 'field-enrol-overview-'))
    server = await createTestServer(dialect, { masterKey })
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('agent.wang', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('reviewer.chen', 'reviewer', [SYNC_SITE_ID])
    admin = await signInAdmin(server)
  })
  afterAll(async () => {
    await server.dispose()
    rmSync(backups, { recursive: true, force: true })
  })

  it('says there has never been a backup, names the database, and is refused to other roles', async () => {
    expect(await overview()).toEqual({
      database: { kind: dialect, schemaVersion: MIGRATION_NAMES.at(-1) },
      // The test server takes its key from no environment variable and was started without the check.
      dataKey: { source: 'file', fingerprint: null },
      backup: { last: null, overdue: true },
      devices: { active: 1, withUnsynced: 0, unsyncedRecords: 0, silentWithUnsynced: 0, silentDays: 3, clockOff: 0 },
      storage: expect.objectContaining({ low: expect.any(Boolean) }),
    })
    const reviewer = await server.signIn('reviewer.chen')
    const refused = await server.request('/api/admin/overview', { token: reviewer.token })
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.code).toBe('auth.forbidden')
  })

  it('names the data key the database is held to, and where the key comes from', async () => {
    await checkDataKey(server.database.db, masterKey, server.clock.now().toISOString())
    expect((await overview()).dataKey).toEqual({ source: 'file', fingerprint: dataKeyFingerprint(masterKey) })
    server.deps.env.FIELD_ENROL_DATA_KEY = masterKey.toString('base64')
    try {
      expect((await overview()).dataKey).toEqual({ source: 'environment', fingerprint: dataKeyFingerprint(masterKey) })
    }
    finally {
      delete server.deps.env.FIELD_ENROL_DATA_KEY
    }
  })

  it('shows the last backup, and calls it overdue once it is more than two days old', async () => {
    const source = { dataDir: dirname(server.database.location.sqlitePath), databaseUrl: server.database.location.databaseUrl, masterKey }
    await createBackup({ source, targetRoot: backups, now: server.clock.now })
    server.clock.advance(HOUR)
    const made = await createBackup({ source, targetRoot: backups, now: server.clock.now })
    const body = await overview()
    expect(body.backup).toEqual({
      last: { at: server.clock.now().toISOString(), folder: made.folder, applications: 0, members: 0, attachmentFiles: 0 },
      overdue: false,
    })
    server.clock.advance(48 * HOUR)
    expect((await overview()).backup.overdue).toBe(false)
    server.clock.advance(1000)
    expect((await overview()).backup).toMatchObject({ last: { folder: made.folder }, overdue: true })
  })

  it('counts devices holding unsynced work, those silent for three days, and those whose clock is off', async () => {
    const lost = await server.signIn('agent.li', TEST_PASSWORD, 'tablet-lost-000001')
    const busy = await server.signIn('agent.wang', TEST_PASSWORD, 'tablet-busy-000002')
    const revoked = await server.signIn('agent.wang', TEST_PASSWORD, 'tablet-gone-000003')
    const reading = (ms: number) => new Date(server.clock.now().getTime() + ms).toISOString()
    // The lost tablet's clock is ten minutes fast; the revoked one's an hour slow (revoked: not counted).
    await server.request('/api/sync/pull', { token: lost.token, headers: { 'X-Unsynced-Count': '4', 'X-Device-Time': reading(10 * 60_000) } })
    await server.request('/api/sync/pull', { token: revoked.token, headers: { 'X-Unsynced-Count': '9', 'X-Device-Time': reading(-HOUR) } })
    expect((await server.request(`/api/admin/devices/${revoked.deviceId}/revoke`, { method: 'POST', token: admin.token })).status).toBe(200)

    server.clock.advance(3 * 24 * HOUR + 1000)
    // Four minutes off is transit time and drift, not counted.
    await server.request('/api/sync/pull', { token: busy.token, headers: { 'X-Unsynced-Count': '2', 'X-Device-Time': reading(-4 * 60_000) } })
    // A desk browser (its id starts `desk-`) never syncs: not a device in use here. The
    // administrator's and the reviewer's test sign-ins carry tablet-like ids, and count.
    await server.signIn('reviewer.chen', TEST_PASSWORD, 'desk-0190a0b0-7a1b-7000-8000-000000000001')
    expect((await overview()).devices).toEqual({ active: 4, withUnsynced: 2, unsyncedRecords: 6, silentWithUnsynced: 1, silentDays: 3, clockOff: 1 })

    // The lost tablet comes back and sends everything: nothing is stuck any more.
    await server.request('/api/sync/pull', { token: lost.token, headers: { 'X-Unsynced-Count': '0', 'X-Device-Time': reading(0) } })
    expect((await overview()).devices).toMatchObject({ withUnsynced: 1, unsyncedRecords: 2, silentWithUnsynced: 0, clockOff: 0 })
  })
  it('tells the room left on the data folder\'s disk as the file system does, and warns when it runs low', async () => {
    const disk = statfsSync(dirname(server.database.location.sqlitePath))
    const { storage } = await overview()
    expect(storage.totalBytes).toBe(disk.blocks * disk.bsize)
    // Other processes write to this disk meanwhile: the free space within 64 MiB of a look of our own.
    expect(Math.abs(storage.freeBytes - disk.bavail * disk.bsize)).toBeLessThan(64 * 1024 * 1024)
    expect(storage.low).toBe(storage.freeBytes < 2 * 1024 ** 3 || storage.freeBytes / storage.totalBytes < 0.05)

    // A disk this test cannot fill: the store's report stands in for it.
    const space = vi.spyOn(server.deps.storage, 'space')
    try {
      const GiB = 1024 ** 3
      space.mockResolvedValueOnce({ freeBytes: 40 * GiB, totalBytes: 500 * GiB })
      expect((await overview()).storage).toEqual({ freeBytes: 40 * GiB, totalBytes: 500 * GiB, low: false })
      space.mockResolvedValueOnce({ freeBytes: 20 * GiB, totalBytes: 500 * GiB })
      expect((await overview()).storage).toEqual({ freeBytes: 20 * GiB, totalBytes: 500 * GiB, low: true })
      space.mockResolvedValueOnce({ freeBytes: 1.5 * GiB, totalBytes: 10 * GiB })
      expect((await overview()).storage.low).toBe(true)
      // A system that cannot tell: no figures, and no false alarm.
      space.mockResolvedValueOnce(null)
      expect((await overview()).storage).toBeNull()
    }
    finally {
      space.mockRestore()
    }
  })
})
