/**
 * Names — of people, sites, organisations — in the order a Chinese reader looks for them: by
 * pinyin (the zh-CN collation of Intl, ICU's data), Latin names among them by their letters.
 * Spelled out here because a comparison without a locale takes the process's or browser's:
 * a server started under `LANG=C` (en-US for ICU) put Chinese names in code-point order,
 * 张 before 陈, and so did a desk browser set to English.
 */
const NAME_COLLATOR = new Intl.Collator('zh-CN')

/** Negative when `a` sorts before `b` (陈 before 张), as Array.prototype.sort expects. */
export function compareNames(a: string, b: string): number {
  return NAME_COLLATOR.compare(a, b)
}
