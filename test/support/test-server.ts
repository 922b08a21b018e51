import type { Role } from '#shared/status/roles'
import type { Buffer } from 'node:buffer'
import type { AppDeps } from '../../server/context'
import type { TestDatabase, TestDialect } from './databases'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { createApp } from '../../server/app'
import { loadEnv } from '../../server/config/env'
import { insertStaff } from '../../server/repositories/staff.repository'
import { hashPassword } from '../../server/security/passwords'
import { createPersonalDataCipher } from '../../server/security/personal-data'
import { bootstrap } from '../../server/services/bootstrap.service'
import { createFileAttachmentStorage } from '../../server/storage/attachment-storage'
import { createTestDatabase } from './databases'

/**
 * The real server app in-process on a real database, with a clock the test can move.
 * `signIn` creates a staff member (if needed) and returns a client that sends its token.
 */

export interface TestClock {
  now: () => Date
  set: (iso: string) => void
  advance: (ms: number) => void
}

export function createClock(start = '2026-11-23T02:00:00.000Z'): TestClock {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current),
    set: (iso) => { current = new Date(iso).getTime() },
    advance: (ms) => { current += ms },
  }
}

/** A response whose JSON body tests read freely (they assert its shape). */
export type TestResponse = Omit<Response, 'json'> & { json: () => Promise<any> }

export interface TestServer {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  database: TestDatabase
  clock: TestClock
  adminPassword: string
  request: (path: string, init?: RequestInit & { token?: string, json?: unknown }) => Promise<TestResponse>
  createStaff: (username: string, role: Role, siteIds?: string[], password?: string) => Promise<string>
  signIn: (username: string, password?: string, deviceId?: string) => Promise<{ token: string, deviceId: string, deviceCode: string, staffId: string }>
  dispose: () => Promise<void>
}

export const TEST_PASSWORD = 'correct horse battery'

/** `masterKey`: the data key, for tests that need it again (backups); a random one by default. */
export async function createTestServer(dialect: TestDialect, options: { masterKey?: Buffer } = {}): Promise<TestServer> {
  const database = await createTestDatabase(dialect)
  const clock = createClock()
  const adminPassword = 'admin-password-for-tests'
  const env = loadEnv({ NODE_ENV: 'test', ADMIN_PASSWORD: adminPassword, CLIENT_DIST_DIR: join(database.location.sqlitePath, '..', 'no-dist') })
  const deps: AppDeps = {
    db: database.db,
    dialect: database.dialect,
    readSnapshot: database.readSnapshot,
    env,
    cipher: createPersonalDataCipher(options.masterKey ?? randomBytes(32)),
    storage: createFileAttachmentStorage(join(dirname(database.location.sqlitePath), 'attachments')),
    now: clock.now,
  }
  await bootstrap(deps)
  const app = createApp(deps)

  const request: TestServer['request'] = (path, init = {}) => {
    const headers = new Headers(init.headers)
    if (init.token)
      headers.set('Authorization', `Bearer ${init.token}`)
    let body = init.body
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json')
      body = JSON.stringify(init.json)
    }
    return Promise.resolve(app.request(path, { ...init, headers, body })) as Promise<TestResponse>
  }

  const createStaff: TestServer['createStaff'] = async (username, role, siteIds = [], password = TEST_PASSWORD) => {
    const id = `staff-${username}`
    for (const siteId of siteIds) {
      await database.db.insertInto('sites').values({ id: siteId, code: siteId.slice(-4).toUpperCase().replace(/[^0-9A-HJ-NP-RTUW-Y]/g, '0'), name: siteId, region_code: '110105', active: 1, created_at: clock.now().toISOString() }).onConflict(oc => oc.column('id').doNothing()).execute()
    }
    await insertStaff(database.db, { id, username, displayName: username, role, passwordHash: await hashPassword(password), siteIds }, clock.now().toISOString())
    return id
  }

  const signIn: TestServer['signIn'] = async (username, password = TEST_PASSWORD, deviceId = `device-${username}-${randomBytes(4).toString('hex')}`) => {
    const response = await request('/api/auth/login', { method: 'POST', json: { username, password, deviceId, deviceLabel: 'test tablet' } })
    if (response.status !== 200)
      throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`)
    const body = await response.json() as { token: string, device: { id: string, code: string }, staff: { id: string } }
    return { token: body.token, deviceId: body.device.id, deviceCode: body.device.code, staffId: body.staff.id }
  }

  return { app, deps, database, clock, adminPassword, request, createStaff, signIn, dispose: () => database.dispose() }
}
