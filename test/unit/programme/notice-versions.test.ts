import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { unversionedNoticeChanges } from '#shared/programme/notice-versions'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'

const published: ProgrammeSettings = ProgrammeSettingsSchema.parse(DEFAULT_PROGRAMME)
const notice = (zh: string, en = published.privacyNoticeText.en) => ({ 'zh-CN': zh, en })
const terms = (zh: string, en = published.memberTermsText.en) => ({ 'zh-CN': zh, en })
const edited = (change: Partial<ProgrammeSettings>): ProgrammeSettings => ({ ...structuredClone(published), ...change })

describe('a notice text changed needs a new version label', () => {
  it('names the privacy notice\'s or the member terms\' label when its text changed in either language and the label did not', () => {
    expect(unversionedNoticeChanges(published, edited({ privacyNoticeText: notice(published.privacyNoticeText['zh-CN'], 'New words.') }))).toEqual([{ path: 'privacyNoticeVersion', code: 'programme.notice_version_unchanged' }])
    expect(unversionedNoticeChanges(published, edited({ memberTermsText: terms('新的章程。') }))).toEqual([{ path: 'memberTermsVersion', code: 'programme.notice_version_unchanged' }])
    expect(unversionedNoticeChanges(published, edited({ privacyNoticeText: notice('新的告知。'), memberTermsText: terms('新的章程。') })).map(issue => issue.path)).toEqual(['privacyNoticeVersion', 'memberTermsVersion'])
  })

  it('accepts a changed text under a new label, a new label alone, and other changes', () => {
    expect(unversionedNoticeChanges(published, edited({ privacyNoticeText: notice('新的告知。'), privacyNoticeVersion: '2026-07' }))).toEqual([])
    expect(unversionedNoticeChanges(published, edited({ memberTermsVersion: '2026-07' }))).toEqual([])
    expect(unversionedNoticeChanges(published, edited({ reviewDeadlineWorkingDays: 9 }))).toEqual([])
  })

  it('does not count invisible characters (stored without them) as a change', () => {
    expect(unversionedNoticeChanges(published, edited({ privacyNoticeText: notice(`${published.privacyNoticeText['zh-CN']}\u200B`) }))).toEqual([])
  })
})
