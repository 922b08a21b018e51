import type { DeskHttpOptions } from '../api/desk-http'
import { createDeskHttp } from '../api/desk-http'
import { fileNameFromDisposition } from '../exports/export-files'

/**
 * Files from the desk's API saved by the browser: fetched through DeskHttp.blob (bearer
 * token, language, errors and the 401 sign-out as for every desk call), kept under the
 * answer's Content-Disposition name, and handed to the browser through an object URL.
 * Browser-only (DOM); the name parsing beside it is pure and unit-tested.
 */

export interface DownloadedFile { blob: Blob, fileName: string | null }

/**
 * A file through DeskHttp.blob (bearer token, language, errors and the 401 sign-out as
 * for every desk call) that also keeps the answer's Content-Disposition file name. A
 * client of its own per download, so two downloads never mix their headers.
 */
export function downloadFile(options: Omit<DeskHttpOptions, 'fetch'>, path: string): Promise<DownloadedFile> {
  let disposition: string | null = null
  const http = createDeskHttp({
    ...options,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init)
      disposition = response.headers.get('Content-Disposition')
      return response
    },
  })
  return http.blob(path).then(blob => ({ blob, fileName: fileNameFromDisposition(disposition) }))
}

/** Saves a Blob under `fileName` through an object URL (the browser's download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // After the click has handed the URL to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
