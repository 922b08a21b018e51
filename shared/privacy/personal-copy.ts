import type { Locale, LocalisedText } from '../i18n/locale'
import type { CardStatus, MemberStatus } from '../members/member-status'
import type { NamedCategory } from '../programme/category-label'
import { displayValue, pathLabel } from '../application/application-format'
import { flattenLeaves } from '../application/application-paths'
import { ATTACHMENT_KIND_LABELS } from '../application/enums'
import { chinaDateTime } from '../dates/china-time'
import { listed } from '../i18n/punctuation'
import { MEMBER_OPERATION_LABELS } from '../members/member-operations'
import { CARD_STATUS_LABELS, MEMBER_STATUS_LABELS } from '../members/member-status'
import { categoryLabel } from '../programme/category-label'

/**
 * 个人信息副本 (PIPL art. 45: a person may obtain a copy of their personal information):
 * what the programme holds about a member, in the member's own words, unmasked — it is for
 * the member. Three parts: the membership, the personal information as given when enrolling
 * (and changed since), and what was done to the record when. Bookkeeping that says nothing
 * about the person (record ids, the capturing device, file hashes) is left out; the
 * documents are named by kind. Pure: the server writes it as a spreadsheet.
 */

export interface PersonalCopyMember {
  memberNo: string
  category: string
  level: string | null
  status: MemberStatus
  cardStatus: CardStatus
  cardNo: string | null
  validFrom: string
  validUntil: string
  createdAt: string
  siteLabel: string
  marketing: boolean
}

export interface PersonalCopyChange {
  at: string
  action: string
}

export type PersonalCopyRow = readonly [section: string, item: string, value: string]

const SECTIONS: Record<'membership' | 'personal' | 'history', LocalisedText> = {
  membership: { 'zh-CN': '会员资格', 'en': 'Membership' },
  personal: { 'zh-CN': '个人信息', 'en': 'Personal information' },
  history: { 'zh-CN': '处理记录', 'en': 'What was done' },
}

const ITEMS: Record<string, LocalisedText> = {
  memberNo: { 'zh-CN': '会员编号', 'en': 'Member number' },
  category: { 'zh-CN': '会员类别', 'en': 'Member category' },
  status: { 'zh-CN': '会员状态', 'en': 'Standing' },
  card: { 'zh-CN': '会员卡', 'en': 'Card' },
  validity: { 'zh-CN': '有效期', 'en': 'Valid' },
  joined: { 'zh-CN': '入会时间', 'en': 'Joined' },
  site: { 'zh-CN': '办理网点', 'en': 'Site' },
  marketing: { 'zh-CN': '接收营销信息', 'en': 'Marketing messages' },
  materials: { 'zh-CN': '申请材料', 'en': 'Documents' },
  create: { 'zh-CN': '入会', 'en': 'Joined' },
}

/** Leaves that describe the record, not the person. */
const BOOKKEEPING = /^(?:id|agentId|deviceId|siteId|formVersion|receiptNo|category|level|applicantType|geo\..*|attachments\..*|consent\.\w*AttachmentId|organisation\.usccCheckConfirmed)$/

const YES_NO: Record<'true' | 'false', LocalisedText> = {
  true: { 'zh-CN': '是', 'en': 'Yes' },
  false: { 'zh-CN': '否', 'en': 'No' },
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

export function personalCopyRows(
  input: { member: PersonalCopyMember, application: Record<string, unknown>, changes: readonly PersonalCopyChange[], categories: readonly NamedCategory[] },
  locale: Locale,
): PersonalCopyRow[] {
  const { member, application } = input
  const membership = SECTIONS.membership[locale]
  const personal = SECTIONS.personal[locale]
  const history = SECTIONS.history[locale]
  const rows: PersonalCopyRow[] = [
    [membership, ITEMS.memberNo![locale], member.memberNo],
    [membership, ITEMS.category![locale], categoryLabel(input.categories, member.category, member.level, locale)],
    [membership, ITEMS.status![locale], MEMBER_STATUS_LABELS[member.status][locale]],
    [membership, ITEMS.card![locale], member.cardNo ? `${CARD_STATUS_LABELS[member.cardStatus][locale]} ${member.cardNo}` : CARD_STATUS_LABELS[member.cardStatus][locale]],
    [membership, ITEMS.validity![locale], `${member.validFrom} ~ ${member.validUntil}`],
    [membership, ITEMS.joined![locale], chinaDateTime(member.createdAt, 'minute')],
    [membership, ITEMS.site![locale], member.siteLabel],
    // The consent as it stands now (withdrawn since, perhaps), not as first signed.
    [membership, ITEMS.marketing![locale], YES_NO[String(member.marketing) as 'true' | 'false'][locale]],
  ]
  for (const leaf of flattenLeaves(application)) {
    if (BOOKKEEPING.test(leaf.path) || leaf.path === 'consent.marketing' || isEmpty(leaf.value))
      continue
    const value = leaf.path.endsWith('At') && typeof leaf.value === 'string' && !Number.isNaN(Date.parse(leaf.value))
      ? chinaDateTime(leaf.value, 'minute')
      : displayValue(leaf.path, leaf.value, locale)
    rows.push([personal, pathLabel(leaf.path, locale), value])
  }
  const kinds = Array.isArray(application.attachments)
    ? application.attachments.map(a => (a as { kind?: keyof typeof ATTACHMENT_KIND_LABELS }).kind).filter(kind => kind !== undefined).map(kind => ATTACHMENT_KIND_LABELS[kind]?.[locale] ?? kind)
    : []
  if (kinds.length)
    rows.push([personal, ITEMS.materials![locale], listed(kinds, locale)])
  for (const change of input.changes) {
    const label = ITEMS[change.action]?.[locale] ?? (MEMBER_OPERATION_LABELS as Record<string, LocalisedText>)[change.action]?.[locale] ?? change.action
    rows.push([history, chinaDateTime(change.at, 'minute'), label])
  }
  return rows
}
