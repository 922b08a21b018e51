import { Buffer } from 'node:buffer'
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, randomFillSync } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { OperatorError, operatorText } from '../operator-messages/operator-text'

/**
 * Personal data at rest (PIPL): identity document numbers are stored encrypted with
 * AES-256-GCM, and beside them a keyed hash (HMAC-SHA-256) so that equality look-ups
 * (duplicates, search by ID) work without decrypting anything. Both keys derive from one
 * 32-byte master key (HKDF), given as FIELD_ENROL_DATA_KEY or generated once into the
 * data folder (with a warning: a key beside the data protects only against a leaked
 * database dump, not a stolen disk).
 */

const VERSION = 'v1'

export interface PersonalDataCipher {
  encrypt: (plain: string) => string
  decrypt: (sealed: string) => string
  /** Keyed hash of a normalised value, for equality look-ups. */
  lookupHash: (plain: string) => string
}

/** 96-bit GCM nonces, drawn from the CSPRNG a few thousand at a time (one call per value cost more than the encryption). */
function nonceSource(): () => Buffer {
  const pool = Buffer.alloc(12 * 4096)
  let offset = pool.length
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool)
      offset = 0
    }
    // A copy: a view would see the pool refilled under it.
    const iv = Buffer.from(pool.subarray(offset, offset + 12))
    offset += 12
    return iv
  }
}

export function createPersonalDataCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32)
    throw new Error('The data key must be 32 bytes')
  // Key objects made once: no key material is copied or imported per value.
  const encryptionKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'field-enrol/encrypt', 32)))
  const hashKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'field-enrol/lookup', 32)))
  const nextNonce = nonceSource()
  return {
    encrypt(plain) {
      const iv = nextNonce()
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.')
      if (version !== VERSION || !iv || body === undefined || !tag)
        throw new Error('Not an encrypted value')
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    },
    lookupHash(plain) {
      return createHmac('sha256', hashKey).update(plain).digest('hex')
    },
  }
}

export function dataKeyPath(dataDir: string): string {
  return join(dataDir, 'data.key')
}

/** The master key from the environment or the data folder's key file, without creating one. */
export function findDataKey(configured: string | undefined, dataDir: string): Buffer | undefined {
  if (configured)
    return Buffer.from(configured, 'base64')
  return readDataKeyFile(dataKeyPath(dataDir))
}

/**
 * A key file's key (base64 text, as `loadDataKey` writes it), or undefined when there is no
 * such file. One that is there but cannot be read (made by root for a server run as another
 * user, a folder by that name) is the operator's to fix, named as such: never taken for
 * missing, which would generate another key.
 */
export function readDataKeyFile(path: string): Buffer | undefined {
  if (!existsSync(path))
    return undefined
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  }
  catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    throw new OperatorError(operatorText('key.file_unreadable', { path, reason: code ?? message }))
  }
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== 32)
    throw new OperatorError(operatorText('key.file_invalid', { path }))
  return key
}

/** The master key from the environment, or from `<dataDir>/data.key`, created on first use (`generated` is told the file's path, for the operator's warning). */
export function loadDataKey(configured: string | undefined, dataDir: string, generated: (path: string) => void): Buffer {
  const existing = findDataKey(configured, dataDir)
  if (existing)
    return existing
  const path = dataKeyPath(dataDir)
  mkdirSync(dirname(path), { recursive: true })
  const key = randomBytes(32)
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 })
  generated(path)
  return key
}

/**
 * Names a data key without revealing it (the first 64 bits of an HMAC under the key), so a
 * backup can say which key its sealed values need and a restore can refuse another one.
 */
export function dataKeyFingerprint(masterKey: Buffer): string {
  return createHmac('sha256', masterKey).update('field-enrol/key-fingerprint').digest('hex').slice(0, 16)
}
