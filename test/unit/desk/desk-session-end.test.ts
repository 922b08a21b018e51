import { describe, expect, it } from 'vitest'
import { endsSession } from '../../../client/src/desk/api/session-end'
import { deskDeviceId, forgetDeskDeviceId } from '../../../client/src/desk/auth/desk-device-id'

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) }
}

describe('what ends a desk session', () => {
  it.each([
    [401, 'auth.required', true],
    [401, 'auth.session_expired', true],
    [403, 'auth.device_revoked', true],
    [403, 'auth.account_disabled', true],
    [403, 'auth.forbidden', false],
    [409, 'request.version_conflict', false],
    [404, 'auth.device_revoked', false],
  ] as const)('%i %s → %s', (status, code, ends) => {
    expect(endsSession(status, code)).toBe(ends)
  })
})

describe('a revoked desk device id', () => {
  it('is forgotten for that user only, and the next sign-in makes a new one', () => {
    const storage = memoryStorage()
    let n = 0
    const make = () => `00000000-0000-4000-8000-00000000000${++n}`
    const revoked = deskDeviceId('Reviewer.A', storage, make)
    const other = deskDeviceId('reviewer.b', storage, make)
    forgetDeskDeviceId(' reviewer.a', storage)
    expect(deskDeviceId('reviewer.b', storage, make)).toBe(other)
    const renewed = deskDeviceId('reviewer.a', storage, make)
    expect(renewed).not.toBe(revoked)
    expect(deskDeviceId('Reviewer.A', storage, make)).toBe(renewed)
  })
})
