import type { FieldStaff } from './accounts-db'
import type { AuthEnvironment } from './auth-environment'

/**
 * The tablet's side of the account API (sign-in, sign-out, password change): how a request
 * is sent and how a refusal is read. What each answer means for the session is the session
 * store's business.
 */

/** The server's answer to POST /api/auth/login (checked against the route in test/types/). */
export interface LoginAnswer {
  token: string
  expiresAt: string
  staff: FieldStaff
  device: { id: string, code: string }
}

export interface ErrorAnswer { code?: string, params?: Record<string, string | number>, wipe?: boolean }

export interface PostOptions {
  token?: string
  json?: unknown
  headers?: Record<string, string>
}

/** A POST to the server, or null when it was not reached (no network, refused connection, time-out). */
export async function postToServer(env: Pick<AuthEnvironment, 'fetch' | 'requestTimeoutMs'>, path: string, options: PostOptions = {}): Promise<Response | null> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  if (options.token)
    headers.Authorization = `Bearer ${options.token}`
  if (options.json !== undefined)
    headers['Content-Type'] = 'application/json'
  try {
    return await env.fetch(path, {
      method: 'POST',
      headers,
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
      signal: AbortSignal.timeout(env.requestTimeoutMs),
    })
  }
  catch {
    return null
  }
}

export async function errorOf(response: Response): Promise<ErrorAnswer> {
  const body = await response.json().catch(() => null) as { error?: ErrorAnswer } | null
  return body?.error ?? {}
}

/** The server revoked this device and asks it to wipe the user's data (DESIGN.md §8). */
export function isWipe(status: number, error: ErrorAnswer): boolean {
  return status === 403 && error.code === 'auth.device_revoked' && error.wipe === true
}
