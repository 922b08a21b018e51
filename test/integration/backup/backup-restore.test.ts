import type { Kysely } from 'kysely'
import type { BackupSource } from '../../../server/backup/create-backup'
import type { AppDeps } from '../../../server/context'
import type { DatabaseHandle } from '../../../server/db/database'
import type { IndividualInput } from '../../fixtures/applications'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { Buffer } from 'node:buffer'
import { createHash, randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseAuditAnchor } from '#shared/audit/audit-anchor'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { createBackup } from '../../../server/backup/create-backup'
import { restoreBackup, RestoreRefusedError } from '../../../server/backup/restore-backup'
import { verifyBackup } from '../../../server/backup/verify-backup'
import { createDatabase } from '../../../server/db/database'
import { verifyAuditChain } from '../../../server/repositories/audit.repository'
import { FEED_SEQUENCE_GAP_AFTER_RESTORE } from '../../../server/repositories/change-feed.repository'
import { DataKeyMismatchError } from '../../../server/security/data-key-check'
import { createPersonalDataCipher } from '../../../server/security/personal-data'
import { createFileAttachmentStorage } from '../../../server/storage/attachment-storage'
import { attachmentPath } from '../../../server/storage/attachment-tree'
import { createEmptyPostgresDatabase, DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication } from '../../support/review-fixtures'
import { pushBody, submit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createClock, createTestServer } from '../../support/test-server'
import { jpeg } from '../../support/tiny-files'

