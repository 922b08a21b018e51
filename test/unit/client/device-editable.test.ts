import type { LocalApplication } from '../../../client/src/field/storage/field-db'
import { describe, expect, it } from 'vitest'
import { wizardMayEdit } from '../../../client/src/field/applications/device-editable'

const missingReceipt = { applicationId: 'a', version: 1, status: 'submitted' as const, attachments: ['h'], missingAttachments: ['h'], serverTime: '2026-11-23T08:00:00.000Z' }

describe('which records the wizard opens for editing', () => {
  it.each([
    ['a draft', 'draft', 'draft', null, true],
    ['a queued submission', 'queued', 'queued', null, true],
    ['a returned application', 'returned', 'synced', null, true],
    // Its first receipt lists a file the server refused: the fix is where it is retaken.
    ['a returned application whose files never arrived', 'returned', 'queued', missingReceipt, true],
    ['a submission being pushed', 'queued', 'syncing', null, false],
    ['a resubmission being pushed', 'returned', 'syncing', null, false],
    ['a submitted application waiting for its files', 'submitted', 'queued', missingReceipt, false],
    ['an approved application', 'approved', 'synced', null, false],
  ] as const)('%s', (_label, status, syncState, receipt, expected) => {
    const app: Pick<LocalApplication, 'status' | 'syncState' | 'receipt'> = { status, syncState, receipt }
    expect(wizardMayEdit(app, false)).toBe(expected)
  })

  it('none whose withdrawal waits to leave: the agent gave it up', () => {
    expect(wizardMayEdit({ status: 'returned', syncState: 'queued' }, true)).toBe(false)
    expect(wizardMayEdit({ status: 'returned', syncState: 'queued' }, false)).toBe(true)
  })
})
