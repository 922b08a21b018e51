import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'
import { programmeChanges } from '../../../client/src/desk/admin/programme-changes'
import { newCategory, programmeLabels } from '../../../client/src/desk/admin/programme-form'
import deskAdminMessages from '../../../client/src/i18n/messages/desk-admin'

/** What the confirmation before publishing says changed, as the administrator reads it. */

const zh = deskAdminMessages['zh-CN'].deskAdmin.programme
const LABELS = programmeLabels(key => zh[key])
const WORDS = {
  added: (name: string) => zh.categoryAdded.replace('{name}', name),
  removed: (name: string) => zh.categoryRemoved.replace('{name}', name),
  changed: (name: string) => zh.categoryChanged.replace('{name}', name),
}

function settings(): ProgrammeSettings {
  return structuredClone(DEFAULT_PROGRAMME)
}

describe('programmeChanges', () => {
  it('says nothing changed when nothing did', () => {
    expect(programmeChanges(settings(), settings(), 'zh-CN', LABELS, WORDS)).toEqual([])
  })

  it('names categories by name, compared by code: one removed from the middle is one removal', () => {
    const before = settings()
    const after = settings()
    after.categories.splice(1, 1)
    after.categories[0]!.feeFen = 5000
    after.categories.push({ ...newCategory('student'), name: { 'zh-CN': '学生会员', 'en': 'Student' } })
    expect(programmeChanges(before, after, 'zh-CN', LABELS, WORDS)).toEqual(['会员类别：修改 普通会员、新增 学生会员、删除 VIP会员'])
  })

  it('names other settings by the screen\'s labels, once each, and a version label from → to', () => {
    const before = settings()
    const after = settings()
    after.reviewDeadlineWorkingDays += 1
    after.privacyNoticeVersion = 'PN-2026-07'
    after.privacyNoticeText['zh-CN'] = '新的隐私告知。'
    after.duplicateRules.weights.same_mobile = 55
    after.duplicateRules.thresholds.likely += 1
    expect(programmeChanges(before, after, 'zh-CN', LABELS, WORDS)).toEqual([
      zh.reviewDeadline,
      `${zh.noticeVersion} ${before.privacyNoticeVersion} → PN-2026-07`,
      zh.noticeText,
      zh.duplicateRules,
    ])
  })
})
