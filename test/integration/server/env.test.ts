import { describe, expect, it } from 'vitest'
import { loadEnv } from '../../../server/config/env'

describe('server configuration', () => {
  it('defaults to every interface on port 3000 so tablets on the network can connect', () => {
    const env = loadEnv({})
    expect(env.HOST).toBe('0.0.0.0')
    expect(env.PORT).toBe(3000)
  })

  it('stops with a message naming the bad setting', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadEnv({ PORT: '70000' })).toThrow(/PORT/)
  })

  it('holds the first administrator\'s password to the policy every sign-in uses', () => {
    expect(loadEnv({ ADMIN_PASSWORD: 'a'.repeat(256) }).ADMIN_PASSWORD).toHaveLength(256)
    // Longer than the sign-in takes: the administrator could never sign in.
    expect(() => loadEnv({ ADMIN_PASSWORD: 'a'.repeat(257) })).toThrow(/ADMIN_PASSWORD: At most 256 characters/)
    expect(() => loadEnv({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: At least 10 characters/)
    expect(() => loadEnv({ ADMIN_PASSWORD: 'long enough\u0000' })).toThrow(/ADMIN_PASSWORD: Contains control or invisible characters/)
  })
})
