import { BACKUP_OVERDUE_HOURS, DEVICE_SILENT_DAYS, isBackupOverdue, isStorageLow, silentDeviceCutoff, STORAGE_LOW_FREE_BYTES, STORAGE_LOW_FREE_RATIO } from '#shared/admin/system-health'
import { describe, expect, it } from 'vitest'

describe('the administrator overview\'s warnings', () => {
  const now = new Date('2026-12-03T02:00:00.000Z')

  it('a backup is overdue when there was none, or the last is more than two days old', () => {
    expect(BACKUP_OVERDUE_HOURS).toBe(48)
    expect(isBackupOverdue(null, now)).toBe(true)
    expect(isBackupOverdue('2026-12-02T02:00:00.000Z', now)).toBe(false)
    expect(isBackupOverdue('2026-12-01T02:00:00.000Z', now)).toBe(false)
    expect(isBackupOverdue('2026-12-01T01:59:59.999Z', now)).toBe(true)
    // A backup stamped in the future (clocks apart) is not overdue.
    expect(isBackupOverdue('2026-12-03T03:00:00.000Z', now)).toBe(false)
  })

  it('a device is silent when its last contact is more than three days ago', () => {
    expect(DEVICE_SILENT_DAYS).toBe(3)
    expect(silentDeviceCutoff(now)).toBe('2026-11-30T02:00:00.000Z')
  })
})

describe('the data folder\'s disk running low', () => {
  const GiB = 1024 ** 3

  it('is low under 2 GiB free, however small the disk', () => {
    expect(STORAGE_LOW_FREE_BYTES).toBe(2 * GiB)
    expect(isStorageLow({ freeBytes: 2 * GiB - 1, totalBytes: 8 * GiB })).toBe(true)
    expect(isStorageLow({ freeBytes: 2 * GiB, totalBytes: 8 * GiB })).toBe(false)
    expect(isStorageLow({ freeBytes: 0, totalBytes: 0 })).toBe(true)
  })

  it('is low under 5 % free, however much that still is', () => {
    expect(STORAGE_LOW_FREE_RATIO).toBe(0.05)
    expect(isStorageLow({ freeBytes: 99 * GiB, totalBytes: 2000 * GiB })).toBe(true)
    expect(isStorageLow({ freeBytes: 100 * GiB, totalBytes: 2000 * GiB })).toBe(false)
    expect(isStorageLow({ freeBytes: 5 * GiB, totalBytes: 50 * GiB })).toBe(false)
  })
})
