import type { FieldSession } from '../../../client/src/field/auth/session.store'
import type { Fetcher } from '../../../client/src/field/sync/sync-transport'
import type { SignedInAgent } from '../../support/sync-fixtures'
import type { TestServer } from '../../support/test-server'
import { formatMessage } from '#shared/errors/format-issue'
import { IDBCursor, IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { watch } from 'vue'
import { AccountsDb } from '../../../client/src/field/auth/accounts-db'
import { requireFieldSession } from '../../../client/src/field/auth/field-auth.guard'
import { PBKDF2_ITERATIONS, verifyPassword } from '../../../client/src/field/auth/password-verifier'
import { SESSION_USER_STORAGE_KEY, useSessionStore } from '../../../client/src/field/auth/session.store'
import { saveDraft } from '../../../client/src/field/storage/applications.repository'
import { FieldDb, fieldDbName } from '../../../client/src/field/storage/field-db'
import { patchAdminRecord, signInAdmin } from '../../support/admin-fixtures'
import { MemoryStorage } from '../../support/memory-storage'
import { agentApplication, SYNC_SITE_ID } from '../../support/sync-fixtures'
import { createTestServer, TEST_PASSWORD } from '../../support/test-server'

/**
 * Field sign-in against the real server in-process (Hono app, real SQLite): the session
 * store with fake-indexeddb for the accounts database and the users' databases, a tab's
 * sessionStorage as a Map, and its fetch routed to `app.request`. "Offline" is either the
 * browser saying so (`isOnline`) or fetch failing as it does without a network.
 */

const ACCOUNTS_DB = 'field-enrol-accounts-test'

describe('field sign-in against the real server (sqlite)', () => {
  let server: TestServer
  let idb: InstanceType<typeof IDBFactory>
  let tab: MemoryStorage
  let network: 'up' | 'down' | 'browser-offline'
  let deviceClock: number
  let requests: string[]
  let userSeq = 0

  const toServer: Fetcher = async (path, init) => {
    requests.push(`${init.method ?? 'GET'} ${path}`)
    if (network === 'down')
      throw new TypeError('Failed to fetch')
    return server.app.request(path, init)
  }

  /** A fresh page load in the same tab: new Pinia, same IndexedDB and sessionStorage. */
  function openTab() {
    setActivePinia(createPinia())
    const store = useSessionStore()
    store.configure({
      fetch: toServer,
      isOnline: () => network !== 'browser-offline',
      dexie: { indexedDB: idb, IDBKeyRange },
      accountsDbName: ACCOUNTS_DB,
      sessionStorage: tab,
      now: () => new Date(deviceClock),
      deviceLabel: () => 'test tablet',
    })
    return store
  }

  function accountsDb() {
    return new AccountsDb(ACCOUNTS_DB, { indexedDB: idb, IDBKeyRange })
  }

  async function newAgent(): Promise<string> {
    const username = `agent.auth${++userSeq}`
    await server.createStaff(username, 'field_agent', [SYNC_SITE_ID])
    return username
  }

  async function databaseNames(): Promise<string[]> {
    return (await idb.databases() as Array<{ name?: string }>).map(d => d.name!).sort()
  }

  async function me(token: string | null) {
    return (await server.request('/api/me', { token: token ?? undefined })).status
  }

  function agentOf(session: FieldSession): SignedInAgent {
    return { token: session.token!, staffId: session.staff.id, deviceId: session.deviceId, deviceCode: session.deviceCode }
  }

  beforeAll(async () => {
    server = await createTestServer('sqlite')
  })
  beforeEach(() => {
    idb = new IDBFactory()
    tab = new MemoryStorage()
    network = 'up'
    deviceClock = Date.parse('2026-11-23T10:00:00+08:00')
    requests = []
  })
  afterAll(() => server.dispose())

  it('refuses a first sign-in with no network, with its own code, and stores nothing', async () => {
    const username = await newAgent()
    const store = openTab()

    network = 'browser-offline'
    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.first_sign_in_needs_network', mode: 'offline' })
    expect(requests).toEqual([]) // the browser knew: no request was tried

    network = 'down'
    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.first_sign_in_needs_network', mode: 'offline' })
    expect(requests).toEqual(['POST /api/auth/login'])

    expect(store.session).toBeNull()
    expect(await accountsDb().accounts.count()).toBe(0)
    expect(await accountsDb().devices.count()).toBe(0) // no trace of the typed user name
    expect(tab.values.size).toBe(0)
  })

  it('signs in online the first time: stores the account with a verifier, never the password, and opens the user\'s own database', async () => {
    const username = await newAgent()
    const store = openTab()

    expect(await store.signIn(`  ${username.toUpperCase()} `, TEST_PASSWORD)).toEqual({ ok: true, mode: 'online' })
    const session = store.session!
    expect(session).toMatchObject({ staff: { id: `staff-${username}`, username, role: 'field_agent', siteIds: [SYNC_SITE_ID] }, mode: 'online', tokenExpiresAt: expect.any(String) })
    expect(session.deviceId).toMatch(/^web-[0-9a-f]{32}$/)
    expect(session.db).toBeInstanceOf(FieldDb)
    expect(session.db.name).toBe(fieldDbName(`staff-${username}`))
    expect(store.locked).toBe(false)
    expect(tab.getItem(SESSION_USER_STORAGE_KEY)).toBe(username)

    // The server registered this device for this user, with the code the session carries.
    const device = await server.database.db.selectFrom('devices').selectAll().where('id', '=', session.deviceId).executeTakeFirstOrThrow()
    expect(device).toMatchObject({ code: session.deviceCode, staff_id: `staff-${username}`, label: 'test tablet' })
    expect(await me(session.token)).toBe(200)

    const db = accountsDb()
    const row = (await db.accounts.get(username))!
    expect(row).toMatchObject({ staff: session.staff, deviceId: session.deviceId, deviceCode: session.deviceCode, token: session.token, tokenExpiresAt: session.tokenExpiresAt, offline: { failures: 0, lockedUntil: null } })
    expect(row.verifier).toMatchObject({ algorithm: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS })
    expect(row.verifier.iterations).toBeGreaterThanOrEqual(210_000)
    expect(row.verifier.salt).toMatch(/^[0-9a-f]{32}$/)
    expect(await verifyPassword(TEST_PASSWORD, row.verifier)).toBe(true)
    expect(await db.devices.get(username)).toMatchObject({ deviceId: session.deviceId, staffId: `staff-${username}` })

    // Not the password, in any form, anywhere in the accounts database.
    const everything = JSON.stringify([await db.accounts.toArray(), await db.devices.toArray()])
    for (const form of [TEST_PASSWORD, Buffer.from(TEST_PASSWORD).toString('hex'), Buffer.from(TEST_PASSWORD).toString('base64')])
      expect(everything).not.toContain(form)
    await session.db.open()
    expect(await databaseNames()).toEqual([ACCOUNTS_DB, fieldDbName(`staff-${username}`)].sort())
  })

  it('signs in offline with the right password (the stored token kept, even expired) and refuses a wrong one in the online wording', async () => {
    const username = await newAgent()
    const first = openTab()
    await first.signIn(username, TEST_PASSWORD)
    const { token, deviceId, deviceCode } = first.session!
    server.clock.advance(31 * 86_400_000) // the token has expired by the server's clock
    tab.values.clear()

    network = 'browser-offline'
    const store = openTab()
    const wrong = await store.signIn(username, 'not the password')
    expect(wrong).toEqual({ ok: false, code: 'auth.invalid_credentials', mode: 'offline' })
    expect(store.session).toBeNull()
    expect(formatMessage('auth.invalid_credentials', undefined, 'zh-CN')).toBe('用户名或密码错误')

    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: true, mode: 'offline' })
    expect(store.session).toMatchObject({ staff: { username }, token, deviceId, deviceCode, mode: 'offline' })
    expect(store.session!.db.name).toBe(fieldDbName(`staff-${username}`))
    expect(store.needsOnlineSignIn).toBe(false)
    expect((await accountsDb().accounts.get(username))!.offline).toEqual({ failures: 0, lockedUntil: null })

    // A network error (the browser thought it was online) falls back to the verifier too.
    network = 'down'
    const again = openTab()
    expect(await again.signIn(username, TEST_PASSWORD)).toEqual({ ok: true, mode: 'offline' })
    expect(requests.at(-1)).toBe('POST /api/auth/login')

    // The sync store reports the server's 401: the token is dropped, the user keeps working.
    expect(await me(token)).toBe(401)
    again.tokenRefused()
    expect(again.session).toMatchObject({ token: null, staff: { username } })
    expect(again.needsOnlineSignIn).toBe(true)
    await expect.poll(async () => (await accountsDb().accounts.get(username))!.token).toBeNull()
  })

  it('throttles offline attempts: after five failures a 30 s wait, doubling, kept across a reload', async () => {
    const username = await newAgent()
    await openTab().signIn(username, TEST_PASSWORD)
    network = 'browser-offline'
    const store = openTab()

    for (let i = 1; i <= 4; i++)
      expect(await store.signIn(username, `wrong ${i}`)).toMatchObject({ ok: false, code: 'auth.invalid_credentials' })
    expect(await store.signIn(username, 'wrong 5')).toEqual({ ok: false, code: 'auth.offline_locked', params: { seconds: 30 }, mode: 'offline' })
    // Even the right password waits, and a reload does not reset the count.
    expect(await store.signIn(username, TEST_PASSWORD)).toMatchObject({ ok: false, code: 'auth.offline_locked' })
    deviceClock += 10_000
    expect(await openTab().signIn(username, TEST_PASSWORD)).toMatchObject({ ok: false, code: 'auth.offline_locked', params: { seconds: 20 } })

    deviceClock += 20_000
    expect(await store.signIn(username, 'wrong 6')).toEqual({ ok: false, code: 'auth.offline_locked', params: { seconds: 60 }, mode: 'offline' })
    deviceClock += 60_000
    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: true, mode: 'offline' })
    expect((await accountsDb().accounts.get(username))!.offline).toEqual({ failures: 0, lockedUntil: null })
  })

  it('lets the server decide when it answers: a password changed on the server wins over the stored verifier', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const newPassword = 'a brand new password 2'
    const reset = await server.request(`/api/admin/staff/staff-${username}/reset-password`, { method: 'POST', token: (await signInAdmin(server)).token, json: { password: newPassword } })
    expect(reset.status).toBeLessThan(300)

    // The old password still matches the verifier on the device, but the server says no.
    expect(await verifyPassword(TEST_PASSWORD, (await accountsDb().accounts.get(username))!.verifier)).toBe(true)
    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.invalid_credentials', mode: 'online' })

    expect(await store.signIn(username, newPassword)).toEqual({ ok: true, mode: 'online' })
    const verifier = (await accountsDb().accounts.get(username))!.verifier
    expect(await verifyPassword(newPassword, verifier)).toBe(true)
    expect(await verifyPassword(TEST_PASSWORD, verifier)).toBe(false)

    network = 'browser-offline'
    expect(await openTab().signIn(username, TEST_PASSWORD)).toMatchObject({ ok: false, code: 'auth.invalid_credentials', mode: 'offline' })
    expect(await openTab().signIn(username, newPassword)).toEqual({ ok: true, mode: 'offline' })
  })

  it('changes the password from the tablet: the new one unlocks offline, the old one no longer does, other tablets sign in again', async () => {
    const username = await newAgent()
    const other = openTab()
    await other.signIn(username, TEST_PASSWORD)
    const otherToken = other.session!.token
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const newPassword = 'my new tablet password'

    // The shared policy first, then the server's own check of the current password.
    expect(await store.changePassword(TEST_PASSWORD, 'short')).toMatchObject({ ok: false, code: 'request.invalid', issues: [{ path: 'newPassword', code: 'field.too_short' }] })
    expect(await store.changePassword('not my password', newPassword)).toEqual({ ok: false, code: 'auth.wrong_password' })
    network = 'browser-offline'
    expect(await store.changePassword(TEST_PASSWORD, newPassword)).toEqual({ ok: false, code: 'auth.password_change_needs_network' })
    network = 'down'
    expect(await store.changePassword(TEST_PASSWORD, newPassword)).toEqual({ ok: false, code: 'auth.password_change_needs_network' })
    network = 'up'
    expect(await verifyPassword(TEST_PASSWORD, (await accountsDb().accounts.get(username))!.verifier)).toBe(true)

    expect(await store.changePassword(TEST_PASSWORD, newPassword)).toEqual({ ok: true, sessionsEnded: 1, offlineUnlock: 'renewed' })
    expect(await me(store.session!.token)).toBe(200)
    expect(await me(otherToken)).toBe(401)
    const verifier = (await accountsDb().accounts.get(username))!.verifier
    expect(await verifyPassword(newPassword, verifier)).toBe(true)
    expect(await verifyPassword(TEST_PASSWORD, verifier)).toBe(false)

    store.lock()
    expect(await store.unlock(TEST_PASSWORD)).toMatchObject({ ok: false, code: 'auth.invalid_credentials' })
    expect(await store.unlock(newPassword)).toEqual({ ok: true, mode: 'offline' })
  })

  /** Makes this browser's writes to one object store fail as a full or failing disk does, until restored. */
  function failingWrites(storeName: string, writes: Array<'put' | 'delete'>): () => void {
    const patched: Array<() => void> = []
    const patch = (proto: any, method: string) => {
      const original = proto[method]
      proto[method] = function (this: { name?: string, source?: { name: string } }, ...args: unknown[]) {
        if ((this.name ?? this.source?.name) === storeName)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        return original.apply(this, args)
      }
      patched.push(() => {
        proto[method] = original
      })
    }
    for (const write of writes) {
      patch(IDBObjectStore.prototype, write)
      patch(IDBCursor.prototype, write === 'put' ? 'update' : 'delete')
    }
    return () => patched.forEach(restore => restore())
  }

  it('keeps the server\'s password change when this device cannot store the new verifier: the old password stops unlocking it offline', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const deviceId = store.session!.deviceId
    const newPassword = 'a password the disk refused'
    const restore = failingWrites('accounts', ['put'])
    try {
      expect(await store.changePassword(TEST_PASSWORD, newPassword)).toEqual({ ok: true, sessionsEnded: 0, offlineUnlock: 'online_only' })
    }
    finally {
      restore()
    }
    // No verifier on the device any more; its device id (and so its database) stays.
    expect(await accountsDb().accounts.get(username)).toBeUndefined()
    expect((await accountsDb().devices.get(username))?.deviceId).toBe(deviceId)
    store.lock()
    expect(await store.unlock(TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.required' })
    expect(store.session).toBeNull()
    // The next online sign-in takes the new password and stores its verifier, on the same device.
    expect(await store.signIn(username, TEST_PASSWORD)).toMatchObject({ ok: false })
    expect(await store.signIn(username, newPassword)).toEqual({ ok: true, mode: 'online' })
    expect(store.session!.deviceId).toBe(deviceId)
    expect(await verifyPassword(newPassword, (await accountsDb().accounts.get(username))!.verifier)).toBe(true)
  })

  it('says so when this device can neither store the new verifier nor drop the old one', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const restore = failingWrites('accounts', ['put', 'delete'])
    try {
      expect(await store.changePassword(TEST_PASSWORD, 'a password the disk refused')).toEqual({ ok: true, sessionsEnded: 0, offlineUnlock: 'old_password' })
    }
    finally {
      restore()
    }
    expect(await verifyPassword(TEST_PASSWORD, (await accountsDb().accounts.get(username))!.verifier)).toBe(true)
  })

  it('asks for an online sign-in before a password change when the token was refused', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const token = store.session!.token!
    expect((await server.request('/api/auth/logout', { method: 'POST', token })).status).toBe(204)
    expect(await store.changePassword(TEST_PASSWORD, 'my new tablet password')).toEqual({ ok: false, code: 'auth.password_change_needs_sign_in' })
    expect(store.needsOnlineSignIn).toBe(true)
    expect(await store.changePassword(TEST_PASSWORD, 'my new tablet password')).toEqual({ ok: false, code: 'auth.password_change_needs_sign_in' })
  })

  it('refreshes the token and the verifier at a later online sign-in, on the same device and database', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const held = store.session! // as the sync store holds it
    const before = { ...held }
    const rowBefore = (await accountsDb().accounts.get(username))!
    const tokensSeen: Array<string | null | undefined> = []
    const stop = watch(() => store.session?.token, token => tokensSeen.push(token), { flush: 'sync' })

    server.clock.advance(31 * 86_400_000)
    expect(await me(before.token)).toBe(401)
    store.tokenRefused()
    expect(store.needsOnlineSignIn).toBe(true)

    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: true, mode: 'online' })
    stop()
    const after = store.session!
    // Updated in place, and watchers were told: whoever holds the session reads the new token.
    expect(after).toBe(held)
    expect(tokensSeen).toEqual([null, after.token])
    expect(after.token).not.toBe(before.token)
    expect(await me(after.token)).toBe(200)
    expect(Date.parse(after.tokenExpiresAt!)).toBeGreaterThan(Date.parse(before.tokenExpiresAt!))
    expect(after).toMatchObject({ deviceId: before.deviceId, deviceCode: before.deviceCode })
    expect(after.db).toBe(before.db) // the open database is kept for the same user
    expect(store.needsOnlineSignIn).toBe(false)

    const rowAfter = (await accountsDb().accounts.get(username))!
    expect(rowAfter).toMatchObject({ token: after.token, tokenExpiresAt: after.tokenExpiresAt, deviceId: before.deviceId })
    expect(rowAfter.verifier.salt).not.toBe(rowBefore.verifier.salt)
    expect(await verifyPassword(TEST_PASSWORD, rowAfter.verifier)).toBe(true)
    expect(await server.database.db.selectFrom('devices').select('id').where('staff_id', '=', `staff-${username}`).execute()).toHaveLength(1)
  })

  it('wipes a revoked device at sign-in: that user\'s database and account go, another user\'s stay', async () => {
    const lost = await newAgent()
    const other = await newAgent()
    const store = openTab()
    await store.signIn(lost, TEST_PASSWORD)
    const lostSession = store.session!
    expect((await saveDraft(lostSession.db, agentApplication(agentOf(lostSession), 1))).ok).toBe(true)
    await store.signIn(other, TEST_PASSWORD)
    expect((await saveDraft(store.session!.db, agentApplication(agentOf(store.session!), 1))).ok).toBe(true)
    await store.signOut({ force: true })

    const revoked = await server.request(`/api/admin/devices/${lostSession.deviceId}/revoke`, { method: 'POST', token: (await signInAdmin(server)).token })
    expect(revoked.status).toBe(200)

    const next = openTab()
    expect(await next.signIn(lost, TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.device_revoked', mode: 'online', wiped: true, erasedUnsynced: 1 })
    expect(next.session).toBeNull()
    expect(await databaseNames()).toEqual([ACCOUNTS_DB, fieldDbName(`staff-${other}`)].sort())
    const db = accountsDb()
    expect(await db.accounts.get(lost)).toBeUndefined()
    expect(await db.devices.get(lost)).toBeUndefined()
    expect(await db.accounts.get(other)).toBeDefined()
    const otherDb = new FieldDb(fieldDbName(`staff-${other}`), { indexedDB: idb, IDBKeyRange })
    expect(await otherDb.applications.count()).toBe(1)
    otherDb.close()

    // Offline, nothing is left to sign in with; online, the user starts afresh on a new device.
    network = 'browser-offline'
    expect(await next.signIn(lost, TEST_PASSWORD)).toMatchObject({ ok: false, code: 'auth.first_sign_in_needs_network' })
    network = 'up'
    expect(await next.signIn(lost, TEST_PASSWORD)).toEqual({ ok: true, mode: 'online' })
    expect(next.session!.deviceId).not.toBe(lostSession.deviceId)
    expect(await next.session!.db.applications.count()).toBe(0)
  })

  it('ends a disabled account\'s session at its next online sign-in, says why, and keeps its unsynced work for the day it is enabled again', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const first = store.session!
    expect((await saveDraft(first.db, agentApplication(agentOf(first), 1))).ok).toBe(true)
    const admin = (await signInAdmin(server)).token
    const disable = (disabled: boolean) => patchAdminRecord(server, admin, `/api/admin/staff/staff-${username}`, { disabled })
    expect((await disable(true)).status).toBe(200)

    // The renewal on the device page, as the agent would try it once told to sign in again.
    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.account_disabled', mode: 'online', keptUnsynced: 1 })
    expect(store.session).toBeNull()
    expect(store.ended).toEqual({ code: 'auth.account_disabled', username, keptUnsynced: 1 })
    // The offline sign-in went with it; the work did not.
    network = 'browser-offline'
    expect(await store.signIn(username, TEST_PASSWORD)).toMatchObject({ ok: false, code: 'auth.first_sign_in_needs_network' })
    const kept = new FieldDb(fieldDbName(`staff-${username}`), { indexedDB: idb, IDBKeyRange })
    expect(await kept.applications.count()).toBe(1)
    kept.close()

    // From the sign-in page, no session open: the same answer and the same count.
    network = 'up'
    const next = openTab()
    expect(await next.signIn(username, TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.account_disabled', mode: 'online', keptUnsynced: 1 })

    expect((await disable(false)).status).toBe(200)
    expect(await next.signIn(username, TEST_PASSWORD)).toEqual({ ok: true, mode: 'online' })
    expect(next.ended).toBeNull()
    expect(await next.session!.db.applications.count()).toBe(1)
  })

  it('signs out with unsynced work only when confirmed, keeps the work, and tells the server', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const session = store.session!
    for (const seq of [1, 2])
      expect((await saveDraft(session.db, agentApplication(agentOf(session), seq))).ok).toBe(true)

    expect(await store.signOut()).toEqual({ signedOut: false, unsynced: 2 })
    expect(store.session).toBe(session)
    expect(requests).not.toContain('POST /api/auth/logout')

    expect(await store.signOut({ force: true })).toEqual({ signedOut: true, unsynced: 2 })
    expect(store.session).toBeNull()
    expect(store.locked).toBe(false)
    expect(tab.getItem(SESSION_USER_STORAGE_KEY)).toBeNull()
    expect(requests).toContain('POST /api/auth/logout')
    expect(await me(session.token)).toBe(401) // the server ended the session
    expect((await server.database.db.selectFrom('devices').select('unsynced_count').where('id', '=', session.deviceId).executeTakeFirstOrThrow()).unsynced_count).toBe(2)

    // Nothing was deleted: the next sign-in (offline here) finds both drafts.
    expect(await databaseNames()).toContain(fieldDbName(`staff-${username}`))
    network = 'browser-offline'
    expect(await store.signIn(username, TEST_PASSWORD)).toEqual({ ok: true, mode: 'offline' })
    expect(await store.session!.db.applications.count()).toBe(2)
    expect(store.session!.token).toBeNull() // revoked by the sign-out: sync needs an online sign-in
  })

  it('signs out at once when everything is synced, and offline keeps the token for later', async () => {
    const username = await newAgent()
    const store = openTab()
    await store.signIn(username, TEST_PASSWORD)
    const { token } = store.session!
    network = 'browser-offline'
    expect(await store.signOut()).toEqual({ signedOut: true, unsynced: 0 })
    expect(store.session).toBeNull()
    expect(requests).not.toContain('POST /api/auth/logout')
    expect((await accountsDb().accounts.get(username))!.token).toBe(token)
    expect(await me(token)).toBe(200)
  })

  it('restores the user after a reload, locked, and unlocks with the same password checked offline', async () => {
    const username = await newAgent()
    const first = openTab()
    await first.signIn(username, TEST_PASSWORD)
    const { token, deviceCode } = first.session!

    network = 'browser-offline'
    const reloaded = openTab()
    expect(reloaded.session).toBeNull()
    const to = { fullPath: '/field/enrol/new/individual' }
    expect(await (requireFieldSession as (to: unknown, from: unknown, next: unknown) => unknown)(to, {}, () => {})).toBe(true)
    expect(reloaded.locked).toBe(true)
    expect(reloaded.lockReason).toBe('reload')
    expect(reloaded.session).toMatchObject({ staff: { username }, token, deviceCode })

    expect(await reloaded.unlock('not the password')).toEqual({ ok: false, code: 'auth.invalid_credentials', mode: 'offline' })
    expect(reloaded.locked).toBe(true)
    expect(await reloaded.unlock(TEST_PASSWORD)).toEqual({ ok: true, mode: 'offline' })
    expect(reloaded.locked).toBe(false)

    // Inactivity locks again; the same password unlocks; the session and its database stay.
    const db = reloaded.session!.db
    reloaded.lock()
    expect(reloaded.locked).toBe(true)
    expect(reloaded.lockReason).toBe('idle')
    expect(await reloaded.unlock(TEST_PASSWORD)).toMatchObject({ ok: true })
    expect(reloaded.session!.db).toBe(db)

    // A tab that names nobody (or a user this browser does not know) goes to sign-in.
    tab.values.clear()
    openTab()
    expect(await (requireFieldSession as (to: unknown, from: unknown, next: unknown) => unknown)(to, {}, () => {})).toEqual({ name: 'field-sign-in', query: { next: to.fullPath } })
    tab.setItem(SESSION_USER_STORAGE_KEY, 'nobody.here')
    expect(await openTab().restore()).toBe(false)
    expect(tab.getItem(SESSION_USER_STORAGE_KEY)).toBeNull()
  })

  it('passes the server\'s other refusals through and keeps the field area for field agents', async () => {
    await server.createStaff('reviewer.auth', 'reviewer', [SYNC_SITE_ID])
    const store = openTab()
    expect(await store.signIn('reviewer.auth', TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.field_agents_only', mode: 'online' })
    expect(await accountsDb().accounts.count()).toBe(0)
    expect(await store.signIn('nobody.at.all', TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.invalid_credentials', mode: 'online' })
    expect(await accountsDb().devices.count()).toBe(0)
    expect(await store.signIn('', TEST_PASSWORD)).toEqual({ ok: false, code: 'auth.fields_required' })
  })
})
