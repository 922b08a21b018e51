import type { Rule } from './rule-context'
import { z } from 'zod'

const flag = z.boolean()
const version = z.string()

/**
 * Consent (PIPL): processing of personal information and, separately, of sensitive
 * personal information; the member notice acknowledged; the summary confirmed before
 * signing; all against the notice and terms versions in force.
 */
export const consentRule: Rule = (ctx) => {
  if (ctx.raw('consent') === undefined)
    return
  if (ctx.read('consent.personalInfo', flag) === false)
    ctx.error('consent.personalInfo', 'consent.personal_info_required')
  if (ctx.read('consent.sensitiveInfo', flag) === false)
    ctx.error('consent.sensitiveInfo', 'consent.sensitive_info_required')
  if (ctx.read('consent.memberTerms', flag) === false)
    ctx.error('consent.memberTerms', 'consent.member_terms_required')
  if (ctx.read('consent.summaryConfirmed', flag) === false)
    ctx.error('consent.summaryConfirmed', 'consent.summary_not_confirmed')

  const notice = ctx.read('consent.noticeVersion', version)
  if (notice !== undefined && notice !== ctx.settings.privacyNoticeVersion)
    ctx.error('consent.noticeVersion', 'consent.notice_version_outdated', { current: ctx.settings.privacyNoticeVersion })
  const terms = ctx.read('consent.termsVersion', version)
  if (terms !== undefined && terms !== ctx.settings.memberTermsVersion)
    ctx.error('consent.termsVersion', 'consent.terms_version_outdated', { current: ctx.settings.memberTermsVersion })
}
