import { onServerClock } from '#shared/sync/clock-offset'
import { notableOffsetText } from '../../i18n/offset-duration'

type Translate = (key: string, params: Record<string, unknown>) => string

/**
 * A device clock's offset in the reviewer's words (设备时钟快 2 小时 5 分钟), or null when it
 * is small enough to be transit time (shared/sync/clock-offset.ts decides how small).
 */
export function clockOffsetText(offsetMs: number | null, t: Translate): string | null {
  return notableOffsetText(offsetMs, t, { ahead: 'desk.application.clock.ahead', behind: 'desk.application.clock.behind' })
}

/**
 * What to say beside a time the device recorded: its clock's offset, and the time read on
 * the server's clock; null when the offset is not worth saying.
 */
export function deviceTimeNote(deviceTime: string | null, offsetMs: number | null, t: Translate, dateTime: (iso: string) => string): string | null {
  const offset = clockOffsetText(offsetMs, t)
  if (offset === null || offsetMs === null)
    return null
  const corrected = deviceTime ? onServerClock(deviceTime, offsetMs) : null
  return corrected ? t('desk.application.clock.note', { offset, time: dateTime(corrected) }) : offset
}
