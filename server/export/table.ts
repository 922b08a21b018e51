import type { Locale, LocalisedText } from '#shared/i18n/locale'

/**
 * A table to export: columns with a header in the reader's language, a kind that decides how each writer
 * renders the value, and a width (in characters) for spreadsheets. Rows are arrays in
 * column order. Times are ISO instants and are written as China time (Asia/Shanghai),
 * since the people reading the file work in it.
 */

export type ColumnKind
  /** Free text. */
  = | 'text'
  /** An identifier (document, mobile, card, receipt number): always text, never a number. */
    | 'code'
  /** A civil date, `YYYY-MM-DD`. */
    | 'date'
  /** An instant, ISO-8601; written as China time. */
    | 'datetime'
  /** An amount in fen (integer); written in yuan with two decimals. */
    | 'yuan'
  /** A count. */
    | 'integer'
  /** Yes or no: 是/否, Yes/No. */
    | 'boolean'

export interface Column {
  header: string
  kind: ColumnKind
  width: number
}

export type CellValue = string | number | boolean | null

export interface ExportTable {
  /** The sheet's name. */
  title: string
  /** The language of the headers and of the words in the cells (yes/no). */
  locale: Locale
  columns: readonly Column[]
  rows: AsyncIterable<readonly CellValue[]>
}

/** A column as a service defines it, named in both languages. */
export interface LocalisedColumn extends Omit<Column, 'header'> {
  header: LocalisedText
}

export function columnsIn(columns: readonly LocalisedColumn[], locale: Locale): Column[] {
  return columns.map(column => ({ ...column, header: column.header[locale] }))
}

const YES_NO: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], 'en': ['Yes', 'No'] }

export function yesNo(value: boolean, locale: Locale): string {
  return YES_NO[locale][value ? 0 : 1]
}

/** A site as a cell in an exported file: its code and name (`BJ01 朝阳网点`), or its id when it has no code. */
export function siteLabel(row: { siteCode: string | null, siteName: string | null, siteId: string }): string {
  return row.siteCode ? `${row.siteCode} ${row.siteName ?? ''}`.trim() : row.siteId
}
