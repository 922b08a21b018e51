import { anchorMatches, anchorOf, formatAuditAnchor, parseAuditAnchor } from '#shared/audit/audit-anchor'
import { describe, expect, it } from 'vitest'

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'

describe('audit anchors', () => {
  it('reads an entry number and a hash, whole or from 16 characters, as people copy it', () => {
    expect(parseAuditAnchor(`1234:${HASH}`)).toEqual({ seq: 1234, hash: HASH })
    expect(parseAuditAnchor(' #1234 : 9F86D081884C7D65 ')).toEqual({ seq: 1234, hash: '9f86d081884c7d65' })
    expect(formatAuditAnchor({ seq: 7, hash: '9f86d081884c7d65' })).toBe('7:9f86d081884c7d65')
    // What to write down for an entry: its hash shortened to 16 characters, read back as it was.
    expect(anchorOf({ seq: 1234, hash: HASH })).toBe('1234:9f86d081884c7d65')
    expect(anchorMatches(parseAuditAnchor(anchorOf({ seq: 1234, hash: HASH }))!, HASH)).toBe(true)
  })

  it('refuses what is not one: no number, entry 0, a hash too short, too long or not hexadecimal', () => {
    for (const text of ['', HASH, `0:${HASH}`, '12:9f86d081884c7d6', `12:${HASH}0`, '12:9f86d081884c7d6g', '12-9f86d081884c7d65', '-1:9f86d081884c7d65'])
      expect(parseAuditAnchor(text), text).toBeNull()
  })

  it('matches the entry\'s full hash by the characters written down', () => {
    expect(anchorMatches({ seq: 1, hash: '9f86d081884c7d65' }, HASH)).toBe(true)
    expect(anchorMatches({ seq: 1, hash: HASH }, HASH.toUpperCase())).toBe(true)
    expect(anchorMatches({ seq: 1, hash: '9f86d081884c7d66' }, HASH)).toBe(false)
  })
})
