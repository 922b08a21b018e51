import { isNotableClockOffset, offsetParts } from '#shared/sync/clock-offset'

type Translate = (key: string, params: Record<string, unknown>) => string

/**
 * A clock offset's size in words, the units that are zero left out: `2 小时 30 分钟`,
 * `3 d 10 min` (messages/clock.ts). Whether it is ahead or behind is the caller's sentence.
 */
export function offsetDuration(offsetMs: number, t: Translate): string {
  const parts = offsetParts(offsetMs)
  return (['days', 'hours', 'minutes'] as const)
    .filter(unit => parts[unit] > 0)
    .map(unit => t(`clockOffset.${unit}`, { n: parts[unit] }))
    .join(' ')
}

/**
 * A clock's offset as the caller's sentence — its `ahead` or `behind` message with the
 * duration — or null when it is small enough to be transit time and drift (shared rule).
 */
export function notableOffsetText(offsetMs: number | null, t: Translate, keys: { ahead: string, behind: string }): string | null {
  if (!isNotableClockOffset(offsetMs))
    return null
  return t(offsetMs > 0 ? keys.ahead : keys.behind, { duration: offsetDuration(offsetMs, t) })
}

/**
 * A wait's length in words (a locked sign-in's `{wait}`), rounded up to the unit it is said
 * in: `30 秒`, `32 min`, `1 h` — never `1920 seconds`, nor `1 seconds`.
 */
export function waitDuration(seconds: number, t: Translate): string {
  if (seconds < 60)
    return t('clockOffset.seconds', { n: Math.max(1, Math.ceil(seconds)) })
  const minutes = Math.ceil(seconds / 60)
  const parts = { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
  return (['hours', 'minutes'] as const)
    .filter(unit => parts[unit] > 0)
    .map(unit => t(`clockOffset.${unit}`, { n: parts[unit] }))
    .join(' ')
}
