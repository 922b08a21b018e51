import type { LocalApplication } from '../../../client/src/field/storage/field-db'
import { describe, expect, it } from 'vitest'
import { displayName, groupByList, listOf, matchesSearch, shownStatus } from '../../../client/src/field/applications/application-lists'
import { makeIndividual, makeOrganisation } from '../../fixtures/applications'

function local(status: LocalApplication['status'], syncState: LocalApplication['syncState'], data: LocalApplication['data'] = makeIndividual()): LocalApplication {
  return { id: data.id, data, receiptNo: data.receiptNo, status, syncState, serverVersion: 0, receipt: null, issues: null, serverCopy: null, returnItems: null, decisionNote: null, rejectReason: null, memberNo: null, dupKeys: [], updatedAt: '2026-11-23T08:00:00.000Z' }
}

describe('shownStatus', () => {
  it('is the server copy\'s in a conflict (the device\'s change was not applied), the record\'s otherwise', () => {
    const withdrawnHere = { ...local('withdrawn', 'conflict'), serverCopy: { status: 'in_review' } as LocalApplication['serverCopy'] }
    expect(shownStatus(withdrawnHere)).toBe('in_review')
    expect(shownStatus({ ...withdrawnHere, syncState: 'synced' })).toBe('withdrawn')
    expect(shownStatus(local('returned', 'conflict'))).toBe('returned')
  })
})

describe('application lists', () => {
  it.each([
    ['draft', 'draft', 'drafts'],
    ['queued', 'queued', 'waiting'],
    ['queued', 'syncing', 'waiting'],
    ['queued', 'rejected', 'attention'],
    ['returned', 'conflict', 'attention'],
    ['returned', 'queued', 'waiting'],
    ['returned', 'synced', 'returned'],
    ['submitted', 'synced', 'synced'],
    ['approved', 'synced', 'synced'],
    ['withdrawn', 'synced', 'synced'],
  ] as const)('status %s, sync state %s → %s', (status, syncState, list) => {
    expect(listOf({ status, syncState })).toBe(list)
  })

  it('puts every record in exactly one list', () => {
    const apps = [local('draft', 'draft'), local('queued', 'queued'), local('returned', 'synced'), local('approved', 'synced'), local('queued', 'conflict')]
    const groups = groupByList(apps)
    expect(Object.values(groups).flat()).toHaveLength(apps.length)
    expect(Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.length]))).toEqual({ drafts: 1, waiting: 1, attention: 1, returned: 1, synced: 1 })
  })

  it('names an application by its applicant or organisation', () => {
    expect(displayName(local('draft', 'draft'))).toBe('张伟')
    expect(displayName(local('draft', 'draft', makeOrganisation()))).toBe(makeOrganisation().organisation.name)
    expect(displayName({ data: { person: { name: '  ' } } as never })).toBeNull()
  })

  it('finds by name, receipt number, mobile and ID number, however they are typed', () => {
    const app = local('queued', 'queued')
    const { person } = makeIndividual()
    expect(matchesSearch(app, '张')).toBe(true)
    expect(matchesSearch(app, app.receiptNo.toLowerCase().slice(0, 9))).toBe(true)
    expect(matchesSearch(app, `+86 ${person.mobile.slice(0, 3)} ${person.mobile.slice(3, 7)}`)).toBe(true)
    expect(matchesSearch(app, person.idNumber.slice(-4).toLowerCase())).toBe(true)
    expect(matchesSearch(app, '李')).toBe(false)
    expect(matchesSearch(app, '13999999999')).toBe(false)
    expect(matchesSearch(app, '  ')).toBe(true)
  })

  it('finds a Hong Kong mobile however its code is typed, and a part of a mainland number that begins like a calling code', () => {
    const hongKong = local('queued', 'queued', makeIndividual({ person: { mobile: '+85291234567' } }))
    for (const query of ['+852 9123 4567', '00852 9123', '852 9123', '9123 4567', '4567'])
      expect(matchesSearch(hongKong, query), query).toBe(true)
    expect(matchesSearch(hongKong, '+853 9123')).toBe(false)
    // A draft holds the number as typed.
    const typed = local('draft', 'draft', makeIndividual({ person: { mobile: '00852-9123-4567' } }))
    expect(matchesSearch(typed, '+852 9123')).toBe(true)
    // 8526… and 886… are read as calling codes, but they are also the middle of these numbers.
    const mainland = local('queued', 'queued', makeIndividual({ person: { mobile: '13885261234' } }))
    expect(matchesSearch(mainland, '8526')).toBe(true)
    expect(matchesSearch(local('queued', 'queued', makeIndividual({ person: { mobile: '13988612345' } })), '88612')).toBe(true)
  })

  it('finds a Taiwan mobile typed as it is written at home, with its trunk 0, and no other number by it', () => {
    const taiwan = local('queued', 'queued', makeIndividual({ person: { mobile: '+886912345678' } }))
    for (const query of ['0912 345 678', '0912-345', '０９１２３４５６７８', '+886 0912 345', '912 345 678', '5678'])
      expect(matchesSearch(taiwan, query), query).toBe(true)
    expect(matchesSearch(taiwan, '0913')).toBe(false)
    // The trunk form names a Taiwan number only: 912… in a mainland or Hong Kong one is another number.
    expect(matchesSearch(local('queued', 'queued', makeIndividual({ person: { mobile: '13891234567' } })), '0912')).toBe(false)
    expect(matchesSearch(local('queued', 'queued', makeIndividual({ person: { mobile: '+85291234567' } })), '0912')).toBe(false)
    // A 0 inside a mainland number is still found as typed.
    expect(matchesSearch(local('queued', 'queued', makeIndividual({ person: { mobile: '13809123456' } })), '0912')).toBe(true)
  })

  it('finds a minority name whatever dot the agent\'s IME types, and a Chinese name typed with spaces', () => {
    // Stored as the rules normalised it on submission: the middle dot U+00B7.
    const queued = local('queued', 'queued', makeIndividual({ person: { name: '阿卜杜拉·买买提' } }))
    for (const query of ['阿卜杜拉.买买提', '阿卜杜拉•买买提', '阿卜杜拉・买买提', '阿卜杜拉 · 买买提', '阿卜杜拉．', '卜杜拉･买'])
      expect(matchesSearch(queued, query), query).toBe(true)
    // A draft keeps the name as typed, with a look-alike dot or a space.
    const draft = local('draft', 'draft', makeIndividual({ person: { name: '阿卜杜拉・买买提' } }))
    expect(matchesSearch(draft, '阿卜杜拉·买买提')).toBe(true)
    const spaced = local('draft', 'draft', makeIndividual({ person: { name: '欧阳 娜娜' } }))
    expect(matchesSearch(spaced, '欧阳娜娜')).toBe(true)
    expect(matchesSearch(local('queued', 'queued'), '张 伟')).toBe(true)
    expect(matchesSearch(queued, '阿卜杜拉·艾力')).toBe(false)
  })
})
