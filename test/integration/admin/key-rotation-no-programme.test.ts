import type { AppDeps } from '../../../server/context'
import type { TestDatabase } from '../../support/databases'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadEnv } from '../../../server/config/env'
import { currentProgramme } from '../../../server/repositories/programme.repository'
import { readServerState } from '../../../server/repositories/server-state.repository'
import { checkDataKey, DataKeyMismatchError } from '../../../server/security/data-key-check'
import { createPersonalDataCipher, dataKeyFingerprint } from '../../../server/security/personal-data'
import { bootstrap } from '../../../server/services/bootstrap.service'
import { rotateDataKey } from '../../../server/services/key-rotation.service'
import { createFileAttachmentStorage } from '../../../server/storage/attachment-storage'
import { createTestDatabase, DIALECTS } from '../../support/databases'

/**
 * key:rotate on a database migrated but never through a first start (no programme settings,
 * hence no duplicate rules and nothing pushed). The rotation used to stop in its duplicate
 * re-scan ("start the server once first") with the rotation still marked in progress, which is
 * exactly what stops a server from starting: the database was stuck. It now finishes.
 */
describe.each(DIALECTS)('key rotation before the first start on %s', (dialect) => {
  let database: TestDatabase
  afterEach(() => database?.dispose())

  it('rotates, takes the next key, and a server then starts with it and creates the programme settings', async () => {
    database = await createTestDatabase(dialect)
    const previous = randomBytes(32)
    const next = randomBytes(32)
    const deps: AppDeps = {
      db: database.db,
      dialect: database.dialect,
      readSnapshot: database.readSnapshot,
      env: loadEnv({ NODE_ENV: 'test', ADMIN_PASSWORD: 'admin-password-for-tests' }),
      cipher: createPersonalDataCipher(previous),
      storage: createFileAttachmentStorage(join(dirname(database.location.sqlitePath), 'attachments')),
      now: () => new Date('2026-12-07T02:00:00.000Z'),
    }
    // What a first start records before it could fail: the key's fingerprint, and no programme yet.
    await checkDataKey(database.db, previous, deps.now().toISOString())
    expect(await currentProgramme(database.db)).toBeUndefined()

    const report = await rotateDataKey(deps, { previous, next })

    expect(report).toMatchObject({ records: 0, resealed: 0, nextFingerprint: dataKeyFingerprint(next) })
    expect(await readServerState(database.db, 'key_rotation')).toBeUndefined()
    expect(await readServerState(database.db, 'data_key_fingerprint')).toBe(dataKeyFingerprint(next))
    await expect(checkDataKey(database.db, previous, deps.now().toISOString())).rejects.toBeInstanceOf(DataKeyMismatchError)
    await checkDataKey(database.db, next, deps.now().toISOString())
    await bootstrap({ ...deps, cipher: createPersonalDataCipher(next) })
    expect((await currentProgramme(database.db))?.version).toBe(1)
  }, 60_000)
})
