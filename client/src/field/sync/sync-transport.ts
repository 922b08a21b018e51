import type { PullResponse, PushRequest, PushResponse, ServerCopy } from '#shared/sync/protocol'

/**
 * How the sync engine reaches the server. The engine only sees this interface, so tests
 * run it against the real server in-process. Every failure is a SyncHttpError (an answer
 * other than success) or a thrown network error (no answer at all).
 */

export interface UploadAnswer {
  /** 201 stored, 200 already stored. */
  status: 200 | 201
}

export interface SyncTransport {
  push: (body: PushRequest) => Promise<PushResponse>
  pull: (cursor: number) => Promise<PullResponse>
  uploadAttachment: (sha256: string, blob: Blob, mediaType: string) => Promise<UploadAnswer>
  /** Whether the server already has the file. */
  headAttachment: (sha256: string) => Promise<boolean>
  /** One of this agent's applications in full, for a device that does not hold it. */
  fetchApplication: (applicationId: string) => Promise<ServerCopy>
}

/** The server answered, but not with success. `body` is its JSON error when it sent one. */
export class SyncHttpError extends Error {
  constructor(readonly status: number, readonly body: { error?: { code?: string, params?: Record<string, string | number>, wipe?: boolean } } | null) {
    super(`sync request failed: ${status} ${body?.error?.code ?? ''}`.trim())
  }

  /** The server says this device is revoked and its local data must be wiped. */
  get deviceRevoked(): boolean {
    return this.status === 403 && this.body?.error?.code === 'auth.device_revoked' && this.body.error.wipe === true
  }
}

export interface FetchTransportOptions {
  /** Origin of the API, e.g. `''` for same-origin or `https://enrol.example.org`. */
  baseUrl: string
  getToken: () => string | null | Promise<string | null>
  /** Reported on every request as `X-Unsynced-Count` (DESIGN.md §5). */
  getUnsyncedCount: () => number | Promise<number>
  fetch?: typeof fetch
  /** How long a request may go unanswered before it is given up; an upload has longer by its size. */
  timeoutMs?: number
  /**
   * Aborted when the session the transport serves ends (a sign-out): the request on its way
   * is given up at once, and every later one fails before it is sent, so a run still going
   * stops using the network and the old token. As with a time-out, what was sent unanswered
   * is sent again by the next run, under the same mutation id and file hash.
   */
  signal?: AbortSignal
}

/**
 * A request with no answer is given up after this long (an upload after longer: see
 * requestTimeoutMs). Without a limit, a connection that stalls without breaking (a weak
 * signal, a captive portal, a server that hangs) left the run waiting for ever: its records
 * `syncing`, the agent's edits held, the lock taken from every other tab, and no retry.
 * Giving up is safe: the same mutation id and the same file hash are sent again next time.
 */
export const SYNC_REQUEST_TIMEOUT_MS = 60_000
/** The slowest transfer an upload is allowed before it is given up (2G-like speed: 16 KiB/s). */
export const SLOWEST_UPLOAD_BYTES_PER_SECOND = 16 * 1024

export function requestTimeoutMs(body: RequestInit['body'], timeoutMs = SYNC_REQUEST_TIMEOUT_MS): number {
  const size = body instanceof Blob ? body.size : 0
  return timeoutMs + Math.ceil(size / SLOWEST_UPLOAD_BYTES_PER_SECOND) * 1000
}

export type Fetcher = (path: string, init: RequestInit) => Promise<Response>

async function failure(response: Response): Promise<SyncHttpError> {
  const body = await response.json().catch(() => null) as SyncHttpError['body']
  return new SyncHttpError(response.status, body)
}

/** The transport over any `fetch`-like function that takes a path; shared by the browser and tests. */
export function createTransport(send: Fetcher): SyncTransport {
  const json = async <T>(path: string, init: RequestInit): Promise<T> => {
    const response = await send(path, init)
    if (!response.ok)
      throw await failure(response)
    return await response.json() as T
  }
  return {
    push: body => json<PushResponse>('/api/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    pull: cursor => json<PullResponse>(`/api/sync/pull?cursor=${cursor}`, { method: 'GET' }),
    fetchApplication: applicationId => json<ServerCopy>(`/api/sync/applications/${encodeURIComponent(applicationId)}`, { method: 'GET' }),
    uploadAttachment: async (sha256, blob, mediaType) => {
      const response = await send(`/api/attachments/${sha256}`, { method: 'PUT', headers: { 'Content-Type': mediaType }, body: blob })
      if (response.status !== 200 && response.status !== 201)
        throw await failure(response)
      return { status: response.status }
    },
    headAttachment: async (sha256) => {
      const response = await send(`/api/attachments/${sha256}`, { method: 'HEAD' })
      if (response.status === 404)
        return false
      if (!response.ok)
        throw await failure(response)
      return true
    },
  }
}

/** The browser transport: adds the bearer token, the unsynced count and the device's clock to every request, and gives up one left unanswered (SYNC_REQUEST_TIMEOUT_MS). */
export function createFetchTransport(options: FetchTransportOptions): SyncTransport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  return createTransport(async (path, init) => {
    options.signal?.throwIfAborted()
    const headers = new Headers(init.headers)
    const token = await options.getToken()
    if (token)
      headers.set('Authorization', `Bearer ${token}`)
    headers.set('X-Unsynced-Count', String(await options.getUnsyncedCount()))
    headers.set('X-Device-Time', new Date().toISOString())
    const timeout = AbortSignal.timeout(requestTimeoutMs(init.body, options.timeoutMs))
    return doFetch(`${options.baseUrl}${path}`, { ...init, headers, signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout })
  })
}
