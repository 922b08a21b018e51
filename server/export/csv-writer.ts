import type { Locale } from '#shared/i18n/locale'
import type { CellValue, Column, ExportTable } from './table'
import { yuanDecimal } from '#shared/application/payment-amount'
import { chinaDateTime } from '#shared/dates/china-time'
import { isMobileWithCallingCode } from '#shared/privacy/masking'
import { yesNo } from './table'

/**
 * CSV that Excel and WPS open correctly in China: UTF-8 with a byte-order mark (without
 * it Excel reads GBK and shows mojibake), CRLF line ends and RFC 4180 quoting. Two
 * spreadsheet habits are defused: a long run of digits (an ID number, a mobile, a card
 * number) would become a number and lose digits or leading zeros, so such identifiers
 * get a leading tab, which both keep as text; and any other cell starting with = + - @
 * would be run as a formula (CSV injection), so it gets a leading apostrophe — codes too:
 * a payment's receipt number and a personal copy's values are typed by people.
 *
 * A Hong Kong, Macau or Taiwan mobile in an identifier's cell, full or masked (`+85291234567`,
 * `+852****4567`: `isMobileWithCallingCode`), is a phone number like a mainland one and gets
 * the tab too. The apostrophe is no text marker in a CSV file — Excel and WPS show it, so the
 * number would read `'+85291234567` and be copied that way — and the value cannot be a
 * harmful formula: nothing but `+`, digits and `*`, no function, reference or link. A reader
 * that dropped the tab would at worst compute a number or an error from it. Anything else
 * after a `+` keeps its apostrophe.
 */

export const CSV_BOM = '\uFEFF'

const NEEDS_QUOTES = /[",\r\n]/
const FORMULA_START = /^[=+\-@\t\r]/
const NUMERIC_IDENTIFIER = /^\d[\dX]*$/

/** A cell a spreadsheet would run as a formula, made plain text. */
function notFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

function quote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvCell(value: CellValue, column: Pick<Column, 'kind'>, locale: Locale): string {
  if (value === null || value === '')
    return ''
  switch (column.kind) {
    case 'yuan': return yuanDecimal(Number(value))
    case 'integer': return String(value)
    case 'boolean': return yesNo(Boolean(value), locale)
    case 'datetime': return chinaDateTime(String(value))
    case 'date': return String(value)
    case 'code': {
      const text = String(value)
      const keptAsText = (NUMERIC_IDENTIFIER.test(text) && (text.length >= 11 || text.startsWith('0'))) || isMobileWithCallingCode(text)
      return quote(keptAsText ? `\t${text}` : notFormula(text))
    }
    case 'text': return quote(notFormula(String(value)))
  }
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`
}

/** The file, a line at a time: pulled by the response stream, so rows are read as they are sent. */
export async function* csvChunks(table: ExportTable): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(table.columns.map(c => quote(c.header)))
  let lines: string[] = []
  for await (const row of table.rows) {
    lines.push(csvLine(row.map((value, i) => csvCell(value, table.columns[i]!, table.locale))))
    // A few hundred rows per chunk: fewer, larger writes without holding much.
    if (lines.length >= 200) {
      yield lines.join('')
      lines = []
    }
  }
  if (lines.length)
    yield lines.join('')
}
