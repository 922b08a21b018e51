import type { ValidationIssue } from '#shared/errors/issue'
import type { AccountRow, FieldStaff } from './accounts-db'
import type { AuthEnvironment } from './auth-environment'
import type { LoginAnswer } from './auth-requests'
import type { SessionNotice } from './session-broadcast'
import { normaliseUsername } from '#shared/auth/username'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import { dropRescuedChanges, tabStorage } from '../enrol/unload-rescue'
import { FieldDb, fieldDbName, unsyncedCount } from '../storage/field-db'
import { AccountsDb } from './accounts-db'
import { deviceIdFor, discardUnregisteredDevice, findAccount, forgetToken, forgetUser, knownStaffId, removeAccount, replaceVerifier, saveOnlineSignIn } from './accounts.repository'
import { browserAuthEnvironment, hasWebCrypto } from './auth-environment'
import { errorOf, isWipe, postToServer } from './auth-requests'
import { checkOffline } from './offline-check'
import { NO_FAILURES } from './offline-throttle'
import { deriveVerifier } from './password-verifier'

/**
 * Who is signed in on this tab, and how (DESIGN.md §8, issue 4 item 3).
 *
 * - The first sign-in of a user on this browser is online (POST /api/auth/login with the
 *   device id this browser made for that user). It stores the account (accounts-db.ts): the
 *   token, the device code and an offline PBKDF2 verifier of the password — never the
 *   password — and opens the user's own database.
 * - Later sign-ins go online whenever the server answers: the server is the authority (its
 *   "wrong password" stands even if the stored verifier matches), and success refreshes the
 *   token and the verifier. With no network (offline, a network error, a time-out or a 5xx
 *   answer) the password is checked against the verifier, throttled (offline-throttle.ts),
 *   and the session starts with the stored token, possibly expired: the sync store calls
 *   `tokenRefused()` on a 401 and the UI asks for an online sign-in.
 * - A 403 `auth.device_revoked` at sign-in (or sign-out) is a remote wipe: the user's
 *   database and account row are deleted. Nothing else here ever deletes local work.
 * - The app locks after inactivity (FieldLockScreen.vue); a reload keeps the user (by name,
 *   in sessionStorage) but starts locked: `restore()` then `unlock(password)`.
 * - Signing out with unsynced work asks first (`signOut()` reports the count; `{ force: true }`
 *   signs out anyway) and keeps the work on the device for the next sign-in.
 * - A sign-out or a wipe is told to this browser's other tabs (session-broadcast.ts); a tab
 *   told of its user's wipe ends the session at once, one told of a sign-out asks its layout
 *   to leave the page first (`signedOutElsewhere`), so that an entry still waiting for its
 *   save is saved, then ends it (`settleSignOutElsewhere`).
 */

export type { FieldStaff } from './accounts-db'

export type SignInMode = 'online' | 'offline'

/**
 * The signed-in user. One object per user's session: a later sign-in of the same user and a
 * refused token update it in place (watchers of `session.token` are told), so whoever holds
 * it sees the current token. Another user's sign-in gives a new object.
 */
export interface FieldSession {
  staff: FieldStaff
  deviceId: string
  /** The server's code for this device, used in receipt numbers. */
  deviceCode: string
  /** Bearer token for the API; null when it was refused and a sign-in online is needed to sync. */
  token: string | null
  /** When the token ends, by the server's clock; null when unknown. */
  tokenExpiresAt: string | null
  /** How the session was started: the server checked the password, or the stored verifier did. */
  mode: SignInMode
  /** This user's own local database. */
  db: FieldDb
}

/** Error codes are the shared catalogue's (server answers) or the client's own (`auth.*` in i18n/messages/auth.ts). */
export type SignInResult
  = | { ok: true, mode: SignInMode }
    | { ok: false, code: string, params?: Record<string, string | number>, mode?: SignInMode, wiped?: boolean, erasedUnsynced?: number, keptUnsynced?: number }

/**
 * A session ended without the agent signing out in this tab: the server disabled their
 * account (the unsynced applications stay on the device for them), another tab wiped their
 * data (a revoked device) or signed them out. The sign-in page says which.
 */
export type EndedSession
  = | { code: 'auth.account_disabled', username: string, keptUnsynced: number }
    | { code: 'auth.device_revoked', username: string, erasedUnsynced: number }
    | { code: 'auth.signed_out_elsewhere', username: string }

