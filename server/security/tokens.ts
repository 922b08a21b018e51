import { createHash, randomBytes } from 'node:crypto'

/**
 * Session tokens: 32 random bytes, given to the client once and stored only as their
 * SHA-256, so a copy of the database cannot be used to sign in.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
