import type { ValidationIssue } from '../errors/issue'
import type { ProgrammeSettings } from './programme.schema'
import { LOCALES } from '../i18n/locale'
import { removeInvisibleCharacters } from '../text/hidden-characters'

/**
 * An applicant's consent names the privacy notice and member terms by version only
 * (consent.noticeVersion): a text changed under the version already published would make
 * earlier consents name words the applicant never saw, and tablets would not ask anyone to
 * confirm the new ones. So a changed text (either language) needs a new version label.
 * Texts are compared as they are stored, invisible characters removed.
 */

const NOTICES = [
  { text: 'privacyNoticeText', version: 'privacyNoticeVersion' },
  { text: 'memberTermsText', version: 'memberTermsVersion' },
] as const

/** One issue on each version label whose text changed from `published` while the label did not. */
export function unversionedNoticeChanges(published: ProgrammeSettings, edited: ProgrammeSettings): ValidationIssue[] {
  return NOTICES
    .filter(({ text, version }) => edited[version] === published[version]
      && LOCALES.some(locale => removeInvisibleCharacters(edited[text][locale]) !== removeInvisibleCharacters(published[text][locale])))
    .map(({ version }) => ({ path: version, code: 'programme.notice_version_unchanged' as const }))
}
