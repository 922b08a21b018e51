import type { ServerErrorBody } from '../api/desk-http'
import { DeskApiError } from '../api/desk-http'
import { endsSession } from '../api/session-end'
import { fileNameFromDisposition, totalRowsFromHeader } from './export-files'

/**
 * Downloading an export with the desk's bearer token: the file is fetched (a plain link
 * could not carry the token), read from `response.body` chunk by chunk so the screen can
 * show the bytes received and the row count the server announced (X-Total-Rows), then
 * handed to the browser through an object URL and an `<a download>` named as the server
 * named it (Content-Disposition, `filename*=UTF-8''…` preferred). Failures become
 * DeskApiError like every other desk call; an answer that ends the session signs the desk
 * out through `onUnauthorized`.
 */

export interface DownloadProgress {
  receivedBytes: number
  /** Content-Length when the server sent one (a streamed export usually has none). */
  totalBytes: number | null
  /** X-Total-Rows: rows in the file after the header row. */
  totalRows: number | null
}

export interface DownloadedFile {
  blob: Blob
  fileName: string
  totalRows: number | null
}

export interface DownloadOptions {
  token: string | null
  locale: string
  /** Called with the server's code when an answer ends the session (`endsSession`). */
  onUnauthorized: (code: string) => void
  onProgress?: (progress: DownloadProgress) => void
  fallbackName: string
  /** Headers of the request itself (a search term: searchHeaders). */
  headers?: Record<string, string>
  fetch?: typeof fetch
}

export async function downloadExport(path: string, options: DownloadOptions): Promise<DownloadedFile> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const headers: Record<string, string> = { ...options.headers, 'Accept-Language': options.locale }
  if (options.token)
    headers.Authorization = `Bearer ${options.token}`
  let response: Response
  try {
    response = await doFetch(path, { headers, cache: 'no-store' })
  }
  catch {
    throw new DeskApiError(0, 'network')
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null) as ServerErrorBody | null
    const code = body?.error?.code ?? `http.${response.status}`
    if (endsSession(response.status, code))
      options.onUnauthorized(code)
    throw new DeskApiError(response.status, code, body)
  }
  const totalRows = totalRowsFromHeader(response.headers.get('X-Total-Rows'))
  const length = Number(response.headers.get('Content-Length'))
  const totalBytes = Number.isFinite(length) && length > 0 ? length : null
  const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? options.fallbackName
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream'
  const chunks: Uint8Array[] = []
  let receivedBytes = 0
  options.onProgress?.({ receivedBytes, totalBytes, totalRows })
  if (response.body) {
    const reader = response.body.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done)
          break
        chunks.push(value)
        receivedBytes += value.byteLength
        options.onProgress?.({ receivedBytes, totalBytes, totalRows })
      }
    }
    catch {
      throw new DeskApiError(0, 'network')
    }
  }
  else {
    const bytes = new Uint8Array(await response.arrayBuffer())
    chunks.push(bytes)
    receivedBytes = bytes.byteLength
    options.onProgress?.({ receivedBytes, totalBytes, totalRows })
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName, totalRows }
}

/** Hands a file to the browser's downloads under `fileName`. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Later, not at once: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