/**
 * Backups and restores on a real database with real attachment files: a backup taken while
 * agents push is a consistent copy; `verify` finds every kind of damage; a restore brings
 * back readable ID numbers, documents and an intact audit chain, refuses to overwrite
 * anything or to use the wrong key, and leaves tablets able to pull every change made
 * after it.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  const masterKey = randomBytes(32)
  let server: TestServer
  let work: string
  let agent: SignedInAgent
  let supervisor: SignedInAgent
  let seq = 0
  const drops: (() => Promise<void>)[] = []
  const apps: IndividualInput[] = []

  const source = (): BackupSource => ({
    dataDir: dirname(server.database.location.sqlitePath),
    databaseUrl: server.database.location.databaseUrl,
    masterKey,
  })
  const folder = (name: string) => mkdtempSync(join(work, `${name}-`))

  /** An application whose documents are real files, uploaded before the push as a tablet does. */
  async function pushWithFiles(): Promise<IndividualInput> {
    const base = deskApplication(agent, ++seq, SYNC_SITE_ID)
    const attachments = []
    for (const attachment of base.attachments) {
      const bytes = jpeg(`${base.id}:${attachment.id}`)
      const hash = sha256(bytes)
      const put = await server.request(`/api/attachments/${hash}`, { method: 'PUT', token: agent.token, headers: { 'Content-Type': 'image/jpeg' }, body: bytes })
      expect(put.status, await put.text()).toBeLessThan(300)
      attachments.push({ ...attachment, sha256: hash, mediaType: 'image/jpeg' as const, size: bytes.length })
    }
    const app = { ...base, attachments }
    const response = await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([submit(app)]) })
    expect((await response.json()).results[0].outcome).toBe('applied')
    apps.push(app)
    return app
  }

  /** The restored data behind a real app, with the same key. */
  async function openRestored(location: { dataDir: string, databaseUrl?: string | undefined }): Promise<{ handle: DatabaseHandle, request: (path: string, init?: RequestInit & { token?: string }) => Promise<Response> }> {
    const handle = createDatabase({ databaseUrl: location.databaseUrl, sqlitePath: join(location.dataDir, 'field-enrol.sqlite'), poolSize: 2 })
    const deps: AppDeps = {
      db: handle.db,
      dialect: handle.dialect,
      readSnapshot: handle.readSnapshot,
      env: server.deps.env,
      cipher: createPersonalDataCipher(masterKey),
      storage: createFileAttachmentStorage(join(location.dataDir, 'attachments')),
      now: createClock('2026-11-24T02:00:00.000Z').now,
    }
    const app = createApp(deps)
    const request = async (path: string, init: RequestInit & { token?: string } = {}) => {
      const headers = new Headers(init.headers)
      if (init.token)
        headers.set('Authorization', `Bearer ${init.token}`)
      return app.request(path, { ...init, headers })
    }
    return { handle, request }
  }

  async function restoreTarget(): Promise<{ dataDir: string, databaseUrl?: string }> {
    const dataDir = join(folder('restored'), 'data')
    if (dialect === 'sqlite')
      return { dataDir }
    const created = await createEmptyPostgresDatabase()
    drops.push(created.drop)
    return { dataDir, databaseUrl: created.databaseUrl }
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'field-enrol-backup-'))
    server = await createTestServer(dialect, { masterKey })
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    agent = await server.signIn('agent.li')
    supervisor = await server.signIn('supervisor.wu')
    for (let i = 0; i < 3; i++)
      await pushWithFiles()
    await approveThrough(server, supervisor.token, apps[0]!.id)
  }, 60_000)

  afterAll(async () => {
    await server?.dispose()
    for (const drop of drops)
      await drop()
    rmSync(work, { recursive: true, force: true })
  })

  it('takes a consistent copy while agents push, and the next backup links the files it already holds', async () => {
    const target = folder('backups')
    const before = apps.length
    // Pushes go on while the backup runs: whatever the snapshot holds, it must agree with itself.
    const pushing = (async () => {
      for (let i = 0; i < 3; i++)
        await pushWithFiles()
    })()
    const phases: string[] = []
    const first = await createBackup({ source: source(), targetRoot: target, now: () => new Date(), onProgress: step => phases.push(step.phase) })
    await pushing
    expect(phases[0]).toBe('database')
    expect(phases).toContain('attachments')
    expect(first.damaged).toEqual([])
    expect(first.missing).toEqual([])
    expect(first.manifest.database).toMatchObject({ kind: dialect, schemaVersion: expect.stringMatching(/^\d{4}-/) })
    expect(first.manifest.counts.applications).toBeGreaterThanOrEqual(before)
    expect(first.manifest.counts.applications).toBeLessThanOrEqual(apps.length)
    expect(first.manifest.counts.members).toBe(1)
    // The chain's end in the snapshot, to check the live chain against later.
    expect(first.manifest.auditAnchor).toMatch(new RegExp(`^${first.manifest.counts.auditEntries}:[0-9a-f]{16}$`))
    expect(await verifyAuditChain(server.database.db, { anchor: parseAuditAnchor(first.manifest.auditAnchor!)! })).toMatchObject({ ok: true, anchor: 'holds' })
    expect(first.manifest.attachments.files).toBeGreaterThanOrEqual(first.manifest.counts.attachments)
    expect((await verifyBackup({ folder: first.folder, masterKey })).problems).toEqual([])

    const second = await createBackup({ source: source(), targetRoot: target, now: () => new Date(Date.now() + 1000) })
    expect(second.folder).not.toBe(first.folder)
    expect(second.manifest.counts.applications).toBe(apps.length)
    expect(second.manifest.attachments.linked).toBe(first.manifest.attachments.files)
    expect(second.manifest.attachments.files).toBe(second.manifest.counts.attachments)
    const shared = apps[0]!.attachments[0]!.sha256
    expect(statSync(attachmentPath(join(second.folder, 'attachments'), shared)).ino).toBe(statSync(attachmentPath(join(first.folder, 'attachments'), shared)).ino)
    expect((await verifyBackup({ folder: second.folder, masterKey })).problems).toEqual([])

    // Both backups are in the audit log, with what they copied.
    const entries = await server.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'detail']).where('action', '=', 'backup.create').execute()
    expect(entries).toHaveLength(2)
    expect(entries[1]).toMatchObject({ actor_id: null })
    expect(JSON.parse(entries[1]!.detail!)).toMatchObject({ folder: second.folder, counts: second.manifest.counts })
  }, 60_000)

  it.runIf(dialect === 'sqlite')('a backup that cannot be made leaves no folder behind', async () => {
    const target = folder('failed')
    await expect(createBackup({ source: { dataDir: folder('no-database'), masterKey }, targetRoot: target, now: () => new Date() })).rejects.toThrow()
    expect(readdirSync(target)).toEqual([])
  })

  it('refuses to back up while a key rotation is under way or was interrupted: its records are under two keys', async () => {
    await server.database.db.insertInto('server_state').values({ name: 'key_rotation', value: 'abcdef0123456789', updated_at: new Date().toISOString() }).execute()
    try {
      const target = folder('mid-rotation')
      await expect(createBackup({ source: source(), targetRoot: target, now: () => new Date() })).rejects.toThrow(/rotation to data key abcdef0123456789 is under way/)
      expect(readdirSync(target)).toEqual([])
    }
    finally {
      await server.database.db.deleteFrom('server_state').where('name', '=', 'key_rotation').execute()
    }
  })

  it('refuses to back up a database a newer release migrated (rolled back to this one): its own verify and restore would refuse the copy', async () => {
    const migrations = server.database.db as unknown as Kysely<{ kysely_migration: { name: string, timestamp: string } }>
    await migrations.insertInto('kysely_migration').values({ name: '2099-01-01T0900-from-a-newer-release', timestamp: new Date().toISOString() }).execute()
    try {
      const target = folder('newer-schema')
      await expect(createBackup({ source: source(), targetRoot: target, now: () => new Date() })).rejects.toThrow('Not backed up: the database is from a newer release than this one (schema 2099-01-01T0900-from-a-newer-release): back it up with that release')
      expect(readdirSync(target)).toEqual([])
    }
    finally {
      await migrations.deleteFrom('kysely_migration').where('name', '=', '2099-01-01T0900-from-a-newer-release').execute()
    }
  })

  it('refuses a target inside DATA_DIR (beside the data and its key), through a symbolic link too; nothing is written', async () => {
    const dataDir = source().dataDir
    const before = readdirSync(dataDir).sort()
    const link = join(work, 'data-dir-link')
    symlinkSync(dataDir, link)
    for (const target of [dataDir, join(dataDir, 'backups'), join(dataDir, 'attachments', 'backups'), join(link, 'backups')])
      await expect(createBackup({ source: source(), targetRoot: target, now: () => new Date() }), target).rejects.toThrow(/is inside DATA_DIR/)
    expect(readdirSync(dataDir).sort()).toEqual(before)
    // Beside DATA_DIR is where it belongs, even when a name begins the same.
    const beside = `${dataDir}-backups`
    const made = await createBackup({ source: source(), targetRoot: beside, now: () => new Date() })
    expect(made.folder.startsWith(beside)).toBe(true)
    rmSync(beside, { recursive: true, force: true })
  })

  it('refuses a target that is a file, or under one, naming --to, not the system call', async () => {
    const aFile = join(work, 'backup-target-file')
    writeFileSync(aFile, 'not a folder')
    for (const target of [aFile, join(aFile, 'backups')])
      await expect(createBackup({ source: source(), targetRoot: target, now: () => new Date() }), target).rejects.toThrow(`Not backed up: ${target} is not a folder this user can write to (ENOTDIR). Name one that is with --to`)
  })

  it('refuses to back up with a key the database is not sealed with: such a backup could never be restored', async () => {
    const target = folder('wrong-key')
    await expect(createBackup({ source: { ...source(), masterKey: randomBytes(32) }, targetRoot: target, now: () => new Date() })).rejects.toThrow(DataKeyMismatchError)
    expect(readdirSync(target)).toEqual([])
  })

  it('verify finds a changed or missing file, a damaged database, a wrong key and an unfinished backup', async () => {
    const made = await createBackup({ source: source(), targetRoot: folder('backups'), now: () => new Date() })
    const copy = (name: string) => {
      const to = join(folder(name), 'backup')
      cpSync(made.folder, to, { recursive: true })
      return to
    }
    const codes = async (path: string, key = masterKey) => (await verifyBackup({ folder: path, masterKey: key })).problems.map(p => p.code)
    const someFile = apps[1]!.attachments[0]!.sha256

    const changed = copy('changed')
    writeFileSync(attachmentPath(join(changed, 'attachments'), someFile), jpeg('not the same photo'))
    expect(await codes(changed)).toEqual(['attachment_damaged'])

    // A file moved into a folder its name does not belong in is a problem found, not a crash.
    const misplaced = copy('misplaced')
    const wrongFolder = join(misplaced, 'attachments', someFile.startsWith('00') ? '11' : '00', '00')
    mkdirSync(wrongFolder, { recursive: true })
    renameSync(attachmentPath(join(misplaced, 'attachments'), someFile), join(wrongFolder, someFile))
    const misplacedCheck = await verifyBackup({ folder: misplaced, masterKey })
    expect(misplacedCheck.problems.map(p => p.code)).toEqual(['attachment_damaged'])
    expect(misplacedCheck.problems[0]!.detail).toContain(`${someFile} lies in the wrong folder`)

    if (dialect === 'sqlite') {
      // (A PostgreSQL archive's list of stored files is read when it is restored: see below.)
      const missing = copy('missing')
      unlinkSync(attachmentPath(join(missing, 'attachments'), someFile))
      // One file fewer than the manifest counts, and one the database names.
      expect(await codes(missing)).toEqual(['counts_differ', 'attachment_missing'])
    }
    else {
      // The archive's list of stored files is read when it is restored; the manifest's count shows it now.
      const missing = copy('missing')
      unlinkSync(attachmentPath(join(missing, 'attachments'), someFile))
      expect(await codes(missing)).toEqual(['counts_differ'])
    }

    // A manifest edited to say what the copy does not hold: another chain end (the anchor an
    // operator notes for audit:verify), or another number of files.
    const editManifest = (name: string, edit: (manifest: Record<string, any>) => void) => {
      const path = copy(name)
      const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'))
      edit(manifest)
      writeFileSync(join(path, 'manifest.json'), JSON.stringify(manifest))
      return path
    }
    const fewerFiles = editManifest('fewer-files', (manifest) => {
      manifest.attachments.files -= 1
    })
    expect(await codes(fewerFiles)).toEqual(['counts_differ'])
    const otherAnchor = editManifest('other-anchor', (manifest) => {
      manifest.auditAnchor = `1:${'0'.repeat(16)}`
    })
    if (dialect === 'sqlite') {
      expect(await codes(otherAnchor)).toEqual(['counts_differ'])
    }
    else {
      // Read after restoring, in the restore's one transaction: refused, nothing kept.
      const target = await restoreTarget()
      const refused = await restoreBackup({ folder: otherAnchor, ...target, masterKey }).then(() => null, (error: unknown) => error as RestoreRefusedError)
      expect(refused).toBeInstanceOf(RestoreRefusedError)
      expect(refused!.problems.map(p => p.code)).toEqual(['counts_differ'])
      expect(refused!.problems[0]!.detail).toContain('manifest says 1:0000000000000000')
    }

    const damaged = copy('damaged')
    const databaseFile = join(damaged, made.manifest.database.file)
    const bytes = readFileSync(databaseFile)
    bytes[Math.floor(bytes.length / 2)]! ^= 0xFF
    writeFileSync(databaseFile, bytes)
    expect(await codes(damaged)).toEqual(['database_damaged'])

    expect(await codes(made.folder, randomBytes(32))).toEqual(['key_mismatch'])
    expect(await codes(made.folder)).toEqual([])

    const unfinished = copy('unfinished')
    unlinkSync(join(unfinished, 'manifest.json'))
    expect(await codes(unfinished)).toEqual(['manifest_missing'])
  }, 60_000)

  it('a file damaged on the server is reported and left out, never saved under a name it does not match', async () => {
    const app = await pushWithFiles()
    const hash = app.attachments[0]!.sha256
    const stored = attachmentPath(join(source().dataDir, 'attachments'), hash)
    const original = readFileSync(stored)
    writeFileSync(stored, jpeg('bit rot'))
    try {
      const report = await createBackup({ source: source(), targetRoot: folder('backups'), now: () => new Date() })
      expect(report.damaged).toEqual([hash])
      expect(report.missing).toEqual([hash])
      expect(() => statSync(attachmentPath(join(report.folder, 'attachments'), hash))).toThrow()
    }
    finally {
      writeFileSync(stored, original)
    }
  }, 60_000)

  it('restores into an empty place: ID numbers, documents, the audit chain and every later change reach the tablets', async () => {
    const made = await createBackup({ source: source(), targetRoot: folder('backups'), now: () => new Date() })
    const lastSeq = Number((await server.database.db.selectFrom('change_feed').select(eb => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq)
    const target = await restoreTarget()
    const phases = new Set<string>()
    const manifest = await restoreBackup({ folder: made.folder, ...target, masterKey, onProgress: step => phases.add(step.phase) })
    expect(manifest.counts).toEqual(made.manifest.counts)
    expect([...phases]).toEqual(['verifying', 'attachments', 'database'])

    const restored = await openRestored(target)
    try {
      const signIn = async (username: string) => {
        const response = await restored.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'correct horse battery', deviceId: `device-${randomBytes(4).toString('hex')}`, deviceLabel: 'after restore' }) })
        expect(response.status).toBe(200)
        return (await response.json() as { token: string }).token
      }
      const desk = await signIn('supervisor.wu')
      const app = apps[1]!
      const full = await (await restored.request(`/api/review/applications/${app.id}?reveal=true`, { token: desk })).json() as { application: { person: { idNumber: string } }, version: number }
      expect(full.application.person.idNumber).toBe(app.person.idNumber)
      const photo = await restored.request(`/api/attachments/${app.attachments[0]!.sha256}`, { token: desk })
      expect(photo.status).toBe(200)
      expect(sha256(new Uint8Array(await photo.arrayBuffer()))).toBe(app.attachments[0]!.sha256)

      expect(await verifyAuditChain(restored.handle.db, { anchor: parseAuditAnchor(made.manifest.auditAnchor!)! })).toMatchObject({ ok: true, anchor: 'holds' })
      // The restore is the first entry after those the backup holds.
      const entry = await restored.handle.db.selectFrom('audit_log').select(['action', 'detail']).where('seq', '=', made.manifest.counts.auditEntries + 1).executeTakeFirstOrThrow()
      expect(entry.action).toBe('backup.restore')
      expect(JSON.parse(entry.detail!)).toMatchObject({ backup: made.folder, createdAt: made.manifest.createdAt })

      // A tablet that pulled changes the backup never saw holds a cursor past the restored
      // feed; a change made after the restore must still reach it.
      const tabletCursor = lastSeq + 3
      const decided = await restored.request(`/api/review/applications/${app.id}/actions/start_review`, { method: 'POST', token: desk, headers: { 'If-Match': `"${full.version}"` } })
      expect(decided.status, await decided.clone().text()).toBe(200)
      const agentToken = await signIn('agent.li')
      const pulled = await (await restored.request(`/api/sync/pull?cursor=${tabletCursor}`, { token: agentToken })).json() as { changes: { applicationId: string, status: string, seq: number }[] }
      expect(pulled.changes).toEqual([expect.objectContaining({ applicationId: app.id, status: 'in_review' })])
      expect(pulled.changes[0]!.seq).toBeGreaterThan(lastSeq + FEED_SEQUENCE_GAP_AFTER_RESTORE)
    }
    finally {
      await restored.handle.destroy()
    }
  }, 90_000)

  it('refuses to restore over data, with another key or into the other kind of database; nothing is written', async () => {
    const made = await createBackup({ source: source(), targetRoot: folder('backups'), now: () => new Date() })
    const refusal = async (options: Partial<Parameters<typeof restoreBackup>[0]>) => {
      try {
        await restoreBackup({ folder: made.folder, dataDir: join(folder('never'), 'data'), masterKey, ...options })
      }
      catch (error) {
        expect(error).toBeInstanceOf(RestoreRefusedError)
        return error as RestoreRefusedError
      }
      throw new Error('restore was not refused')
    }

    // Refused from the manifest's fingerprint, before the backup is read whole (no verifying progress).
    const read: string[] = []
    const wrongKey = await refusal({ ...await restoreTarget(), masterKey: randomBytes(32), onProgress: step => read.push(step.phase) })
    expect(wrongKey.problems.map(p => p.code)).toEqual(['key_mismatch'])
    expect(read).toEqual([])

    // Over the live data folder: it holds attachments (and, on SQLite, the database).
    expect((await refusal({ dataDir: source().dataDir, databaseUrl: source().databaseUrl })).message).toMatch(/already holds a database or attachments/)
    // Into a file, or under one: named as DATA_DIR, not as the system call.
    const aFile = join(folder('file'), 'data')
    writeFileSync(aFile, 'not a folder')
    for (const dataDir of [aFile, join(aFile, 'data')])
      expect((await refusal({ dataDir, databaseUrl: source().databaseUrl })).message, dataDir).toBe(`DATA_DIR=${dataDir} is not a folder: set DATA_DIR to a new, empty folder (or a path not made yet)`)

    if (dialect === 'sqlite') {
      const postgresOnly = await refusal({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' })
      expect(postgresOnly.message).toMatch(/embedded-database backup/)
    }
    else {
      const dataDir = join(folder('fresh'), 'data')
      const overLive = await refusal({ dataDir, databaseUrl: source().databaseUrl })
      expect(overLive.message).toMatch(/not empty/)
      expect(() => statSync(join(dataDir, 'attachments'))).toThrow()
      expect((await refusal({ dataDir, databaseUrl: undefined })).message).toMatch(/PostgreSQL backup/)

      // A restore that finds the archive lacks a file its database names stops before the
      // server could start on it, and leaves no attachments half-copied.
      const lacking = join(folder('lacking'), 'backup')
      cpSync(made.folder, lacking, { recursive: true })
      unlinkSync(attachmentPath(join(lacking, 'attachments'), apps[2]!.attachments[0]!.sha256))
      // Its manifest counting one file fewer too (verify's count would refuse it first): the database's own list is what finds it.
      const manifestPath = join(lacking, 'manifest.json')
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
      manifest.attachments.files -= 1
      writeFileSync(manifestPath, JSON.stringify(manifest))
      const target = await restoreTarget()
      const missing = await refusal({ folder: lacking, ...target })
      expect(missing.problems.map(p => p.code)).toEqual(['attachment_missing'])
      expect(() => statSync(join(target.dataDir, 'attachments'))).toThrow()
    }
  }, 90_000)

  it.runIf(dialect === 'sqlite')('the commands: backup, backup:verify and restore, with their exit statuses', async () => {
    const { spawnSync } = await import('node:child_process')
    const process = await import('node:process')
    const run = (script: string, args: string[], dataDir: string) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir, FIELD_ENROL_DATA_KEY: Buffer.from(masterKey).toString('base64') },
      encoding: 'utf8',
    })
    const target = folder('cli')
    expect(run('server/cli/backup.ts', [], source().dataDir).status).toBe(2)
    const backup = run('server/cli/backup.ts', ['--to', target], source().dataDir)
    expect(backup.status, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/attachment files: (\d+)\/\1 \(100%\)/)
    expect(backup.stdout).toMatch(/The data key is not in the backup/)
    expect(backup.stdout).toMatch(/audit chain end: (\d+:[0-9a-f]{16}) \(later, `npm run audit:verify -- --anchor \1`/)
    const made = /Backed up in [\d.]+ s to (\S+):/.exec(backup.stdout)![1]!

    const verify = run('server/cli/backup-verify.ts', [made], source().dataDir)
    expect(verify.status, verify.stderr).toBe(0)
    expect(verify.stdout).toMatch(/Sound: .* the data key opens it/)

    const dataDir = join(folder('cli-restored'), 'data')
    const restore = run('server/cli/restore.ts', ['--from', made], dataDir)
    expect(restore.status, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/Restored the backup of/)
    const again = run('server/cli/restore.ts', ['--from', made], dataDir)
    expect(again.status).toBe(2)
    expect(again.stderr).toMatch(/Not restored: .*already holds a database/)
    // An occupied target is refused before the backup is read whole (no verifying progress).
    expect(again.stdout).not.toMatch(/verifying attachment files/)

    // A key file that is not the key the server would start with is refused, before anything is written.
    const otherKey = join(folder('cli-other-key'), 'data.key')
    writeFileSync(otherKey, `${randomBytes(32).toString('base64')}\n`)
    const freshDir = join(folder('cli-fresh'), 'data')
    const clash = run('server/cli/restore.ts', ['--from', made, '--key-file', otherKey], freshDir)
    expect(clash.status).toBe(2)
    expect(clash.stderr).toMatch(/Not restored: FIELD_ENROL_DATA_KEY holds another key \(\w+\) than .*data\.key/)
    expect(() => statSync(freshDir)).toThrow()

    // A key file that is not there is refused, not replaced by whatever key is configured.
    const missingKey = run('server/cli/restore.ts', ['--from', made, '--key-file', join(freshDir, 'nowhere.key')], freshDir)
    expect(missingKey.status).toBe(2)
    expect(missingKey.stderr).toContain('Not restored: no key file at')
    expect(() => statSync(freshDir)).toThrow()

    // The same with DATA_DIR/data.key instead of FIELD_ENROL_DATA_KEY: a data.key already there that differs is refused, and kept.
    const keyedDir = join(folder('cli-keyed'), 'data')
    mkdirSync(keyedDir, { recursive: true })
    writeFileSync(join(keyedDir, 'data.key'), `${randomBytes(32).toString('base64')}\n`)
    const before = readFileSync(join(keyedDir, 'data.key'), 'utf8')
    writeFileSync(join(keyedDir, '..', 'backup.key'), `${Buffer.from(masterKey).toString('base64')}\n`)
    const { FIELD_ENROL_DATA_KEY: _key, ...withoutKey } = process.env
    const keyed = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', '--from', made, '--key-file', join(keyedDir, '..', 'backup.key')], { env: { ...withoutKey, FIELD_ENROL_LANG: 'en', DATA_DIR: keyedDir }, encoding: 'utf8' })
    expect(keyed.status).toBe(2)
    expect(keyed.stderr).toMatch(/Not restored: .*data\.key holds another key/)
    expect(readFileSync(join(keyedDir, 'data.key'), 'utf8')).toBe(before)
    // Into a folder without one, the key file given is put in place whole (copied beside, renamed), for the owner only.
    const unkeyedDir = join(folder('cli-unkeyed'), 'data')
    const installed = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', '--from', made, '--key-file', join(keyedDir, '..', 'backup.key')], { env: { ...withoutKey, FIELD_ENROL_LANG: 'en', DATA_DIR: unkeyedDir }, encoding: 'utf8' })
    expect(installed.status, installed.stderr).toBe(0)
    expect(readFileSync(join(unkeyedDir, 'data.key'), 'utf8')).toBe(readFileSync(join(keyedDir, '..', 'backup.key'), 'utf8'))
    expect(statSync(join(unkeyedDir, 'data.key')).mode & 0o777).toBe(0o600)
    expect(readdirSync(unkeyedDir).filter(name => name.includes('restoring'))).toEqual([])

    // A mistyped folder could not be checked (2, not 3: nothing says a backup is damaged);
    // the folder of backups named instead of one of them is told which to name.
    const typo = run('server/cli/backup-verify.ts', [`${made}x`], source().dataDir)
    expect(typo.status).toBe(2)
    expect(typo.stderr).toContain(`No folder at ${made}x`)
    const typoRestore = run('server/cli/restore.ts', ['--from', `${made}x`], join(folder('cli-typo'), 'data'))
    expect(typoRestore.status).toBe(2)
    expect(typoRestore.stderr).toContain(`Not restored: no folder at ${made}x`)
    const root = run('server/cli/backup-verify.ts', [target], source().dataDir)
    expect(root.status).toBe(3)
    expect(root.stdout).toContain(`holds backups rather than being one: name one of them, the newest is ${made}`)

    writeFileSync(join(made, 'manifest.json'), '{}')
    const broken = run('server/cli/backup-verify.ts', [made], source().dataDir)
    expect(broken.status).toBe(3)
    expect(broken.stdout).toMatch(/PROBLEM \[manifest_missing\]: .*manifest\.json is not a backup manifest: damaged or edited/)
  }, 120_000)

  it('a restore killed part-way (Ctrl-C) leaves nothing a server could start on, and the next run restores', async () => {
    const { spawn, spawnSync } = await import('node:child_process')
    const process = await import('node:process')
    const made = await createBackup({ source: source(), targetRoot: folder('backups'), now: () => new Date() })
    // Large files, so that the restore is still copying them when it is interrupted; the
    // manifest counts them (files the database does not name are backed up as they are).
    const large = join(folder('large'), 'backup')
    cpSync(made.folder, large, { recursive: true })
    const manifestPath = join(large, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    for (let i = 0; i < 8; i++) {
      const bytes = randomBytes(40 * 1024 * 1024)
      const path = attachmentPath(join(large, 'attachments'), sha256(bytes))
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, bytes)
      manifest.attachments.files += 1
      manifest.attachments.bytes += bytes.length
    }
    writeFileSync(manifestPath, JSON.stringify(manifest))

    const target = await restoreTarget()
    const { DATABASE_URL: _url, ...inherited } = process.env
    const env = { ...inherited, FIELD_ENROL_LANG: 'en', DATA_DIR: target.dataDir, FIELD_ENROL_DATA_KEY: Buffer.from(masterKey).toString('base64'), ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}) }
    // In its own process group, interrupted as a terminal's Ctrl-C does: with any pg_restore it runs.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', '--from', large], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (/restoring attachment files/.test(output)) {
          process.kill(-child.pid!, 'SIGINT')
          resolve()
        }
      })
      void exited.then(() => reject(new Error(`the restore ended before it was interrupted: ${output}`)))
    })
    expect(await exited).not.toBe(0)
    // No database (nor attachments) a server could be started on with files, or the feed's move, missing.
    const left = readdirSync(target.dataDir)
    expect(left).not.toContain('field-enrol.sqlite')
    expect(left).not.toContain('attachments')
    if (target.databaseUrl) {
      const { postgresIsEmpty } = await import('../../../server/backup/postgres-dump')
      expect(await postgresIsEmpty(target.databaseUrl)).toBe(true)
    }

    const again = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', '--from', large], { env, encoding: 'utf8' })
    expect(again.status, again.stderr).toBe(0)
    expect(readdirSync(target.dataDir).sort()).toEqual(target.databaseUrl ? ['attachments'] : ['attachments', 'field-enrol.sqlite'])
    const handle = createDatabase({ databaseUrl: target.databaseUrl, sqlitePath: join(target.dataDir, 'field-enrol.sqlite'), poolSize: 1 })
    try {
      const last = await handle.db.selectFrom('audit_log').select('action').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
      expect(last.action).toBe('backup.restore')
    }
    finally {
      await handle.destroy()
    }
    const check = await verifyBackup({ folder: large, masterKey })
    expect(check.problems).toEqual([])
    expect(readdirSync(target.dataDir, { recursive: true }).filter(name => /[0-9a-f]{64}$/.test(String(name)))).toHaveLength(manifest.attachments.files)

    // One restore into a folder at a time: a second would clear the first's staged files. A
    // lock naming a live process (this test's) refuses it; one left by a killed run is taken over.
    const second = await restoreTarget()
    mkdirSync(second.dataDir, { recursive: true })
    writeFileSync(join(second.dataDir, 'restore.lock'), `${process.pid}\n`)
    const env2 = { ...env, DATA_DIR: second.dataDir, ...(second.databaseUrl ? { DATABASE_URL: second.databaseUrl } : {}) }
    const meanwhile = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', '--from', large], { env: env2, encoding: 'utf8' })
    expect(meanwhile.status).toBe(2)
    expect(meanwhile.stderr).toContain(`Not restored: Another restore into ${second.dataDir} is running (process ${process.pid}): let it finish`)
    expect(readdirSync(second.dataDir)).toEqual(['restore.lock'])
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    writeFileSync(join(second.dataDir, 'restore.lock'), `${dead}\n`)
    const taken = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', '--from', large], { env: env2, encoding: 'utf8' })
    expect(taken.status, taken.stderr).toBe(0)
    expect(readdirSync(second.dataDir).sort()).toEqual(second.databaseUrl ? ['attachments'] : ['attachments', 'field-enrol.sqlite'])
  }, 240_000)

  it.runIf(dialect === 'sqlite')('a backup interrupted (Ctrl-C) exits 1 and removes its unfinished folder: it held personal data, and nothing would', async () => {
    const { spawn } = await import('node:child_process')
    const process = await import('node:process')
    // Large files in the data folder, so that the backup is still copying them when it is
    // interrupted (files no application names are backed up as they are); removed after.
    const large: string[] = []
    for (let i = 0; i < 6; i++) {
      const bytes = randomBytes(40 * 1024 * 1024)
      const path = attachmentPath(join(source().dataDir, 'attachments'), sha256(bytes))
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, bytes)
      large.push(path)
    }
    try {
      const target = folder('interrupted')
      const env = { ...process.env, FIELD_ENROL_LANG: 'en', DATA_DIR: source().dataDir, FIELD_ENROL_DATA_KEY: Buffer.from(masterKey).toString('base64') }
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', '--to', target], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      let output = ''
      let errors = ''
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString()
      })
      const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if (/attachment files: \d+\/\d+/.test(output)) {
            process.kill(-child.pid!, 'SIGINT')
            resolve()
          }
        })
        void exited.then(() => reject(new Error(`the backup ended before it was interrupted: ${output}`)))
      })
      expect(await exited).toBe(1)
      expect(errors).toMatch(/Interrupted: the unfinished backup \S+field-enrol-\S+ was removed/)
      expect(readdirSync(target)).toEqual([])
    }
    finally {
      for (const path of large)
        rmSync(path, { force: true })
    }
  }, 120_000)
})
