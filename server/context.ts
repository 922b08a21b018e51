import type { Locale } from '#shared/i18n/locale'
import type { Role } from '#shared/status/roles'
import type { Kysely } from 'kysely'
import type { Env } from './config/env'
import type { DialectName } from './db/dialect'
import type { OpenReadSnapshot } from './db/read-snapshot'
import type { Database } from './db/schema'
import type { PersonalDataCipher } from './security/personal-data'
import type { AttachmentStorage } from './storage/attachment-storage'

/** What every request handler may use; built once in main.ts (or by a test) and passed to createApp. */
export interface AppDeps {
  db: Kysely<Database>
  dialect: DialectName
  /** A consistent read-only view of the database for long reads (exports). */
  readSnapshot: OpenReadSnapshot
  env: Env
  cipher: PersonalDataCipher
  /** Uploaded attachment files, by SHA-256. */
  storage: AttachmentStorage
  /** The clock, so tests can move time (session expiry, lockouts, deadlines). */
  now: () => Date
}

/** The signed-in staff member and the device they use, resolved from the bearer token. */
export interface SessionActor {
  id: string
  username: string
  displayName: string
  role: Role
  siteIds: string[]
  deviceId: string
  tokenHash: string
  /** What the device last reported, so a request writes only when it changed. */
  device: { lastSeenAt: string, unsyncedCount: number, clockOffsetMs: number | null }
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    locale: Locale
    actor: SessionActor
  }
}
