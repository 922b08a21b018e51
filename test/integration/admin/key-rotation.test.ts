import type { Application } from '#shared/application/application.schema'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestResponse, TestServer } from '../../support/test-server'
import { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { checkDataKey, DataKeyMismatchError } from '../../../server/security/data-key-check'
import { createPersonalDataCipher, dataKeyFingerprint } from '../../../server/security/personal-data'
import { openApplication, sealApplication } from '../../../server/services/application-codec'
import { startHeartbeat } from '../../../server/services/heartbeat.service'
import { KeyRotationError, rotateDataKey } from '../../../server/services/key-rotation.service'
import { DIALECTS } from '../../support/databases'
import { approveThrough, deskApplication, pushApplication, reviewAction } from '../../support/review-fixtures'
import { pushBody, resubmit, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * `npm run key:rotate` on a real database: every sealed ID number — applications, their
 * earlier versions, members — moves to the next key, the look-up hashes and duplicate
 * blocking keys follow it (search by ID number and duplicate detection still work), the
 * database then refuses the previous key, a run that was interrupted or raced by a stale
 * server is finished by running again, and a record neither key opens stops it before
 * anything is switched.
 */

describe.each(DIALECTS)('data key rotation on %s', (dialect) => {
  const previous = randomBytes(32)
  const next = randomBytes(32)
  let server: TestServer
  let agent: SignedInAgent
  let supervisor: SignedInAgent
  const member = deskApplication({ token: '', staffId: 'staff-agent.li', deviceId: '', deviceCode: 'K7M2' }, 1, SYNC_SITE_ID)
  let returned: typeof member
  /** The keys the database was held to, in order (the CLI test rotates from the last). */
  const keysInForce: Buffer[] = [previous]
  const lastKey = () => keysInForce.at(-1)!

  /** The same database behind an app holding `key`, as a server restarted with it would be. */
  const withKey = (key: Buffer) => {
    const app = createApp({ ...server.deps, cipher: createPersonalDataCipher(key) })
    return (path: string, init: RequestInit & { token: string, json?: unknown }) => {
      const headers = new Headers(init.headers)
      headers.set('Authorization', `Bearer ${init.token}`)
      if (init.json !== undefined)
        headers.set('Content-Type', 'application/json')
      return Promise.resolve(app.request(path, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) })) as Promise<TestResponse>
    }
  }
  const sealedRows = async () => [
    ...(await server.database.db.selectFrom('applications').select('data').execute()),
    ...(await server.database.db.selectFrom('application_versions').select('data').execute()),
    ...(await server.database.db.selectFrom('members').select('data').execute()),
  ].map(row => row.data)

  beforeAll(async () => {
    server = await createTestServer(dialect, { masterKey: previous })
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    await server.createStaff('supervisor.wu', 'supervisor', [])
    agent = await server.signIn('agent.li')
    supervisor = await server.signIn('supervisor.wu')
    await checkDataKey(server.database.db, previous, server.clock.now().toISOString())

    // A member (application approved), and an application returned and resubmitted (two versions).
    const first = { ...member, agentId: agent.staffId, deviceId: agent.deviceId, receiptNo: deskApplication(agent, 1, SYNC_SITE_ID).receiptNo }
    await pushApplication(server, agent, first)
    await approveThrough(server, supervisor.token, first.id)
    returned = deskApplication(agent, 2, SYNC_SITE_ID)
    await pushApplication(server, agent, returned)
    await reviewAction(server, supervisor.token, returned.id, 'start_review', 1)
    expect((await reviewAction(server, supervisor.token, returned.id, 'return', 2, { items: [{ kind: 'field', ref: 'person.mobile' }] })).status).toBe(200)
    const fixed = { ...returned, person: { ...returned.person, mobile: '13912345678' } }
    const { results } = await (await server.request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([resubmit(fixed, 3)]) })).json()
    expect(results[0].outcome).toBe('applied')
    Object.assign(member, first)
  }, 60_000)
  afterAll(() => server.dispose())

  it('seals everything again under the next key; search, duplicates and history work with it, and the previous key is refused', async () => {
    const rowsBefore = await sealedRows()
    expect(rowsBefore.length).toBeGreaterThanOrEqual(5)
    const phases = new Set<string>()
    const report = await rotateDataKey(server.deps, { previous, next }, { batchSize: 2, onProgress: step => phases.add(step.phase) })
    keysInForce.push(next)
    expect(report).toEqual({ records: rowsBefore.length, resealed: rowsBefore.length, previousFingerprint: dataKeyFingerprint(previous), nextFingerprint: dataKeyFingerprint(next), ...(dialect === 'sqlite' ? { walEmptied: true } : {}) })
    if (dialect === 'sqlite') {
      // Not a byte of what was sealed under the previous key is left in the file or its log.
      const sealedBefore = rowsBefore.flatMap(data => data.match(/v1\.[\w-]+\.[\w-]+\.[\w-]+/g) ?? [])
      expect(sealedBefore.length).toBeGreaterThanOrEqual(rowsBefore.length)
      const path = server.database.location.sqlitePath
      const files = [path, `${path}-wal`].filter(file => existsSync(file)).map(file => readFileSync(file))
      expect(sealedBefore.filter(sealed => files.some(bytes => bytes.includes(Buffer.from(sealed, 'utf8'))))).toEqual([])
    }
    expect([...phases]).toEqual(['reseal', 'dedup_keys', 'dedup_candidates', 'check'])

    for (const data of await sealedRows()) {
      expect(() => openApplication(data, createPersonalDataCipher(next))).not.toThrow()
      expect(() => openApplication(data, createPersonalDataCipher(previous))).toThrow()
    }
    await expect(checkDataKey(server.database.db, previous, server.clock.now().toISOString())).rejects.toThrow(/not the one/)
    await checkDataKey(server.database.db, next, server.clock.now().toISOString())
    const audit = await server.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'data_key.rotate').execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.detail)).toEqual({ previous: report.previousFingerprint, next: report.nextFingerprint, records: report.records, resealed: report.resealed })

    const request = withKey(next)
    // The full record and an earlier version open; the member is found by ID number (its keyed hash).
    const full = await (await request(`/api/review/applications/${returned.id}?reveal=true`, { token: supervisor.token })).json()
    expect(full.application.person.idNumber).toBe(returned.person.idNumber)
    const version1 = await (await request(`/api/review/applications/${returned.id}/versions/1?reveal=true`, { token: supervisor.token })).json()
    expect(version1.application.person).toMatchObject({ idNumber: returned.person.idNumber, mobile: returned.person.mobile })
    const found = await (await request(`/api/members?q=${member.person.idNumber}`, { token: supervisor.token })).json()
    expect(found.items).toHaveLength(1)

    // The same person enrolled again is found at once, through blocking keys hashed with the next key.
    const again = deskApplication(agent, 3, SYNC_SITE_ID, { person: { idNumber: member.person.idNumber } })
    await server.database.db.insertInto('attachments').values(again.attachments.map(a => ({ sha256: a.sha256, media_type: a.mediaType, size: a.size, stored_at: server.clock.now().toISOString() }))).onConflict(oc => oc.column('sha256').doNothing()).execute()
    const pushed = await (await request('/api/sync/push', { method: 'POST', token: agent.token, json: pushBody([{ kind: 'submit', mutationId: crypto.randomUUID(), applicationId: again.id, baseVersion: 0, deviceTime: '2026-11-23T10:20:00+08:00', application: again as unknown as Record<string, unknown> }]) })).json()
    expect(pushed.results[0].outcome).toBe('applied')
    const candidates = await server.database.db.selectFrom('duplicate_candidates').select(['level', 'other_id']).where('application_id', '=', again.id).execute()
    expect(candidates).toContainEqual(expect.objectContaining({ level: 'certain' }))
  }, 60_000)

  it('stops at a record neither key opens, switching nothing; once it is put right, running again finishes the half-done work', async () => {
    const fourth = randomBytes(32)
    const memberId = (await server.database.db.selectFrom('members').select('id').executeTakeFirstOrThrow()).id
    // Members come last: the applications and their versions are sealed again before it stops.
    await server.database.db.updateTable('members').set({ data: sealApplication(member as Application, createPersonalDataCipher(randomBytes(32))).data }).where('id', '=', memberId).execute()
    const stopped = rotateDataKey(server.deps, { previous: next, next: fourth })
    await expect(stopped).rejects.toBeInstanceOf(KeyRotationError)
    await expect(stopped).rejects.toThrow(/members .* opens with neither key: nothing was switched/)
    // Half the records are under the next key now: no server may start on either key until the rotation is finished.
    await expect(checkDataKey(server.database.db, next, server.clock.now().toISOString())).rejects.toThrow(/rotation to data key \w+ is under way or was interrupted/)
    await expect(checkDataKey(server.database.db, fourth, server.clock.now().toISOString())).rejects.toThrow(DataKeyMismatchError)
    const application = await server.database.db.selectFrom('applications').select('data').where('id', '=', returned.id).executeTakeFirstOrThrow()
    expect(() => openApplication(application.data, createPersonalDataCipher(fourth))).not.toThrow()

    await server.database.db.updateTable('members').set({ data: sealApplication(member as Application, createPersonalDataCipher(next)).data }).where('id', '=', memberId).execute()
    // A server that came up meanwhile holds the switch back: it would seal new records under the previous key.
    await startHeartbeat(server.database.db, (error) => {
      throw error
    }).stop()
    await expect(rotateDataKey(server.deps, { previous: next, next: fourth })).rejects.toThrow(/a server started while this ran .*nothing was switched/)
    await server.database.db.deleteFrom('server_state').where('name', '=', 'server_heartbeat').execute()
    const finished = await rotateDataKey(server.deps, { previous: next, next: fourth })
    keysInForce.push(fourth)
    // The run held back at the switch had already sealed the member again: nothing was left to do but switch.
    expect(finished.resealed).toBe(0)
    for (const data of await sealedRows())
      expect(() => openApplication(data, createPersonalDataCipher(fourth))).not.toThrow()
    await checkDataKey(server.database.db, fourth, server.clock.now().toISOString())

    await expect(rotateDataKey(server.deps, { previous: fourth, next: fourth })).rejects.toThrow(/same as the previous/)
    await expect(rotateDataKey(server.deps, { previous, next: randomBytes(32) })).rejects.toThrow(/sealed with key .*, not with the previous key given/)
  }, 60_000)

  it.runIf(dialect === 'sqlite')('npm run key:rotate with the key in DATA_DIR/data.key: generates the next key, rotates, switches the file and keeps the previous one', async () => {
    const { spawnSync } = await import('node:child_process')
    const { existsSync, readdirSync, readFileSync, writeFileSync } = await import('node:fs')
    const { dirname, join } = await import('node:path')
    const process = await import('node:process')
    const dataDir = dirname(server.database.location.sqlitePath)
    const inForce = (await server.database.db.selectFrom('server_state').select('value').where('name', '=', 'data_key_fingerprint').executeTakeFirstOrThrow()).value
    const keyFile = join(dataDir, 'data.key')
    // The key the last test left in force (its fingerprint says which): written where a first start would have.
    const { FIELD_ENROL_DATA_KEY: _unset, ...env } = process.env
    const current = lastKey()
    expect(dataKeyFingerprint(current)).toBe(inForce)
    writeFileSync(keyFile, `${current.toString('base64')}\n`, { mode: 0o600 })

    // A mistyped DATA_DIR is named as one (not as a missing data key), and nothing is made there.
    const typo = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/rotate-key.ts'], { env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: `${dataDir}-typo` }, encoding: 'utf8' })
    expect(typo.status).toBe(2)
    expect(typo.stderr).toContain(`No database at ${join(`${dataDir}-typo`, 'field-enrol.sqlite')}: is DATA_DIR right?`)
    expect(existsSync(`${dataDir}-typo`)).toBe(false)

    // One rotation at a time: a lock naming a live process (this test's) refuses a second,
    // with nothing generated or switched; one left by a killed run is taken over.
    const lock = join(dataDir, 'key-rotate.lock')
    writeFileSync(lock, `${process.pid}\n`)
    const meanwhile = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/rotate-key.ts'], { env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir }, encoding: 'utf8' })
    expect(meanwhile.status).toBe(2)
    expect(meanwhile.stderr).toContain(`Not rotated: another key:rotate on ${dataDir} is running (process ${process.pid})`)
    expect(existsSync(`${keyFile}.next`)).toBe(false)
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(current.toString('base64'))
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    writeFileSync(lock, `${dead}\n`)

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/rotate-key.ts'], { env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir }, encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(existsSync(lock)).toBe(false)
    expect(run.stdout).toMatch(/Generated the next data key/)
    expect(run.stdout).toMatch(/sealing again: (\d+)\/\1 \(100%\)/)
    expect(run.stdout).toMatch(/Rotated: \d+ records checked/)
    const rotated = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')
    expect(dataKeyFingerprint(rotated)).not.toBe(inForce)
    expect(existsSync(`${keyFile}.next`)).toBe(false)
    const kept = readdirSync(dataDir).filter(name => name.startsWith('data.key.previous-'))
    expect(kept).toHaveLength(1)
    expect(readFileSync(join(dataDir, kept[0]!), 'utf8').trim()).toBe(current.toString('base64'))
    await checkDataKey(server.database.db, rotated, server.clock.now().toISOString())
    for (const data of await sealedRows())
      expect(() => openApplication(data, createPersonalDataCipher(rotated))).not.toThrow()
    keysInForce.push(rotated)
  }, 120_000)

  it.runIf(dialect === 'sqlite')('npm run key:rotate run again after a kill at the switch: one kept file per previous key, every key still on disk', async () => {
    const { spawnSync } = await import('node:child_process')
    const { readdirSync, readFileSync, writeFileSync, copyFileSync, existsSync } = await import('node:fs')
    const { dirname, join } = await import('node:path')
    const process = await import('node:process')
    const { FIELD_ENROL_DATA_KEY: _unset, ...env } = process.env
    const dataDir = dirname(server.database.location.sqlitePath)
    const keyFile = join(dataDir, 'data.key')
    const keysOnDisk = () => readdirSync(dataDir).filter(name => name.startsWith('data.key.previous-')).map(name => readFileSync(join(dataDir, name), 'utf8').trim())
    const keyRotate = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/rotate-key.ts', ...args], { env: { ...env, FIELD_ENROL_LANG: 'en', DATA_DIR: dataDir }, encoding: 'utf8' })
    const keptBefore = keysOnDisk()

    // Where a run killed between keeping the previous key and switching data.key leaves things:
    // the database sealed with the generated next key, the previous key both in data.key and kept aside.
    const current = lastKey()
    const generated = randomBytes(32)
    writeFileSync(`${keyFile}.next`, `${generated.toString('base64')}\n`, { mode: 0o600 })
    await rotateDataKey(server.deps, { previous: current, next: generated })
    copyFileSync(keyFile, join(dataDir, 'data.key.previous-2026-12-07T00-00-00.000Z'))

    const rerun = keyRotate()
    expect(rerun.status, rerun.stderr).toBe(0)
    expect(rerun.stdout).toContain('already sealed with the next key')
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(generated.toString('base64'))
    expect(existsSync(`${keyFile}.next`)).toBe(false)
    expect(keysOnDisk()).toHaveLength(keptBefore.length + 1)
    expect(keysOnDisk()).toContain(current.toString('base64'))
    expect(new Set(keysOnDisk()).size).toBe(keysOnDisk().length)
    keysInForce.push(generated)

    // With --new-key-file, a run killed after data.key was switched: the run again keeps no
    // "previous" copy of the key now in force.
    const given = randomBytes(32)
    const givenFile = join(dirname(dataDir), `given-${randomBytes(4).toString('hex')}.key`)
    writeFileSync(givenFile, `${given.toString('base64')}\n`, { mode: 0o600 })
    await rotateDataKey(server.deps, { previous: generated, next: given })
    // Kept aside and switched by the killed run, as it would have.
    copyFileSync(keyFile, join(dataDir, 'data.key.previous-2026-12-07T00-00-01.000Z'))
    copyFileSync(givenFile, keyFile)
    const again = keyRotate('--new-key-file', givenFile)
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toContain(`${keyFile} already holds the next key`)
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(given.toString('base64'))
    expect(readFileSync(givenFile, 'utf8').trim()).toBe(given.toString('base64'))
    expect(keysOnDisk()).toHaveLength(keptBefore.length + 2)
    expect(keysOnDisk()).not.toContain(given.toString('base64'))
    expect(new Set(keysOnDisk()).size).toBe(keysOnDisk().length)
    keysInForce.push(given)
    await checkDataKey(server.database.db, given, server.clock.now().toISOString())
  }, 120_000)
})
