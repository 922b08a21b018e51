/**
 * A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes.
 * It fails on a bare LF outside quotes, so a file with the wrong line ends cannot pass.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      }
      else if (ch === '"') {
        quoted = false
      }
      else {
        field += ch
      }
    }
    else if (ch === '"' && field === '') {
      quoted = true
    }
    else if (ch === ',') {
      row.push(field)
      field = ''
    }
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    }
    else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break at ${i}`)
    }
    else {
      field += ch
    }
  }
  if (field !== '' || row.length)
    throw new Error('the last record does not end with CRLF')
  return rows
}

/**
 * The records of a file the server exported: the UTF-8 BOM it starts with dropped, blank
 * records left out, and each cell without the leading tab or quote that keeps spreadsheets
 * from reading a code as a number or a formula — the values as a reader sees them.
 */
export function exportedCsvRows(text: string): string[][] {
  return parseCsv(text.replace(/^\uFEFF/, ''))
    .filter(cells => cells.some(cell => cell !== ''))
    .map(cells => cells.map(cell => cell.replace(/^[\t']/, '')))
}
