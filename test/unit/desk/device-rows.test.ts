import type { DeviceKind } from '#shared/admin/device-kind'
import { describe, expect, it } from 'vitest'
import { countByKind, deviceName, devicesShown } from '../../../client/src/desk/admin/device-rows'
import { deskDeviceLabel } from '../../../client/src/desk/auth/desk-device-id'

/** The admin's device list: tablets apart from desk browsers, a desk's name in the reader's language. */

function device(id: string, kind: DeviceKind, label: string): { id: string, kind: DeviceKind, label: string } {
  return { id, kind, label }
}

const tablet = device('tablet-0001', 'tablet', '李外勤的平板')
const desk = device('desk-0002', 'desk', deskDeviceLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'))
const otherTablet = device('tablet-0003', 'tablet', 'Desk · Chrome')

describe('the device list by kind', () => {
  it('shows all, only tablets or only desk browsers, in the order the server gave', () => {
    const items = [tablet, desk, otherTablet]
    expect(devicesShown(items, 'all')).toEqual(items)
    expect(devicesShown(items, 'tablet')).toEqual([tablet, otherTablet])
    expect(devicesShown(items, 'desk')).toEqual([desk])
    expect(countByKind(items)).toEqual({ all: 3, tablet: 2, desk: 1 })
    expect(countByKind([])).toEqual({ all: 0, tablet: 0, desk: 0 })
  })

  it('names a desk browser by its browser (its kind says desk), and a tablet as its agent named it', () => {
    expect(deviceName(desk)).toBe('Chrome')
    expect(deviceName(tablet)).toBe('李外勤的平板')
    // A tablet an agent happened to name like a desk keeps its name.
    expect(deviceName(otherTablet)).toBe('Desk · Chrome')
    // A desk row with a label of its own (none the desk sends) is shown as stored.
    expect(deviceName({ ...desk, label: 'Front office PC' })).toBe('Front office PC')
  })
})
