import { describe, expect, it } from 'vitest'
import { deriveVerifier, needsRehash, PBKDF2_ITERATIONS, PBKDF2_SALT_BYTES, verifyPassword } from '../../../client/src/field/auth/password-verifier'

/** The offline verifier: PBKDF2-SHA-256 through WebCrypto (Node's `crypto.subtle` here, the browser's in the app). */
describe('offline password verifier', () => {
  const password = 'correct horse battery'

  it('derives a verifier that accepts the password it came from, without containing it', async () => {
    const verifier = await deriveVerifier(password)
    expect(verifier).toEqual({
      algorithm: 'PBKDF2-SHA-256',
      iterations: PBKDF2_ITERATIONS,
      salt: expect.stringMatching(new RegExp(`^[0-9a-f]{${PBKDF2_SALT_BYTES * 2}}$`)),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(JSON.stringify(verifier)).not.toContain(password)
    expect(await verifyPassword(password, verifier)).toBe(true)
  })

  it('uses at least 210,000 iterations and 16 random bytes of salt', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(210_000)
    expect(PBKDF2_SALT_BYTES).toBe(16)
  })

  it('refuses a wrong password, a different case and a password with a trailing space', async () => {
    const verifier = await deriveVerifier(password, { iterations: 1000 })
    expect(await verifyPassword('correct horse batterz', verifier)).toBe(false)
    expect(await verifyPassword('Correct horse battery', verifier)).toBe(false)
    expect(await verifyPassword(`${password} `, verifier)).toBe(false)
    expect(await verifyPassword('', verifier)).toBe(false)
  })

  it('gives a different salt and hash for the same password each time', async () => {
    const a = await deriveVerifier(password, { iterations: 1000 })
    const b = await deriveVerifier(password, { iterations: 1000 })
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
    expect(await verifyPassword(password, a)).toBe(true)
    expect(await verifyPassword(password, b)).toBe(true)
    // The hash depends on the salt: another salt with the same hash verifies nothing.
    expect(await verifyPassword(password, { ...a, salt: b.salt })).toBe(false)
  })

  it('matches the PBKDF2-HMAC-SHA256 test vector (RFC 7914 §11)', async () => {
    // P = "passwd", S = "salt", c = 1, dkLen = 64: the first 32 bytes.
    const salt = Buffer.from('salt').toString('hex')
    const verifier = { algorithm: 'PBKDF2-SHA-256' as const, iterations: 1, salt, hash: '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' }
    expect(await verifyPassword('passwd', verifier)).toBe(true)
  })

  it('stores the iteration count, verifies with the stored one, and says when it is below today\'s', async () => {
    const old = await deriveVerifier(password, { iterations: 10_000 })
    expect(old.iterations).toBe(10_000)
    expect(await verifyPassword(password, old)).toBe(true)
    expect(await verifyPassword(password, { ...old, iterations: 10_001 })).toBe(false)
    expect(needsRehash(old)).toBe(true)
    expect(needsRehash(await deriveVerifier(password))).toBe(false)
  })

  it.each([
    ['an unknown algorithm', { algorithm: 'MD5' }],
    ['a salt that is not hex', { salt: 'zz' }],
    ['a hash of odd length', { hash: 'abc' }],
    ['a truncated hash', { hash: 'ab'.repeat(16) }],
    ['zero iterations', { iterations: 0 }],
  ])('fails closed on a damaged verifier: %s', async (_, damage) => {
    const verifier = await deriveVerifier(password, { iterations: 1000 })
    expect(await verifyPassword(password, { ...verifier, ...damage } as typeof verifier)).toBe(false)
  })

  it('refuses a non-positive or fractional iteration count when deriving', async () => {
    await expect(deriveVerifier(password, { iterations: 0 })).rejects.toThrow(RangeError)
    await expect(deriveVerifier(password, { iterations: 1.5 })).rejects.toThrow(RangeError)
  })
})
