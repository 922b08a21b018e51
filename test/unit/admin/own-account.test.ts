import { disablesOwnAccount } from '#shared/admin/own-account'
import { describe, expect, it } from 'vitest'

describe('disablesOwnAccount', () => {
  it('is true only for disabling one\'s own account', () => {
    expect(disablesOwnAccount('staff-a', 'staff-a', { disabled: true })).toBe(true)
    // Another's account, enabling, or another change to one's own: allowed.
    expect(disablesOwnAccount('staff-a', 'staff-b', { disabled: true })).toBe(false)
    expect(disablesOwnAccount('staff-a', 'staff-a', { disabled: false })).toBe(false)
    expect(disablesOwnAccount('staff-a', 'staff-a', {})).toBe(false)
  })
})
