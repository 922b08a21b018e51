import type { IssueParams } from '#shared/errors/issue'
import { endsSession } from './session-end'

/**
 * The desk's one way to the server: JSON and files with the bearer token and the user's
 * language. Every answer other than success becomes a DeskApiError carrying the server's
 * code (from the shared catalogue), so screens show it in the current language; an answer
 * that ends the session (`endsSession`) signs the desk out through `onUnauthorized`.
 */

export interface ServerIssue {
  path: string
  code: string
  params?: IssueParams
  message?: string
}

export interface ServerErrorBody {
  error?: {
    code?: string
    message?: string
    params?: IssueParams
    issues?: ServerIssue[]
    /** Sent with `request.version_conflict`: the record as it is now. */
    current?: unknown
  }
}

export class DeskApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    readonly body: ServerErrorBody | null = null,
  ) {
    super(`${status} ${code}`)
  }

  get params(): IssueParams | undefined {
    return this.body?.error?.params
  }

  get issues(): ServerIssue[] {
    return this.body?.error?.issues ?? []
  }

  /** Someone else changed the record since it was loaded (409 `request.version_conflict`). */
  get isStale(): boolean {
    return this.status === 409 && this.code === 'request.version_conflict'
  }

  /**
   * The record is not there to load, and asking again will not change that: not in the
   * user's sites (404), or its personal data destroyed at the end of its retention (410).
   */
  get isGone(): boolean {
    return this.status === 404 || this.status === 410
  }
}

/** Whether a failed load is worth trying again (a screen offers 重试 only then). */
export function isWorthRetrying(failure: unknown): boolean {
  return !(failure instanceof DeskApiError && failure.isGone)
}

export interface DeskRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON. */
  json?: unknown
  headers?: Record<string, string>
}

export interface DeskHttp {
  json: <T>(path: string, request?: DeskRequest) => Promise<T>
  blob: (path: string) => Promise<Blob>
}

export interface DeskHttpOptions {
  getToken: () => string | null
  getLocale: () => string
  /** Called with the server's code when an answer ends the session (`endsSession`). */
  onUnauthorized: (code: string) => void
  fetch?: typeof fetch
}

export function createDeskHttp(options: DeskHttpOptions): DeskHttp {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)

  async function send(path: string, request: DeskRequest = {}): Promise<Response> {
    const headers: Record<string, string> = { 'Accept-Language': options.getLocale(), ...request.headers }
    const token = options.getToken()
    if (token)
      headers.Authorization = `Bearer ${token}`
    let body: string | undefined
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(request.json)
    }
    let response: Response
    try {
      response = await doFetch(path, { method: request.method ?? 'GET', headers, body, cache: 'no-store' })
    }
    catch {
      throw new DeskApiError(0, 'network')
    }
    if (response.ok)
      return response
    const errorBody = await response.json().catch(() => null) as ServerErrorBody | null
    const code = errorBody?.error?.code ?? `http.${response.status}`
    if (endsSession(response.status, code))
      options.onUnauthorized(code)
    throw new DeskApiError(response.status, code, errorBody)
  }

  return {
    json: async <T>(path: string, request?: DeskRequest) => {
      const response = await send(path, request)
      return (response.status === 204 ? undefined : await response.json()) as T
    },
    blob: async path => (await send(path)).blob(),
  }
}
