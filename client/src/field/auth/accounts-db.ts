import type { Role } from '#shared/status/roles'
import type { DexieOptions, EntityTable } from 'dexie'
import type { OfflineThrottleState } from './offline-throttle'
import type { PasswordVerifier } from './password-verifier'
import Dexie from 'dexie'

/**
 * The accounts known on this browser (`field-enrol-accounts`): what lets a user who signed in
 * online once sign in again, and unlock, with no network. It is small and apart from the
 * users' own databases (`field-enrol-<staffId>`, field-db.ts), which hold their work.
 *
 * What lives where:
 * - `devices`: the device id this browser made for each user name, made once before that
 *   user's first sign-in and kept for as long as the user's local database lives. The
 *   server binds tokens to it and gives it the code its receipt numbers carry, so it must
 *   not change while unsynced work made under it exists. Removed only by a remote wipe.
 * - `accounts`: per user who signed in online here: the staff summary, device id and code,
 *   the bearer token and its expiry (null once the server refused it), the offline
 *   password verifier (PBKDF2, password-verifier.ts — never the password itself) and the
 *   offline-attempt throttle. Removed by a remote wipe (with the user's database) or when
 *   the server says the account is disabled.
 *
 * Rows are keyed by the lower-case user name (user names are lower-case on the server).
 * Written with strict durability: a sign-in that said "signed in" has its row on disk.
 */

export interface FieldStaff {
  id: string
  username: string
  displayName: string
  role: Role
  siteIds: string[]
}

export interface AccountRow {
  /** Lower-case user name: what a sign-in looks up. */
  username: string
  staff: FieldStaff
  deviceId: string
  /** The server's code for this device, used in receipt numbers. */
  deviceCode: string
  /** Null once the server refused it: the next sign-in must be online. */
  token: string | null
  tokenExpiresAt: string | null
  verifier: PasswordVerifier
  offline: OfflineThrottleState
  lastOnlineSignInAt: string
  updatedAt: string
}

export interface DeviceRow {
  username: string
  deviceId: string
  /** Known once the server accepted a sign-in with this device id. */
  staffId: string | null
  createdAt: string
}

export const ACCOUNTS_DB_NAME = 'field-enrol-accounts'

export type DexieDependencies = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>

export class AccountsDb extends Dexie {
  accounts!: EntityTable<AccountRow, 'username'>
  devices!: EntityTable<DeviceRow, 'username'>

  /** Tests pass their own name and an IndexedDB implementation (fake-indexeddb). */
  constructor(name = ACCOUNTS_DB_NAME, dependencies: DexieDependencies = {}) {
    super(name, { chromeTransactionDurability: 'strict', ...dependencies })
    this.version(1).stores({
      accounts: 'username, staff.id',
      devices: 'username',
    })
  }
}
