import stringWidth from 'string-width'

/**
 * `values` padded to one column, as wide as the widest of them on a terminal. Chinese
 * characters take two cells there, so padding by characters (`padEnd`) left zh-CN summaries
 * ragged; string-width knows the East Asian widths (and ignores colour codes).
 */
export function padColumn(values: readonly string[]): string[] {
  const widths = values.map(value => stringWidth(value))
  const column = Math.max(0, ...widths)
  return values.map((value, i) => value + ' '.repeat(column - widths[i]!))
}
