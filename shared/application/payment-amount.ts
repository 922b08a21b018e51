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

/**
 * An amount in fen as people read it: `1,000,000元` in Chinese, `¥1,000,000` in English;
 * fen shown only when there are any (`0.01元`, `¥1,234,567.89`).
 */
export function formatAmount(fen: number, locale: Locale): string {
  const sign = fen < 0 ? '-' : ''
  const whole = Math.abs(Math.round(fen))
  const yuan = grouped(String(Math.floor(whole / FEN_PER_YUAN)))
  const cents = whole % FEN_PER_YUAN
  const amount = cents === 0 ? yuan : `${yuan}.${String(cents).padStart(2, '0')}`
  return locale === 'zh-CN' ? `${sign}${amount}元` : `${sign}¥${amount}`
}
