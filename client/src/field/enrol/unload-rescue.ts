import type { ApplicationInput } from '#shared/application/application.schema'

/**
 * A change typed in the last quarter second before the page goes (a reload, the tab closed)
 * is still waiting for its save, and the IndexedDB write started as the page leaves can be
 * cut off with the page. So it is also written, synchronously, to this tab's sessionStorage,
 * which survives a reload; the wizard takes it back when it opens the application again.
 *
 * Only the unsaved change of one application is kept, only until it is saved, and only in
 * this tab (sessionStorage goes with the tab): a rescue, not a second store of drafts.
 */

const PREFIX = 'field-enrol.unsaved-change.'

/** The part of `Storage` used here; null where there is none (tests in Node, storage refused). */
export interface RescueStorage {
  getItem: (key: string) => string | null
  setItem: (key: string, value: string) => void
  removeItem: (key: string) => void
  readonly length: number
  key: (index: number) => string | null
}

export function tabStorage(): RescueStorage | null {
  try {
    return globalThis.sessionStorage ?? null
  }
  catch {
    return null
  }
}

function keyOf(dbName: string, applicationId: string): string {
  return `${PREFIX}${dbName}.${applicationId}`
}

/** Keeps the unsaved change; silently does nothing when the storage refuses (quota, private mode). */
export function rescueChange(storage: RescueStorage | null, dbName: string, data: ApplicationInput): void {
  try {
    storage?.setItem(keyOf(dbName, data.id), JSON.stringify(data))
  }
  catch {}
}

/**
 * The change rescued for this application. It stays in the storage until it is saved or kept
 * on the record (`dropRescuedChange`): taking it up can fail, and must not lose it.
 */
export function readRescuedChange(storage: RescueStorage | null, dbName: string, applicationId: string): ApplicationInput | null {
  try {
    const text = storage?.getItem(keyOf(dbName, applicationId)) ?? null
    const data = text === null ? null : JSON.parse(text) as ApplicationInput
    return data?.id === applicationId ? data : null
  }
  catch {
    return null
  }
}

/** Once the change is saved, its rescue has nothing left to give. */
export function dropRescuedChange(storage: RescueStorage | null, dbName: string, applicationId: string): void {
  try {
    storage?.removeItem(keyOf(dbName, applicationId))
  }
  catch {}
}

/** Every rescue of one user's database: their data wiped from the device goes from here too. */
export function dropRescuedChanges(storage: RescueStorage | null, dbName: string): void {
  try {
    if (!storage)
      return
    const keys: string[] = []
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)
      if (key?.startsWith(`${PREFIX}${dbName}.`))
        keys.push(key)
    }
    keys.forEach(key => storage.removeItem(key))
  }
  catch {}
}
