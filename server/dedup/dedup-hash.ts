import type { PersonalDataCipher } from '../security/personal-data'

/**
 * Blocking keys are stored as keyed hashes: they spell out ID numbers and mobiles. 96 bits
 * of the HMAC is plenty for an index (a collision only adds one record to score) and keeps
 * the index small.
 */
export function hashBlockingKey(cipher: Pick<PersonalDataCipher, 'lookupHash'>, key: string): string {
  return cipher.lookupHash(`dedup:${key}`).slice(0, 24)
}
