import type { Fetcher } from '../sync/sync-transport'
import type { DexieDependencies } from './accounts-db'
import type { SessionChannel } from './session-broadcast'
import { appLanguageFetch } from '../../app/network/app-language-fetch'
import { ACCOUNTS_DB_NAME } from './accounts-db'
import { PBKDF2_ITERATIONS } from './password-verifier'
import { browserSessionChannel } from './session-broadcast'

/**
 * What the session store needs from the platform, in one place so tests can swap it: the
 * network (a fetch taking a path, and whether the browser believes it is online), IndexedDB,
 * the tab's sessionStorage, the clock, the PBKDF2 cost and the channel to the other tabs.
 * The defaults are the browser's.
 * Nothing here touches DOM types, so the store also runs under Node in the tests.
 */

/** The part of `Storage` the store uses (sessionStorage in the browser). */
export interface KeyValueStore {
  getItem: (key: string) => string | null
  setItem: (key: string, value: string) => void
  removeItem: (key: string) => void
}

export interface AuthEnvironment {
  /** Sends an API request; the path is same-origin (`/api/auth/login`). */
  fetch: Fetcher
  /** False when the browser knows it has no network (`navigator.onLine`); sign-in then goes offline at once. */
  isOnline: () => boolean
  /** IndexedDB implementation for the accounts database and the users' databases (fake-indexeddb in tests). */
  dexie: DexieDependencies
  accountsDbName: string
  /** Remembers who is signed in in this tab across a reload; null where there is none. */
  sessionStorage: KeyValueStore | null
  now: () => Date
  /** Shown to the administrator in the device list. */
  deviceLabel: () => string
  /** PBKDF2 iterations for new verifiers. */
  iterations: number
  /** A request taking longer counts as "no network" (a captive portal, a dying connection). */
  requestTimeoutMs: number
  /** Where this browser's other tabs hear of a sign-out or a wipe (session-broadcast.ts); null: not told. */
  sessionChannel: SessionChannel | null
}

interface BrowserGlobals {
  navigator?: { onLine?: boolean, userAgent?: string }
  sessionStorage?: KeyValueStore
}

const browser = globalThis as BrowserGlobals

/** A short, human label for this browser, e.g. `Chrome on Android`. */
export function browserDeviceLabel(userAgent = browser.navigator?.userAgent ?? ''): string {
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPad|iPhone/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null
  const name = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Chrom(?:e|ium)\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent) ? 'Firefox' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser'
  return os ? `${name} on ${os}` : name
}

function tabStorage(): KeyValueStore | null {
  try {
    return browser.sessionStorage ?? null
  }
  catch {
    return null // blocked by the browser's privacy settings
  }
}

export function browserAuthEnvironment(): AuthEnvironment {
  return {
    fetch: (path, init) => appLanguageFetch(path, init),
    isOnline: () => browser.navigator?.onLine ?? true,
    dexie: {},
    accountsDbName: ACCOUNTS_DB_NAME,
    sessionStorage: tabStorage(),
    now: () => new Date(),
    deviceLabel: () => browserDeviceLabel(),
    iterations: PBKDF2_ITERATIONS,
    requestTimeoutMs: 15_000,
    sessionChannel: browserSessionChannel(),
  }
}

/** WebCrypto's `subtle` exists only in secure contexts (HTTPS or localhost). */
export function hasWebCrypto(): boolean {
  return typeof globalThis.crypto?.subtle?.deriveBits === 'function'
}
