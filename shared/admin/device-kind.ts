/**
 * What a row in the device list is. A desk browser signs in bound to a device id as a
 * tablet does (so that revoking it ends its sessions there), under an id that starts
 * `desk-` (client/src/desk/auth/desk-device-id.ts makes them). It never syncs, holds no
 * applications and has nothing to wipe, so the administrator's list tells the two apart
 * and the overview's device counts are of tablets. For display and counting only: the id
 * is the client's word, and no access rests on it. Pure.
 */

export const DESK_DEVICE_ID_PREFIX = 'desk-'

export const DEVICE_KINDS = ['tablet', 'desk'] as const
export type DeviceKind = typeof DEVICE_KINDS[number]

export function deviceKind(deviceId: string): DeviceKind {
  return deviceId.startsWith(DESK_DEVICE_ID_PREFIX) ? 'desk' : 'tablet'
}
