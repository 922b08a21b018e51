import type { ExportTable } from './table'
import { PassThrough } from 'node:stream'
import { webStreamOf } from '../http/web-stream'
import { csvChunks } from './csv-writer'
import { writeXlsx } from './xlsx-writer'

/**
 * The HTTP answer for an export: the file streamed as it is written, `Content-Disposition`
 * with an ASCII fallback name and the real (Chinese) name in RFC 5987 form, and the row
 * count in `X-Total-Rows`, known before the first row is sent.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const

/**
 * A download the client has taken nothing of for this long is ended: its connection is most
 * likely gone, and the read snapshot it holds keeps a database connection (PostgreSQL) or
 * the WAL (SQLite) from others. A browser saving a file takes it as fast as it comes.
 */
export const EXPORT_IDLE_MS = 60_000
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 and 5987). */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`
}

export interface ExportFile {
  table: ExportTable
  format: ExportFormat
  /** Without extension: `入会申请_2026-11-23`. */
  fileName: string
  asciiFileName: string
  totalRows: number
  /**
   * Lets go of what the rows are read from (a read snapshot); idempotent. The body calls it
   * once it is done with the rows: read to the end, failed, dropped (even before its first
   * row) or idle too long.
   */
  release?: () => Promise<void>
}

async function* utf8(chunks: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks)
    yield Buffer.from(chunk, 'utf8')
}

function bodyOf(file: ExportFile): ReadableStream<Uint8Array> {
  const release = () => void file.release?.()
  if (file.format === 'csv')
    return webStreamOf(utf8(csvChunks(file.table)), { onEnd: release, idleMs: EXPORT_IDLE_MS })
  const out = new PassThrough()
  writeXlsx(file.table, out).catch((error: unknown) => {
    if (out.destroyed)
      return // the download was dropped: nothing failed
    // The status line has gone out: all that is left is to break the download, not to end it as if complete.
    console.error('XLSX export failed', error)
    out.destroy(error instanceof Error ? error : new Error(String(error)))
  }).finally(release)
  return webStreamOf(out, { idleMs: EXPORT_IDLE_MS })
}

export function exportResponse(file: ExportFile): Response {
  return new Response(bodyOf(file), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[file.format],
      'Content-Disposition': contentDisposition(`${file.fileName}.${file.format}`, `${file.asciiFileName}.${file.format}`),
      'X-Total-Rows': String(file.totalRows),
      'Cache-Control': 'private, no-store',
    },
  })
}
