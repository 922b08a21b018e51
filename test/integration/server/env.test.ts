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
})
