import type { Locale } from '#shared/i18n/locale'
import type { Writable } from 'node:stream'
import type { CellValue, Column, ExportTable } from './table'
import { once } from 'node:events'
import { chinaWallClock } from '#shared/dates/china-time'
import ExcelJS from 'exceljs'
import { yesNo } from './table'

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialised into
 * the zip) as soon as it is added, so memory stays flat however many rows there are.
 * Dates are real date cells with a number format, amounts and counts are numbers, and
 * identifiers are text (an ID number as a number would lose its last digits). The first
 * row is the header, bold and frozen; columns have widths.
 */

/** Rows an Excel or WPS sheet holds (2^20), the header row among them. */
export const XLSX_MAX_ROWS = 1_048_576

/**
 * Whether `rows` data rows fit one sheet under the header. A longer file would be cut or
 * refused by the spreadsheet that opens it: the export is refused first (CSV has no limit).
 */
export function fitsOneSheet(rows: number): boolean {
  return rows + 1 <= XLSX_MAX_ROWS
}

const NUMBER_FORMATS: Partial<Record<Column['kind'], string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  yuan: '#,##0.00',
  integer: '0',
}

function xlsxValue(value: CellValue, column: Column, locale: Locale): ExcelJS.CellValue {
  if (value === null || value === '')
    return null
  switch (column.kind) {
    case 'yuan': return Number(value) / 100
    case 'integer': return Number(value)
    case 'boolean': return yesNo(Boolean(value), locale)
    case 'datetime': return chinaWallClock(String(value))
    case 'date': return new Date(`${String(value)}T00:00:00Z`)
    default: return String(value)
  }
}

/** Until `out` has room again (true) or was closed, the download dropped (false). */
async function drained(out: Writable): Promise<boolean> {
  if (out.destroyed)
    return false
  if (!out.writableNeedDrain)
    return true
  const gone = new AbortController()
  try {
    return await Promise.race([
      once(out, 'drain', { signal: gone.signal }).then(() => true),
      once(out, 'close', { signal: gone.signal }).then(() => false),
    ])
  }
  finally {
    gone.abort()
  }
}

/**
 * Writes the workbook into `out` and ends it; waits for `out` to drain when it is full. Stops
 * reading rows when `out` is closed early (the download was dropped), so that whatever the
 * rows hold (a read snapshot) is let go.
 */
export async function writeXlsx(table: ExportTable, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = table.columns.map((column, i) => ({
    key: String(i),
    width: column.width,
    ...(NUMBER_FORMATS[column.kind] ? { style: { numFmt: NUMBER_FORMATS[column.kind]! } } : {}),
  }))
  const header = sheet.addRow(table.columns.map(c => c.header))
  header.font = { bold: true }
  header.commit()
  for await (const row of table.rows) {
    sheet.addRow(row.map((value, i) => xlsxValue(value, table.columns[i]!, table.locale))).commit()
    if (!await drained(out))
      return
  }
  sheet.commit()
  await workbook.commit()
}
