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

  it('reads numbers only as decimal digits: a typo never becomes another port or proxy count', () => {
    expect(loadEnv({ PORT: '3433', TRUST_PROXY_HOPS: '1', SESSION_TTL_DAYS: '7' })).toMatchObject({ PORT: 3433, TRUST_PROXY_HOPS: 1, SESSION_TTL_DAYS: 7 })
    // Number() reads these as 32, 1000, 0 and 0.
    for (const PORT of ['0x20', '1e3', '', ' '])
      expect(() => loadEnv({ PORT }), JSON.stringify(PORT)).toThrow(/PORT: must be a whole number written in digits/)
    for (const TRUST_PROXY_HOPS of ['', '0x1', '-1', '1.5'])
      expect(() => loadEnv({ TRUST_PROXY_HOPS }), JSON.stringify(TRUST_PROXY_HOPS)).toThrow(/TRUST_PROXY_HOPS/)
    expect(() => loadEnv({ SESSION_TTL_DAYS: '3e1' })).toThrow(/SESSION_TTL_DAYS/)
  })

  it('refuses a DATABASE_URL that does not parse or names no host, without echoing it (it holds a password)', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://enrol:secret@db.internal:5432/field_enrol' }).DATABASE_URL).toBe('postgres://enrol:secret@db.internal:5432/field_enrol')
    expect(loadEnv({ DATABASE_URL: 'postgresql:///field_enrol?host=/var/run/postgresql' }).DATABASE_URL).toContain('/var/run/postgresql')
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x@h/db' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/)
    expect(() => loadEnv({ DATABASE_URL: 'postgres://' })).toThrow(/DATABASE_URL: names no host/)
    expect(() => loadEnv({ DATABASE_URL: 'postgres://enrol:secret@db.internal:port/field_enrol' })).toThrow(/DATABASE_URL: is not a well-formed URL/)
    expect(() => loadEnv({ DATABASE_URL: 'postgres://enrol:secret@db.internal:port/field_enrol' })).not.toThrow(/secret/)
  })

  it('holds the first administrator\'s password to the policy every sign-in uses', () => {
    expect(loadEnv({ ADMIN_PASSWORD: 'a'.repeat(256) }).ADMIN_PASSWORD).toHaveLength(256)
    // Longer than the sign-in takes: the administrator could never sign in.
    expect(() => loadEnv({ ADMIN_PASSWORD: 'a'.repeat(257) })).toThrow(/ADMIN_PASSWORD: At most 256 characters/)
    expect(() => loadEnv({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: At least 10 characters/)
    expect(() => loadEnv({ ADMIN_PASSWORD: 'long enough\u0000' })).toThrow(/ADMIN_PASSWORD: Contains control or invisible characters/)
  })
})
