import type { ExportTable } from './table'
import { PassThrough, Readable } from 'node:stream'
import { csvChunks } from './csv-writer'
import { writeXlsx } from './xlsx-writer'

/**
 * The HTTP answer for an export: the file streamed as it is written, `Content-Disposition`
 * with an ASCII fallback name and the real (Chinese) name in RFC 5987 form, and the row
 * count in `X-Total-Rows`, known before the first row is sent.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
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
}

async function* utf8(chunks: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks)
    yield Buffer.from(chunk, 'utf8')
}

function bodyOf(file: ExportFile): ReadableStream<Uint8Array> {
  if (file.format === 'csv')
    return Readable.toWeb(Readable.from(utf8(csvChunks(file.table)))) as ReadableStream<Uint8Array>
  const out = new PassThrough()
  writeXlsx(file.table, out).catch((error: unknown) => {
    // The status line has gone out: all that is left is to break the download, not to end it as if complete.
    console.error('XLSX export failed', error)
    out.destroy(error instanceof Error ? error : new Error(String(error)))
  })
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
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
