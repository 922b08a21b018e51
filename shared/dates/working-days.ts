import { formatDate } from './calendar'

/**
 * Review deadlines count working days. Saturdays and Sundays are off, and so are the
 * programme's listed holidays; `workdays` lists the weekend days China's holiday schedule
 * turns into working days (调休). Dates are `YYYY-MM-DD`.
 */
export interface WorkingCalendar {
  holidays?: readonly string[]
  workdays?: readonly string[]
}

function isWorkingDay(date: Date, calendar: WorkingCalendar): boolean {
  const iso = formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
  if (calendar.workdays?.includes(iso))
    return true
  if (calendar.holidays?.includes(iso))
    return false
  const day = date.getUTCDay()
  return day !== 0 && day !== 6
}

/** The date `days` working days after `start` (the start day itself does not count). */
export function addWorkingDays(start: string, days: number, calendar: WorkingCalendar = {}): string {
  const date = new Date(`${start}T00:00:00Z`)
  let left = days
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1)
    if (isWorkingDay(date, calendar))
      left--
  }
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
}
