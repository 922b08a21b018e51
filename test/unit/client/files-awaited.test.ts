import { describe, expect, it } from 'vitest'
import { serverAwaitsFiles, withoutMootState } from '../../../client/src/field/sync/files-awaited'

describe('what a record waits for on the device', () => {
  it('waits for missing files only while the application is submitted or in review', () => {
    expect(serverAwaitsFiles('submitted', ['a'])).toBe(true)
    expect(serverAwaitsFiles('in_review', ['a'])).toBe(true)
    expect(serverAwaitsFiles('submitted', [])).toBe(false)
    for (const status of ['returned', 'approved', 'rejected', 'withdrawn'] as const)
      expect(serverAwaitsFiles(status, ['a'])).toBe(false)
  })

  it('drops file refusals and the unsent fix once the application is decided, and keeps the data', () => {
    const record = { id: 'x', data: { note: 'fixed' }, fileRefusals: [{ attachmentId: 'p', kind: 'id_front', code: 'attachment.hash_mismatch' }], unsentFix: true as const }
    expect(withoutMootState(record, 'rejected')).toEqual({ id: 'x', data: { note: 'fixed' } })
    expect(withoutMootState(record, 'withdrawn')).toEqual({ id: 'x', data: { note: 'fixed' } })
    // Still open: both stay, the very same record.
    expect(withoutMootState(record, 'returned')).toBe(record)
    expect(withoutMootState(record, 'in_review')).toBe(record)
  })
})
