/**
 * A tablet's clock against the server's. Every time a device records (when an application
 * was captured, when the agent submitted or withdrew it) is read on the device's own clock,
 * which may be wrong by minutes or by days: a tablet left without a network, its time set
 * by hand. Each push says what the device's clock read when it sent the batch (`sentAt`);
 * the server stores it beside its own time of receipt, so every version keeps device time,
 * server time and the offset between the two clocks (DESIGN.md §5), and the desk can say
 * when a device time is not to be taken at its word.
 *
 * The offset includes the batch's time in transit (seconds at most), so only offsets well
 * beyond that are worth a reviewer's attention.
 */

/** Offsets up to this size are transit time and ordinary drift: not shown as a warning. */
export const NOTABLE_CLOCK_OFFSET_MS = 5 * 60_000

/**
 * How far the device's clock was ahead of the server's when the push arrived, in
 * milliseconds (negative: behind); null when the device did not say (a release before
 * `sentAt`, or a version the desk made).
 */
export function clockOffsetMs(deviceSentAt: string | null, serverTime: string): number | null {
  if (deviceSentAt === null)
    return null
  const device = Date.parse(deviceSentAt)
  const server = Date.parse(serverTime)
  if (Number.isNaN(device) || Number.isNaN(server))
    return null
  return device - server
}

export function isNotableClockOffset(offsetMs: number | null): offsetMs is number {
  return offsetMs !== null && Math.abs(offsetMs) > NOTABLE_CLOCK_OFFSET_MS
}

/** A time the device recorded, read on the server's clock (the offset taken off); null when it cannot be. */
export function onServerClock(deviceTime: string, offsetMs: number): string | null {
  const at = Date.parse(deviceTime) - offsetMs
  return Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? new Date(at).toISOString() : null
}

export interface OffsetParts { ahead: boolean, days: number, hours: number, minutes: number }

/** An offset in whole days, hours and minutes (rounded to the minute), for saying it in words. */
export function offsetParts(offsetMs: number): OffsetParts {
  const totalMinutes = Math.round(Math.abs(offsetMs) / 60_000)
  return {
    ahead: offsetMs > 0,
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  }
}
