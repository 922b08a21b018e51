import type { Role } from '#shared/status/roles'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { FieldDb, fieldDbName } from '../storage/field-db'

/**
 * TEMPORARY minimal session (online sign-in only), replaced by the auth work. The exported
 * API below is the contract the rest of the field area relies on.
 */

export interface FieldStaff {
  id: string
  username: string
  displayName: string
  role: Role
  siteIds: string[]
}

export interface FieldSession {
  staff: FieldStaff
  deviceId: string
  /** The server's code for this device, used in receipt numbers. */
  deviceCode: string
  /** Bearer token for the API; null when it expired or was refused and a sign-in online is needed to sync. */
  token: string | null
  /** This user's own local database. */
  db: FieldDb
}

export type SignInResult = { ok: true, mode: 'online' | 'offline' } | { ok: false, code: string }

export const useSessionStore = defineStore('session', () => {
  const session = ref<FieldSession | null>(null)
  const locked = ref(false)

  async function signIn(username: string, password: string): Promise<SignInResult> {
    const deviceId = `web-${crypto.randomUUID()}`
    const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password, deviceId }) })
    const body = await response.json() as { token: string, staff: FieldStaff, device: { id: string, code: string }, error?: { code: string } }
    if (!response.ok)
      return { ok: false, code: body.error?.code ?? 'auth.invalid_credentials' }
    session.value = { staff: body.staff, deviceId: body.device.id, deviceCode: body.device.code, token: body.token, db: new FieldDb(fieldDbName(body.staff.id)) }
    return { ok: true, mode: 'online' }
  }

  /** The server refused the token (401): keep everything, ask for an online sign-in before the next sync. */
  function tokenRefused(): void {
    if (session.value)
      session.value.token = null
  }

  async function signOut(): Promise<void> {
    session.value?.db.close()
    session.value = null
  }

  return { session, locked, signIn, tokenRefused, signOut }
})
