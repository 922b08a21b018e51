/**
 * A table to export: columns with a Chinese header, a kind that decides how each writer
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
  /** Yes or no: 是/否. */
    | 'boolean'

export interface Column {
  header: string
  kind: ColumnKind
  width: number
}

export type CellValue = string | number | boolean | null

export interface ExportTable {
  /** The sheet's name, and the file name's stem. */
  title: string
  columns: readonly Column[]
  rows: AsyncIterable<readonly CellValue[]>
}
