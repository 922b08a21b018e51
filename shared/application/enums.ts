import type { LocalisedText } from '../i18n/locale'

/** Closed vocabularies of the application shape (DESIGN.md §3), with their labels. */

export const APPLICANT_TYPES = ['individual', 'family', 'organisation'] as const
export type ApplicantType = (typeof APPLICANT_TYPES)[number]

export const GENDERS = ['male', 'female'] as const

export const ATTACHMENT_KINDS = ['id_front', 'id_back', 'portrait', 'business_licence', 'signature', 'other'] as const
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number]

export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'waived'] as const

export const GUARDIAN_RELATIONS = ['father', 'mother', 'grandparent', 'sibling', 'other_relative', 'legal_guardian'] as const
export const DEPENDANT_RELATIONS = ['spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'other'] as const

/** Optional individual fields an applicant may decline to give (拒绝提供). */
export const DECLINABLE_PERSON_FIELDS = ['email', 'occupation', 'employer', 'interests', 'referrer'] as const
export type DeclinablePersonField = (typeof DECLINABLE_PERSON_FIELDS)[number]

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, LocalisedText> = {
  individual: { 'zh-CN': '个人', 'en': 'Individual' },
  family: { 'zh-CN': '家庭', 'en': 'Family' },
  organisation: { 'zh-CN': '单位/企业', 'en': 'Organisation' },
}

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, LocalisedText> = {
  id_front: { 'zh-CN': '证件正面照片', 'en': 'ID document, front' },
  id_back: { 'zh-CN': '证件背面照片', 'en': 'ID document, back' },
  portrait: { 'zh-CN': '本人照片', 'en': 'Portrait' },
  business_licence: { 'zh-CN': '营业执照', 'en': 'Business licence' },
  signature: { 'zh-CN': '签名', 'en': 'Signature' },
  other: { 'zh-CN': '其他材料', 'en': 'Other material' },
}

export const PAYMENT_METHOD_LABELS: Record<(typeof PAYMENT_METHODS)[number], LocalisedText> = {
  cash: { 'zh-CN': '现金', 'en': 'Cash' },
  wechat: { 'zh-CN': '微信', 'en': 'WeChat Pay' },
  alipay: { 'zh-CN': '支付宝', 'en': 'Alipay' },
  waived: { 'zh-CN': '免费', 'en': 'Waived' },
}
