import type { IssueParams } from '#shared/errors/issue'
import type { Role } from '#shared/status/roles'
import type { Actor } from '#shared/status/status-table'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { currentLocale } from '../../i18n/i18n'
import { createDeskHttp, DeskApiError } from '../api/desk-http'
import { deskDeviceId, deskDeviceLabel, forgetDeskDeviceId } from './desk-device-id'
import { isDeskRole } from './desk-roles'

/**
 * The desk session: online only (desk staff work at a desktop with a network). The token
 * lives in sessionStorage, so a reload keeps the tab signed in while closing the tab or
 * the browser ends it, and nothing of it outlives the browser session on a shared PC.
 * An answer that ends the session (a 401; this browser's device revoked; the account
 * disabled) clears it (`expire`), and the guard sends the user to sign in, where the
 * page says why.
 */

export const DESK_SESSION_KEY = 'field-enrol.desk.session'

export interface DeskStaff {
  id: string
  username: string
  displayName: string
  role: Role
  siteIds: string[]
}

export interface DeskSession {
  token: string
  expiresAt: string
  staff: DeskStaff
}

/** Why the server ended the session: the sign-in page's notice. */
export type DeskSessionEnd = 'expired' | 'revoked' | 'disabled'

export type DeskSignInResult
  = | { ok: true, session: DeskSession }
    | { ok: false, code: string, params?: IssueParams }

function loadStored(now = Date.now()): DeskSession | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(DESK_SESSION_KEY) ?? 'null') as DeskSession | null
    if (stored?.token && stored.staff && Date.parse(stored.expiresAt) > now && isDeskRole(stored.staff.role))
      return stored
  }
  catch {}
  sessionStorage.removeItem(DESK_SESSION_KEY)
  return null
}

export const useDeskSessionStore = defineStore('desk-session', () => {
  const session = ref<DeskSession | null>(loadStored())
  /** Set when the server ended the session, so the sign-in page can say why. */
  const ended = ref<DeskSessionEnd | null>(null)

  const actor = computed<Actor | null>(() => session.value
    ? { id: session.value.staff.id, role: session.value.staff.role, siteIds: session.value.staff.siteIds }
    : null)

  function store(next: DeskSession | null): void {
    session.value = next
    if (next)
      sessionStorage.setItem(DESK_SESSION_KEY, JSON.stringify(next))
    else
      sessionStorage.removeItem(DESK_SESSION_KEY)
  }

  /** The session's HTTP client: every desk call goes through it, so a 401 always signs out. */
  const http = createDeskHttp({
    getToken: () => session.value?.token ?? null,
    getLocale: () => currentLocale(),
    onUnauthorized: code => expire(code),
  })

  /** Ends the session the server ended (`code`: its answer). A revoked device is forgotten here. */
  function expire(code?: string): void {
    const current = session.value
    if (current) {
      ended.value = code === 'auth.device_revoked' ? 'revoked' : code === 'auth.account_disabled' ? 'disabled' : 'expired'
      if (code === 'auth.device_revoked')
        forgetDeskDeviceId(current.staff.username, localStorage)
    }
    store(null)
  }

  function login(name: string, password: string): Promise<{ token: string, expiresAt: string, staff: DeskStaff }> {
    return createDeskHttp({ getToken: () => null, getLocale: () => currentLocale(), onUnauthorized: () => {} })
      .json('/api/auth/login', {
        method: 'POST',
        json: { username: name, password, deviceId: deskDeviceId(name, localStorage), deviceLabel: deskDeviceLabel(navigator.userAgent) },
      })
  }

  async function signIn(username: string, password: string): Promise<DeskSignInResult> {
    const name = username.trim()
    if (!name || !password)
      return { ok: false, code: 'fields_required' }
    let answer: { token: string, expiresAt: string, staff: DeskStaff }
    try {
      try {
        answer = await login(name, password)
      }
      catch (error) {
        // This browser's id for the user was revoked while signed out: register it anew.
        if (!(error instanceof DeskApiError && error.code === 'auth.device_revoked'))
          throw error
        forgetDeskDeviceId(name, localStorage)
        answer = await login(name, password)
      }
    }
    catch (error) {
      if (error instanceof DeskApiError)
        return { ok: false, code: error.code, ...(error.params ? { params: error.params } : {}) }
      return { ok: false, code: 'unknown' }
    }
    if (!isDeskRole(answer.staff.role)) {
      // A field agent's token has no use here: end it at once rather than leave it live.
      await createDeskHttp({ getToken: () => answer.token, getLocale: () => currentLocale(), onUnauthorized: () => {} })
        .json('/api/auth/logout', { method: 'POST' })
        .catch(() => {})
      return { ok: false, code: 'desk_staff_only' }
    }
    const next: DeskSession = { token: answer.token, expiresAt: answer.expiresAt, staff: answer.staff }
    ended.value = null
    store(next)
    return { ok: true, session: next }
  }

  /**
   * The signed-in person as the server has them now. An administrator may change a role or
   * sites during a session; the server applies the change at once, so the desk's buttons
   * must follow it rather than the role read at sign-in. A failure keeps what is known (a
   * 401 has already ended the session).
   */
  async function refresh(): Promise<void> {
    const current = session.value
    if (!current)
      return
    try {
      const { staff } = await http.json<{ staff: DeskStaff }>('/api/me')
      if (session.value?.token !== current.token)
        return
      if (!isDeskRole(staff.role))
        expire()
      else
        store({ ...current, staff })
    }
    catch {}
  }

  async function signOut(): Promise<void> {
    if (session.value)
      await http.json('/api/auth/logout', { method: 'POST' }).catch(() => {})
    ended.value = null
    store(null)
  }

  return { session, ended, actor, http, signIn, signOut, expire, refresh }
})
