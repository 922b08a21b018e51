import type { DeviceKind } from '#shared/admin/device-kind'
import { DEVICE_KINDS } from '#shared/admin/device-kind'
import { deskBrowserOf } from '../auth/desk-device-id'

/**
 * The device list's rows, shown by kind: tablets (which sync, hold applicants' data and are
 * wiped when revoked) apart from desk browsers (which do none of that). Pure.
 */

export type DeviceShown = DeviceKind | 'all'

/** What of a device row (admin.api's DeviceItem) these read. */
interface DeviceRow { kind: DeviceKind, label: string }

export function devicesShown<Row extends DeviceRow>(items: readonly Row[], shown: DeviceShown): Row[] {
  return shown === 'all' ? [...items] : items.filter(item => item.kind === shown)
}

export function countByKind(items: readonly DeviceRow[]): Record<DeviceShown, number> {
  const counts: Record<DeviceShown, number> = { all: items.length, tablet: 0, desk: 0 }
  for (const item of items)
    counts[item.kind] += 1
  return counts
}

export const DEVICE_SHOWN_OPTIONS: readonly DeviceShown[] = ['all', ...DEVICE_KINDS]

/**
 * The name to show beside the row's kind: a tablet's as its agent gave it; a desk
 * browser's ("Desk · Chrome", as stored, in one language) as its browser alone, the kind
 * already saying desk.
 */
export function deviceName(item: DeviceRow): string {
  return (item.kind === 'desk' ? deskBrowserOf(item.label) : null) ?? item.label
}
