/**
 * The offline password verifier: what lets a user who signed in online once sign in again,
 * and unlock the app, with no network — without the password ever being stored.
 *
 * PBKDF2-HMAC-SHA-256 through WebCrypto (`crypto.subtle`, native code in every browser we
 * support), a random 16-byte salt per account, and 600,000 iterations: OWASP's figure for
 * PBKDF2-SHA-256 (its 210,000 is for SHA-512). That is about 0.2 s in Node on the development
 * machine and well under a second on a mid-range tablet, paid once per sign-in or unlock.
 * The iteration count is stored with each verifier, so raising `PBKDF2_ITERATIONS` later
 * keeps old verifiers working and `needsRehash` tells the caller to re-derive on the next
 * successful sign-in. A wrong password and a damaged verifier both simply fail to verify.
 */

export const PBKDF2_ITERATIONS = 600_000
export const PBKDF2_SALT_BYTES = 16
const HASH_BITS = 256

export interface PasswordVerifier {
  algorithm: 'PBKDF2-SHA-256'
  iterations: number
  /** Hex, PBKDF2_SALT_BYTES random bytes. */
  salt: string
  /** Hex, the derived 256 bits. */
  hash: string
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('')
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex))
    return null
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS)
  return new Uint8Array(bits)
}

/** A new verifier for `password`, with a fresh random salt. */
export async function deriveVerifier(password: string, options: { iterations?: number } = {}): Promise<PasswordVerifier> {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`PBKDF2 iterations must be a positive integer, got ${iterations}`)
  const salt = crypto.getRandomValues(new Uint8Array(PBKDF2_SALT_BYTES))
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toHex(salt), hash: toHex(await derive(password, salt, iterations)) }
}

/** Whether `password` is the one the verifier was derived from (compared in constant time). */
export async function verifyPassword(password: string, verifier: PasswordVerifier): Promise<boolean> {
  const salt = fromHex(verifier.salt)
  const expected = fromHex(verifier.hash)
  if (verifier.algorithm !== 'PBKDF2-SHA-256' || !salt || !expected || !Number.isInteger(verifier.iterations) || verifier.iterations < 1)
    return false
  const actual = await derive(password, salt, verifier.iterations)
  if (actual.length !== expected.length)
    return false
  let difference = 0
  for (let i = 0; i < actual.length; i++)
    difference |= actual[i]! ^ expected[i]!
  return difference === 0
}

/** True when the verifier was made with fewer iterations than today's: re-derive it after a successful check. */
export function needsRehash(verifier: PasswordVerifier, iterations = PBKDF2_ITERATIONS): boolean {
  return verifier.iterations < iterations
}
