import type { AccountRow, AccountsDb } from './accounts-db'
import type { OfflineThrottleState } from './offline-throttle'
import type { PasswordVerifier } from './password-verifier'

/**
 * Every write to the accounts database goes through here (STYLE.md §4). Rows are stored
 * as plain structured clones: IndexedDB cannot clone Vue proxies.
 */

/** A device id the server accepts (`[\w.-]{8,64}`), from the CSPRNG; works outside secure contexts too. */
export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `web-${Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('')}`
}

export function findAccount(db: AccountsDb, username: string): Promise<AccountRow | undefined> {
  return db.accounts.get(username)
}

/** This browser's device id for the user: made at the first call, then the same one every time. */
export function deviceIdFor(db: AccountsDb, username: string, now: Date): Promise<string> {
  return db.transaction('rw', db.devices, async () => {
    const existing = await db.devices.get(username)
    if (existing)
      return existing.deviceId
    const deviceId = newDeviceId()
    await db.devices.add({ username, deviceId, staffId: null, createdAt: now.toISOString() })
    return deviceId
  })
}

/**
 * A sign-in that did not succeed leaves no trace of the typed user name: a device id the
 * server never accepted is dropped (a new one is made next time, which costs nothing).
 */
export function discardUnregisteredDevice(db: AccountsDb, username: string): Promise<void> {
  return db.transaction('rw', db.devices, async () => {
    const device = await db.devices.get(username)
    if (device && device.staffId === null)
      await db.devices.delete(username)
  })
}

/** After the server accepted a sign-in: the account row and the device's owner, together. */
export function saveOnlineSignIn(db: AccountsDb, row: AccountRow): Promise<void> {
  return db.transaction('rw', db.accounts, db.devices, async () => {
    await db.accounts.put(structuredClone(row))
    await db.devices.update(row.username, { staffId: row.staff.id, deviceId: row.deviceId })
  })
}

export async function saveOfflineThrottle(db: AccountsDb, username: string, offline: OfflineThrottleState, now: Date): Promise<void> {
  await db.accounts.update(username, { offline: { ...offline }, updatedAt: now.toISOString() })
}

/** False when the account is not on this device (any more). */
export async function replaceVerifier(db: AccountsDb, username: string, verifier: PasswordVerifier, now: Date): Promise<boolean> {
  return await db.accounts.update(username, { verifier: { ...verifier }, updatedAt: now.toISOString() }) === 1
}

/** The server refused or revoked the token: the next sign-in must be online to sync again. */
export async function forgetToken(db: AccountsDb, username: string, now: Date): Promise<void> {
  await db.accounts.update(username, { token: null, tokenExpiresAt: null, updatedAt: now.toISOString() })
}

/**
 * No more offline sign-ins for this user (e.g. the account was disabled). The device id
 * stays: the user's local database and its unsynced work were made under it.
 */
export async function removeAccount(db: AccountsDb, username: string): Promise<void> {
  await db.accounts.delete(username)
}

/** Remote wipe: the account and the device id both go (the user's database is deleted by the caller first). */
export function forgetUser(db: AccountsDb, username: string): Promise<void> {
  return db.transaction('rw', db.accounts, db.devices, async () => {
    await db.accounts.delete(username)
    await db.devices.delete(username)
  })
}

/** The staff id whose local database belongs to this user name, if this browser knows it. */
export async function knownStaffId(db: AccountsDb, username: string): Promise<string | null> {
  const [account, device] = await Promise.all([db.accounts.get(username), db.devices.get(username)])
  return account?.staff.id ?? device?.staffId ?? null
}
