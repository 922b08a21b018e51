import type { TestServer } from '../../support/test-server'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDataKey, DataKeyMismatchError } from '../../../server/security/data-key-check'
import { dataKeyFingerprint } from '../../../server/security/personal-data'
import { DIALECTS } from '../../support/databases'
import { deskApplication, pushApplication } from '../../support/review-fixtures'
import { startServerProcess } from '../../support/server-process'
import { SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer } from '../../support/test-server'

/**
 * A server refuses to start with a data key other than the one its ID numbers are sealed
 * with: the database remembers the key's fingerprint, or proves a key on a sealed record
 * when it has none yet (a database from before the check).
 */

describe.each(DIALECTS)('the data key check on %s', (dialect) => {
  const masterKey = randomBytes(32)
  let server: TestServer
  const at = '2026-12-03T02:00:00.000Z'
  const fingerprint = async () => (await server.database.db.selectFrom('server_state').select('value').where('name', '=', 'data_key_fingerprint').executeTakeFirst())?.value

  beforeAll(async () => {
    server = await createTestServer(dialect, { masterKey })
    await server.createStaff('agent.li', 'field_agent', [SYNC_SITE_ID])
    const agent = await server.signIn('agent.li')
    await pushApplication(server, agent, deskApplication(agent, 1, SYNC_SITE_ID))
  })
  afterAll(() => server.dispose())

  it('proves a key on a sealed record the first time, then holds the database to its fingerprint', async () => {
    expect(await fingerprint()).toBeUndefined()
    await expect(checkDataKey(server.database.db, randomBytes(32), at)).rejects.toThrow(/does not open the ID numbers stored/)
    expect(await fingerprint()).toBeUndefined()

    await checkDataKey(server.database.db, masterKey, at)
    expect(await fingerprint()).toBe(dataKeyFingerprint(masterKey))
    await checkDataKey(server.database.db, masterKey, at)

    const other = randomBytes(32)
    const refused = checkDataKey(server.database.db, other, at)
    await expect(refused).rejects.toBeInstanceOf(DataKeyMismatchError)
    await expect(refused).rejects.toThrow(`the database names key ${dataKeyFingerprint(masterKey)}, the key given is ${dataKeyFingerprint(other)}`)
  })

  it.runIf(dialect === 'sqlite')('the server process stops at start with the reason, and starts with the right key', async () => {
    const env = { DATA_DIR: dirname(server.database.location.sqlitePath) }
    await expect(startServerProcess({ ...env, FIELD_ENROL_DATA_KEY: randomBytes(32).toString('base64') })).rejects.toThrow(/exited with 1:[\s\S]*Not started: The data key is not the one this database's ID numbers are sealed with/)
    const started = await startServerProcess({ ...env, FIELD_ENROL_DATA_KEY: masterKey.toString('base64') })
    await started.stop()
    // No key at all (the key file lost or moved): refused, and no new key file generated in its place.
    const { FIELD_ENROL_DATA_KEY: _unset, ...withoutKey } = process.env
    const missing = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...withoutKey, FIELD_ENROL_LANG: 'en', ...env, PORT: '39871', HOST: '127.0.0.1' }, encoding: 'utf8', timeout: 30_000 })
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/Not started: The database's ID numbers are sealed with key [0-9a-f]{16}, but there is no key/)
    expect(existsSync(join(env.DATA_DIR, 'data.key'))).toBe(false)
  }, 60_000)
})
