import type { Role } from '#shared/status/roles'
import type { z } from '@hono/zod-openapi'
import type { SiteRecordSchema } from '../../../server/routes/admin/admin-sites.routes'
import type { StaffAccountSchema } from '../../../server/routes/admin/admin-staff.routes'
import type { LoginResultSchema } from '../../../server/routes/auth/auth.routes'
import { randomBytes } from 'node:crypto'
import { ROLES } from '#shared/status/roles'

/**
 * The server's HTTP API as the end-to-end tests use it beside the browser: sign in as
 * anyone, and as the administrator create sites and staff of every role — through the
 * real admin routes, so a test's people and places exist exactly as an operator would make
 * them. A failed call throws with the status and the server's error body.
 */

export type SiteRecord = z.infer<typeof SiteRecordSchema>
export type StaffAccount = z.infer<typeof StaffAccountSchema>
export type LoginResult = z.infer<typeof LoginResultSchema>

/** Every e2e account gets this password unless the test names one. */
export const E2E_PASSWORD = 'e2e-tablet-password'

export interface ApiRequest extends Omit<RequestInit, 'body'> {
  json?: unknown
  body?: RequestInit['body']
}

export interface ApiClient {
  baseUrl: string
  token: string
  login: LoginResult
  /** Any request with this session's bearer token; the response as it came. */
  request: (path: string, init?: ApiRequest) => Promise<Response>
  /** A request whose status must be `expect` (default 2xx); returns the parsed JSON body. */
  json: <T = any>(path: string, init?: ApiRequest & { expect?: number }) => Promise<T>
}

async function send(baseUrl: string, path: string, init: ApiRequest = {}, token?: string): Promise<Response> {
  const headers = new Headers(init.headers)
  if (token)
    headers.set('Authorization', `Bearer ${token}`)
  if (!headers.has('Accept-Language'))
    headers.set('Accept-Language', 'zh-CN')
  let body = init.body
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(init.json)
  }
  return fetch(new URL(path, baseUrl), { ...init, headers, body })
}

async function expectStatus(response: Response, what: string, expected?: number): Promise<void> {
  const ok = expected === undefined ? response.ok : response.status === expected
  if (!ok)
    throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`)
}

/** Signs in through POST /api/auth/login as a device of its own (a fresh one unless named). */
export async function signIn(baseUrl: string, username: string, password = E2E_PASSWORD, deviceId = `e2e-${username}-${randomBytes(4).toString('hex')}`): Promise<ApiClient> {
  const response = await send(baseUrl, '/api/auth/login', { method: 'POST', json: { username, password, deviceId, deviceLabel: 'e2e' } })
  await expectStatus(response, `sign-in of ${username}`, 200)
  const login = await response.json() as LoginResult
  const request: ApiClient['request'] = (path, init) => send(baseUrl, path, init, login.token)
  async function json<T>(path: string, init: ApiRequest & { expect?: number } = {}): Promise<T> {
    const answer = await request(path, init)
    await expectStatus(answer, `${init.method ?? 'GET'} ${path}`, init.expect)
    return (answer.status === 204 ? undefined : await answer.json()) as T
  }
  return { baseUrl, token: login.token, login, request, json }
}

export interface NewE2eSite { code?: string, name?: string, regionCode?: string }
export interface NewE2eStaff { username?: string, displayName?: string, role: Role, siteIds?: string[], password?: string }
export type E2eStaff = StaffAccount & { password: string }

export interface AdminApi extends ApiClient {
  createSite: (site?: NewE2eSite) => Promise<SiteRecord>
  createStaff: (staff: NewE2eStaff) => Promise<E2eStaff>
  /** One account of every role (field agent, reviewer, supervisor, admin) on `siteIds`. */
  createStaffOfEveryRole: (siteIds: string[]) => Promise<Record<Role, E2eStaff>>
  /** PATCH an account as a desk that had just loaded it would: with If-Match, its current version. */
  updateStaff: (id: string, changes: Record<string, unknown>) => Promise<StaffAccount>
  /** PATCH a site as a desk that had just loaded it would: with If-Match, its current version. */
  updateSite: (id: string, changes: Record<string, unknown>) => Promise<SiteRecord>
}

let counter = 0
/** Unique per run: the server keeps user names and site codes unique. */
function nextSuffix(): string {
  counter++
  return `${counter}${randomBytes(2).toString('hex')}`
}

/** Site codes use the GB 32100 alphabet without I, O, Z, S, V; unique within a run. */
const SITE_CODE_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY'
let siteCounter = 0
function nextSiteCode(): string {
  let n = siteCounter++
  let code = ''
  for (let i = 0; i < 3; i++) {
    code += SITE_CODE_LETTERS[n % SITE_CODE_LETTERS.length]
    n = Math.floor(n / SITE_CODE_LETTERS.length)
  }
  return `E${code}`
}

export async function signInAdmin(baseUrl: string, adminPassword: string): Promise<AdminApi> {
  const client = await signIn(baseUrl, 'admin', adminPassword)
  const createStaff: AdminApi['createStaff'] = async (staff) => {
    const password = staff.password ?? E2E_PASSWORD
    const username = staff.username ?? `e2e.${staff.role.replace('_', '-')}.${nextSuffix()}`
    const account = await client.json<StaffAccount>('/api/admin/staff', {
      method: 'POST',
      expect: 201,
      json: { username, displayName: staff.displayName ?? username, role: staff.role, siteIds: staff.siteIds ?? [], password },
    })
    return { ...account, password }
  }
  /** The record's version as the admin list shows it now. */
  const versionOf = async (list: 'staff' | 'sites', id: string): Promise<number> => {
    const { items } = await client.json<{ items: { id: string, version: number }[] }>(`/api/admin/${list}`)
    const record = items.find(item => item.id === id)
    if (!record)
      throw new Error(`no ${list} record ${id}`)
    return record.version
  }
  const update = async <T>(list: 'staff' | 'sites', id: string, changes: Record<string, unknown>): Promise<T> =>
    client.json<T>(`/api/admin/${list}/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes, headers: { 'If-Match': `"${await versionOf(list, id)}"` } })
  return {
    ...client,
    updateStaff: (id, changes) => update<StaffAccount>('staff', id, changes),
    updateSite: (id, changes) => update<SiteRecord>('sites', id, changes),
    createSite: site => client.json<SiteRecord>('/api/admin/sites', {
      method: 'POST',
      expect: 201,
      json: { code: site?.code ?? nextSiteCode(), name: site?.name ?? '朝阳测试网点', regionCode: site?.regionCode ?? '110105' },
    }),
    createStaff,
    createStaffOfEveryRole: async (siteIds) => {
      const entries = await Promise.all(ROLES.map(async role => [role, await createStaff({ role, siteIds: role === 'admin' ? [] : siteIds })] as const))
      return Object.fromEntries(entries) as Record<Role, E2eStaff>
    },
  }
}
