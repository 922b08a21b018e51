/**
 * The desk's device ids. The server binds a device id to the first staff member who signs
 * in with it (another one gets `auth.device_other_user`), and a desk PC is often shared by
 * several reviewers, so this browser keeps one id per user name, made at that user's first
 * sign-in here and kept in localStorage so each sign-in lands on the same device row (one
 * device per person per browser in the admin's device list, not one per sign-in).
 *
 * An administrator who revokes such a row ends that person's sessions in this browser; a
 * desk keeps no data to wipe, so the id is forgotten and the next sign-in (the password is
 * the gate; to keep someone out, disable the account) registers this browser anew. Kept,
 * the revoked id would refuse every sign-in here for good.
 */

import { DESK_DEVICE_ID_PREFIX } from '#shared/admin/device-kind'

export const DESK_DEVICE_IDS_KEY = 'field-enrol.desk.device-ids'

export interface KeyValueStorage {
  getItem: (key: string) => string | null
  setItem: (key: string, value: string) => void
}

function keyOf(username: string): string {
  return username.trim().toLowerCase()
}

function readIds(storage: KeyValueStorage): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(DESK_DEVICE_IDS_KEY) ?? '{}')
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, string> : {}
  }
  catch {
    return {}
  }
}

/** This browser's device id for `username`, made (`desk-<uuid>`: the device list calls it a desk) and stored the first time. */
export function deskDeviceId(username: string, storage: KeyValueStorage, makeId: () => string = () => crypto.randomUUID()): string {
  const key = keyOf(username)
  const ids = readIds(storage)
  const known = ids[key]
  if (known && /^[\w.-]{8,64}$/.test(known))
    return known
  const id = `${DESK_DEVICE_ID_PREFIX}${makeId()}`
  storage.setItem(DESK_DEVICE_IDS_KEY, JSON.stringify({ ...ids, [key]: id }))
  return id
}

/** Forgets `username`'s device id in this browser (its device was revoked): the next sign-in makes a new one. */
export function forgetDeskDeviceId(username: string, storage: KeyValueStorage): void {
  const { [keyOf(username)]: _revoked, ...rest } = readIds(storage)
  storage.setItem(DESK_DEVICE_IDS_KEY, JSON.stringify(rest))
}

const DESK_LABEL_PREFIX = 'Desk · '

/**
 * The name this browser registers under, in the admin's device list. Stored as sent, in one
 * language (it is also what the audit log names); the list shows it in the reader's
 * language through `deskBrowserOf`.
 */
export function deskDeviceLabel(userAgent: string): string {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(?:e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser'
  return `${DESK_LABEL_PREFIX}${browser}`
}

/** The browser a `deskDeviceLabel` names ('Chrome'), or null for any other label. */
export function deskBrowserOf(label: string): string | null {
  return label.startsWith(DESK_LABEL_PREFIX) && label.length > DESK_LABEL_PREFIX.length ? label.slice(DESK_LABEL_PREFIX.length) : null
}
