import type { Locale } from '../i18n/locale'

/**
 * Money, as every record keeps it: whole fen (1/100 元). One cap for every amount a record
 * may hold — an application's payment, a fee taken at the desk — and so for every fee a
 * programme may ask: a category whose fee were above it could never be paid, and every
 * application for it would be refused at the push.
 */

/** The most one payment or fee record may hold: 1,000,000 元. */
export const MAX_AMOUNT_FEN = 100_000_000

export const FEN_PER_YUAN = 100

/**
 * Whether a dot path names an amount in fen (`payment.amountFen`, `fee.amountFen`,
 * `categories.1.feeFen`): the fields whose bounds are said in 元, not in fen.
 */
export function isAmountPath(path: string): boolean {
  return (path.split('.').at(-1) ?? '').endsWith('Fen')
}

/** `1234567` → `1,234,567`: digits grouped by three, as amounts are printed. */
function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',')
}

/** Whole fen, split into 元 and fen, computed on integers (no floating-point rounding). */
function yuanAndFen(fen: number): { sign: string, yuan: string, cents: number } {
  const whole = Math.abs(Math.round(fen))
  return { sign: fen < 0 ? '-' : '', yuan: String(Math.floor(whole / FEN_PER_YUAN)), cents: whole % FEN_PER_YUAN }
}

/** `123450` → `1234.50`: 元 with two decimals and no grouping, as inputs and CSV cells take them. */
export function yuanDecimal(fen: number): string {
  const { sign, yuan, cents } = yuanAndFen(fen)
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`
}

/**
 * `1234.50` → `123450`: 元 as `yuanDecimal` writes them back in whole fen, computed on
 * integers; null for text of any other shape.
 */
export function fenFromYuanDecimal(text: string): number | null {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text)
  if (!match)
    return null
  const fen = Number(match[2]) * FEN_PER_YUAN + Number(match[3])
  if (!Number.isSafeInteger(fen))
    return null
  return match[1] ? -fen : fen
}

/**
 * `123450` → `¥1,234.50`: an amount as receipts, summaries and records print it, the same in
 * both languages.
 */
export function formatPrice(fen: number): string {
  const { sign, yuan, cents } = yuanAndFen(fen)
  return `${sign}¥${grouped(yuan)}.${String(cents).padStart(2, '0')}`
}

/**
 * An amount in fen as messages say it: `1,000,000元` in Chinese, `¥1,000,000` in English;
 * fen shown only when there are any (`0.01元`, `¥1,234,567.89`).
 */
export function formatAmount(fen: number, locale: Locale): string {
  const { sign, yuan, cents } = yuanAndFen(fen)
  const amount = cents === 0 ? grouped(yuan) : `${grouped(yuan)}.${String(cents).padStart(2, '0')}`
  return locale === 'zh-CN' ? `${sign}${amount}元` : `${sign}¥${amount}`
}