/**
 * What the tablet's offline unlock takes after a password change the server accepted: the
 * new password (the usual case); nothing until the next online sign-in (this device could
 * not store the new verifier, so it dropped the old one); or, if it could not even do that,
 * still the old password until the next online sign-in.
 */
export type OfflineUnlockAfterChange = 'renewed' | 'online_only' | 'old_password'

export type PasswordChangeResult
  = | { ok: true, sessionsEnded: number, offlineUnlock: OfflineUnlockAfterChange }
    | { ok: false, code: string, params?: Record<string, string | number>, issues?: ValidationIssue[], wiped?: boolean }

export interface SignOutOptions {
  /** Sign out even with unsynced work (which stays on the device). */
  force?: boolean
}

export interface SignOutResult {
  /** False when unsynced work stopped it: confirm, then call again with `{ force: true }`. */
  signedOut: boolean
  /** Applications on the device not yet synced (kept either way). */
  unsynced: number
}

/** Names the signed-in user in this tab, so a reload restores the session (locked). */
export type LockReason = 'idle' | 'reload'

export const SESSION_USER_STORAGE_KEY = 'field-enrol.session-user'

type OnlineAttempt
  = | { reached: true, result: SignInResult }
    | { reached: false, code?: string }

export const useSessionStore = defineStore('session', () => {
  const session = shallowRef<FieldSession | null>(null)
  const locked = ref(false)
  /** Why the lock screen shows: after inactivity, or because the tab was reloaded or reopened. */
  const lockReason = ref<LockReason>('idle')
  let env: AuthEnvironment = browserAuthEnvironment()
  let accountsDb: AccountsDb | null = null
  let restoring: Promise<boolean> | null = null

  /** Set when the session ended without a sign-out in this tab (`EndedSession`); cleared by the next sign-in. */
  const ended = ref<EndedSession | null>(null)
  /** Another tab signed this user out: the layout leaves the page, then calls `settleSignOutElsewhere`. */
  const signedOutElsewhere = ref(false)
  let stopListening = env.sessionChannel?.listen(heard) ?? null
  /** True when the session has no usable token: work goes on, but syncing needs an online sign-in. */
  const needsOnlineSignIn = computed(() => session.value !== null && session.value.token === null)

  /** Replaces parts of the platform (tests: fake-indexeddb, the in-process server, a clock). */
  function configure(overrides: Partial<AuthEnvironment>): void {
    accountsDb?.close()
    accountsDb = null
    env = { ...env, ...overrides }
    stopListening?.()
    stopListening = env.sessionChannel?.listen(heard) ?? null
  }

  function tell(notice: SessionNotice): void {
    env.sessionChannel?.post(notice)
  }

  /** A notice from another tab, about the user of this tab's session or not. */
  function heard(notice: SessionNotice): void {
    const current = session.value
    if (!current || current.staff.id !== notice.staffId)
      return
    if (notice.kind === 'wiped') {
      // The database is gone already (deleted under this tab): nothing is left to save.
      session.value = null
      locked.value = false
      signedOutElsewhere.value = false
      remember(null)
      current.db.erased = true
      current.db.close()
      dropRescuedChanges(tabStorage(), current.db.name)
      ended.value = { code: 'auth.device_revoked', username: current.staff.username, erasedUnsynced: notice.erasedUnsynced }
      return
    }
    ended.value = { code: 'auth.signed_out_elsewhere', username: current.staff.username }
    signedOutElsewhere.value = true
  }

  /**
   * After a sign-out in another tab, once the layout tried to leave the page: it left (what
   * waited was saved) and the session ends here too; or the agent chose to stay on an entry
   * that could not be saved, as they may when leaving it, and the session stays in this tab
   * (its token, if the other tab ended it online, is refused at the next sync).
   */
  function settleSignOutElsewhere(left: boolean): void {
    signedOutElsewhere.value = false
    if (left)
      end()
    else
      ended.value = null
  }

  function accounts(): AccountsDb {
    accountsDb ??= new AccountsDb(env.accountsDbName, env.dexie)
    return accountsDb
  }

  function remember(username: string | null): void {
    try {
      if (username)
        env.sessionStorage?.setItem(SESSION_USER_STORAGE_KEY, username)
      else
        env.sessionStorage?.removeItem(SESSION_USER_STORAGE_KEY)
    }
    catch {
      // Storage refused (private mode, quota): the session still works, a reload asks to sign in.
    }
  }

  function begin(row: AccountRow, mode: SignInMode): void {
    const current = session.value
    const base = { staff: row.staff, deviceId: row.deviceId, deviceCode: row.deviceCode, token: row.token, tokenExpiresAt: row.tokenExpiresAt, mode }
    ended.value = null
    // A notice about a session before this sign-in is not this one's to act on.
    signedOutElsewhere.value = false
    // The same user signing in again updates the session in place: the sync store keeps its
    // engine on the same object and database and reads the fresh token from it.
    if (current && current.staff.id === row.staff.id) {
      Object.assign(current, base)
      triggerRef(session)
    }
    else {
      current?.db.close()
      session.value = { ...base, db: new FieldDb(fieldDbName(row.staff.id), env.dexie) }
    }
    locked.value = false
    remember(row.username)
  }

  function end(): void {
    session.value?.db.close()
    session.value = null
    locked.value = false
    signedOutElsewhere.value = false
    remember(null)
  }

  /**
   * Remote wipe of one user on this browser: their database first, then their account and
   * device id. Returns how many unsynced applications went with it (the agent is told).
   */
  async function wipeUser(username: string): Promise<number> {
    const erasedUnsynced = await unsyncedOf(username)
    const db = accounts()
    const current = session.value
    let staffId: string | null
    if (current && current.staff.username === username) {
      staffId = current.staff.id
      session.value = null
      locked.value = false
      remember(null)
      await current.db.erase()
      dropRescuedChanges(tabStorage(), current.db.name)
    }
    else {
      staffId = await knownStaffId(db, username)
      if (staffId) {
        await new FieldDb(fieldDbName(staffId), env.dexie).erase()
        dropRescuedChanges(tabStorage(), fieldDbName(staffId))
      }
    }
    await forgetUser(db, username)
    if (staffId)
      tell({ kind: 'wiped', staffId, erasedUnsynced })
    return erasedUnsynced
  }

  /** Unsynced applications this user has on the device, signed in or not (0 when unknown). */
  async function unsyncedOf(username: string): Promise<number> {
    const current = session.value
    if (current && current.staff.username === username)
      return unsyncedCount(current.db).catch(() => 0)
    const staffId = await knownStaffId(accounts(), username)
    if (!staffId)
      return 0
    const db = new FieldDb(fieldDbName(staffId), env.dexie)
    try {
      return await unsyncedCount(db)
    }
    catch {
      return 0
    }
    finally {
      db.close()
    }
  }

  async function signInOnline(username: string, password: string): Promise<OnlineAttempt> {
    const attempt = await tryOnline(username, password)
    if (!(attempt.reached && attempt.result.ok))
      await discardUnregisteredDevice(accounts(), username)
    return attempt
  }

  async function tryOnline(username: string, password: string): Promise<OnlineAttempt> {
    const db = accounts()
    const deviceId = await deviceIdFor(db, username, env.now())
    const response = await postToServer(env, '/api/auth/login', { json: { username, password, deviceId, deviceLabel: env.deviceLabel() } })
    if (!response)
      return { reached: false }
    if (response.status >= 500)
      return { reached: false, code: (await errorOf(response)).code ?? 'server.internal' }

    if (!response.ok) {
      const error = await errorOf(response)
      if (isWipe(response.status, error)) {
        const erasedUnsynced = await wipeUser(username)
        return { reached: true, result: { ok: false, code: 'auth.device_revoked', mode: 'online', wiped: true, erasedUnsynced } }
      }
      if (error.code === 'auth.account_disabled') {
        // The offline sign-in goes (a disabled account must not open the app); the work stays,
        // for the day the account is enabled again or an administrator sees to it.
        const keptUnsynced = await unsyncedOf(username)
        await removeAccount(db, username)
        if (session.value?.staff.username === username) {
          end()
          ended.value = { code: 'auth.account_disabled', username, keptUnsynced }
        }
        return { reached: true, result: { ok: false, code: error.code, mode: 'online', keptUnsynced } }
      }
      return { reached: true, result: { ok: false, code: error.code ?? 'request.invalid', ...(error.params ? { params: error.params } : {}), mode: 'online' } }
    }

    const answer = await response.json() as LoginAnswer
    if (answer.staff.role !== 'field_agent') {
      // The field area is for field agents; end the session the server just opened.
      await postToServer(env, '/api/auth/logout', { token: answer.token })
      return { reached: true, result: { ok: false, code: 'auth.field_agents_only', mode: 'online' } }
    }
    const now = env.now().toISOString()
    const row: AccountRow = {
      username: normaliseUsername(answer.staff.username),
      staff: { id: answer.staff.id, username: answer.staff.username, displayName: answer.staff.displayName, role: answer.staff.role, siteIds: [...answer.staff.siteIds] },
      deviceId: answer.device.id,
      deviceCode: answer.device.code,
      token: answer.token,
      tokenExpiresAt: answer.expiresAt,
      verifier: await deriveVerifier(password, { iterations: env.iterations }),
      offline: NO_FAILURES,
      lastOnlineSignInAt: now,
      updatedAt: now,
    }
    await saveOnlineSignIn(db, row)
    begin(row, 'online')
    return { reached: true, result: { ok: true, mode: 'online' } }
  }

  async function signIn(username: string, password: string): Promise<SignInResult> {
    const name = normaliseUsername(username)
    if (!name || !password)
      return { ok: false, code: 'auth.fields_required' }
    if (!hasWebCrypto())
      return { ok: false, code: 'auth.insecure_context' }
    try {
      let unreachableCode: string | undefined
      if (env.isOnline()) {
        const online = await signInOnline(name, password)
        if (online.reached)
          return online.result
        unreachableCode = online.code
      }
      const row = await findAccount(accounts(), name)
      if (!row)
        return { ok: false, code: unreachableCode ?? 'auth.first_sign_in_needs_network', mode: 'offline' }
      const checked = await checkOffline(accounts(), env, row, password)
      if (checked.ok)
        begin(row, 'offline')
      return checked
    }
    catch (error) {
      console.error('sign-in failed', error)
      return { ok: false, code: 'auth.storage_unavailable' }
    }
  }

  /** Ends the lock screen: the same user's password, checked against the stored verifier. */
  async function unlock(password: string): Promise<SignInResult> {
    const current = session.value
    if (!current)
      return { ok: false, code: 'auth.required' }
    if (!hasWebCrypto())
      return { ok: false, code: 'auth.insecure_context' }
    try {
      const row = await findAccount(accounts(), normaliseUsername(current.staff.username))
      if (!row) {
        // Wiped or disabled meanwhile (e.g. in another tab): a full sign-in is needed.
        end()
        return { ok: false, code: 'auth.required' }
      }
      const checked = await checkOffline(accounts(), env, row, password)
      if (checked.ok)
        locked.value = false
      return checked
    }
    catch (error) {
      // As at sign-in: the lock screen says the device storage failed, rather than nothing.
      console.error('unlock failed', error)
      return { ok: false, code: 'auth.storage_unavailable' }
    }
  }

  /** Hides everything behind the lock screen until `unlock`; drafts and sync carry on untouched. */
  function lock(): void {
    if (session.value) {
      lockReason.value = 'idle'
      locked.value = true
    }
  }

  /**
   * After a reload: the user this tab had signed in, restored locked from the accounts
   * database. True when there is a session (restored or already there).
   */
  function restore(): Promise<boolean> {
    if (session.value)
      return Promise.resolve(true)
    restoring ??= (async () => {
      let username: string | null = null
      try {
        username = env.sessionStorage?.getItem(SESSION_USER_STORAGE_KEY) ?? null
      }
      catch {}
      if (!username)
        return false
      const row = await findAccount(accounts(), username).catch(() => undefined)
      if (!row) {
        remember(null)
        return false
      }
      if (!session.value) {
        begin(row, 'offline')
        lockReason.value = 'reload'
        locked.value = true
      }
      return true
    })().finally(() => {
      restoring = null
    })
    return restoring
  }

  /** The server refused the token (401): keep everything, ask for an online sign-in before the next sync. */
  function tokenRefused(): void {
    const current = session.value
    if (!current || current.token === null)
      return
    current.token = null
    current.tokenExpiresAt = null
    triggerRef(session)
    forgetToken(accounts(), normaliseUsername(current.staff.username), env.now()).catch(error => console.error('could not forget the refused token', error))
  }

  /**
   * Signs out. With unsynced work and no `force`, nothing happens and the count is returned
   * for the UI to confirm. Nothing local is deleted; when online the server ends the session.
   */
  async function signOut(options: SignOutOptions = {}): Promise<SignOutResult> {
    const current = session.value
    if (!current)
      return { signedOut: true, unsynced: 0 }
    const username = normaliseUsername(current.staff.username)
    const unsynced = await unsyncedCount(current.db).catch(() => 0)
    if (unsynced > 0 && !options.force)
      return { signedOut: false, unsynced }

    if (current.token && env.isOnline()) {
      // Unreachable (null): the token stays stored, so work done after the next offline sign-in still syncs.
      const response = await postToServer(env, '/api/auth/logout', { token: current.token, headers: { 'X-Unsynced-Count': String(unsynced) } })
      try {
        if (response?.ok || response?.status === 401)
          await forgetToken(accounts(), username, env.now())
        else if (response && isWipe(response.status, await errorOf(response)))
          await wipeUser(username)
      }
      catch (error) {
        // Signing out must not fail on this device's storage: the session ends either way.
        console.error('sign-out: could not update this device\'s account', error)
      }
    }
    end()
    tell({ kind: 'signed_out', staffId: current.staff.id })
    return { signedOut: true, unsynced }
  }

  /**
   * Changes the signed-in user's password: online only (the server alone knows the current
   * one). The shared policy is checked first; on success the offline verifier is renewed
   * so the new password unlocks this tablet from now on, and the server has ended the
   * account's other sessions (other tablets sign in online again, renewing theirs).
   */
  async function changePassword(currentPassword: string, newPassword: string): Promise<PasswordChangeResult> {
    const current = session.value
    if (!current)
      return { ok: false, code: 'auth.required' }
    // Zod loads here, not with the app's first screen (bench/bundle-size.bench.ts).
    const [{ PasswordChangeSchema }, { toValidationIssues }] = await Promise.all([import('#shared/auth/password-policy'), import('#shared/errors/zod-issues')])
    const change = { currentPassword, newPassword }
    const parsed = PasswordChangeSchema.safeParse(change)
    if (!parsed.success)
      return { ok: false, code: 'request.invalid', issues: toValidationIssues(parsed.error, change) }
    if (!current.token)
      return { ok: false, code: 'auth.password_change_needs_sign_in' }
    if (!env.isOnline())
      return { ok: false, code: 'auth.password_change_needs_network' }
    const username = normaliseUsername(current.staff.username)
    const response = await postToServer(env, '/api/me/password', { token: current.token, json: parsed.data })
    if (!response)
      return { ok: false, code: 'auth.password_change_needs_network' }
    if (!response.ok) {
      const error = await errorOf(response)
      if (isWipe(response.status, error)) {
        await wipeUser(username)
        return { ok: false, code: 'auth.device_revoked', wiped: true }
      }
      if (response.status === 401) {
        tokenRefused()
        return { ok: false, code: 'auth.password_change_needs_sign_in' }
      }
      return { ok: false, code: error.code ?? 'server.internal', ...(error.params ? { params: error.params } : {}) }
    }
    const { sessionsEnded } = await response.json() as { sessionsEnded: number }
    return { ok: true, sessionsEnded, offlineUnlock: await renewOfflineUnlock(username, newPassword) }
  }

  /**
   * The server has the new password: the offline unlock follows it. A device that cannot
   * store the new verifier (storage full or failing) drops the account row instead, so the
   * old password stops unlocking; its data and device id stay, and the next online sign-in
   * stores a verifier again.
   */
  async function renewOfflineUnlock(username: string, newPassword: string): Promise<OfflineUnlockAfterChange> {
    try {
      // No account row (another tab wiped it): nothing unlocks offline until an online sign-in.
      return await replaceVerifier(accounts(), username, await deriveVerifier(newPassword, { iterations: env.iterations }), env.now()) ? 'renewed' : 'online_only'
    }
    catch {
      try {
        await removeAccount(accounts(), username)
        return 'online_only'
      }
      catch {
        return 'old_password'
      }
    }
  }

  /**
   * The sync engine deleted a user's database because the server revoked their device:
   * forget their account too, and end their session if it is the one on screen. The run may
   * have ended after they signed out, with another user signed in, who is left as they are.
   * The other tabs are told. True when the session on screen was ended.
   */
  async function deviceWiped(wiped: FieldSession, erasedUnsynced: number): Promise<boolean> {
    const current = session.value
    const wasCurrent = current !== null && current.staff.id === wiped.staff.id
    if (wasCurrent) {
      session.value = null
      locked.value = false
      signedOutElsewhere.value = false
      remember(null)
    }
    dropRescuedChanges(tabStorage(), wiped.db.name)
    await forgetUser(accounts(), normaliseUsername(wiped.staff.username))
    tell({ kind: 'wiped', staffId: wiped.staff.id, erasedUnsynced })
    return wasCurrent
  }

  return { session, locked, lockReason, ended, signedOutElsewhere, needsOnlineSignIn, configure, signIn, unlock, lock, restore, tokenRefused, changePassword, signOut, settleSignOutElsewhere, deviceWiped }
})
