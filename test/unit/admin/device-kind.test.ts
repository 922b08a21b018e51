import { DESK_DEVICE_ID_PREFIX, deviceKind } from '#shared/admin/device-kind'
import { describe, expect, it } from 'vitest'
import { deskDeviceId } from '../../../client/src/desk/auth/desk-device-id'

/** The device list tells desk browsers from tablets by the id the desk makes for itself. */

describe('deviceKind', () => {
  it('calls a desk browser\'s id a desk, from the id the desk itself makes', () => {
    const stored = new Map<string, string>()
    const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) }
    const id = deskDeviceId('reviewer.zhao', storage, () => '0190a0b0-7a1b-7000-8000-000000000001')
    expect(id.startsWith(DESK_DEVICE_ID_PREFIX)).toBe(true)
    expect(deviceKind(id)).toBe('desk')
  })

  it('calls every other id a tablet, a `desk` inside or in capitals included', () => {
    expect(deviceKind('0190a0b0-7a1b-7000-8000-000000000001')).toBe('tablet')
    expect(deviceKind('tablet-desk-000001')).toBe('tablet')
    expect(deviceKind('DESK-0190a0b0')).toBe('tablet')
    expect(deviceKind('desk')).toBe('tablet')
  })
})
