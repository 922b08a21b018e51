import type { LocalisedText } from '../i18n/locale'
import type { IdType } from '../identity/id-document'
import type { ORGANISATION_TYPES } from './application.schema'
import type { DEPENDANT_RELATIONS, GENDERS, GUARDIAN_RELATIONS } from './enums'
import { APPLICANT_TYPE_LABELS, ATTACHMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from './enums'

/** Labels of the closed vocabularies a form offers as choices, in the terms of DESIGN.md §3. */

export const GENDER_LABELS: Record<(typeof GENDERS)[number], LocalisedText> = {
  male: { 'zh-CN': '男', 'en': 'Male' },
  female: { 'zh-CN': '女', 'en': 'Female' },
}

export const ID_TYPE_LABELS: Record<IdType, LocalisedText> = {
  resident_id: { 'zh-CN': '居民身份证', 'en': 'Resident identity card' },
  passport: { 'zh-CN': '护照', 'en': 'Passport' },
  hk_mo_permit: { 'zh-CN': '港澳居民来往内地通行证', 'en': 'Hong Kong/Macao travel permit' },
  tw_permit: { 'zh-CN': '台湾居民来往大陆通行证', 'en': 'Taiwan travel permit' },
  foreign_permanent_id: { 'zh-CN': '外国人永久居留身份证', 'en': 'Foreign permanent resident ID' },
}

export const GUARDIAN_RELATION_LABELS: Record<(typeof GUARDIAN_RELATIONS)[number], LocalisedText> = {
  father: { 'zh-CN': '父亲', 'en': 'Father' },
  mother: { 'zh-CN': '母亲', 'en': 'Mother' },
  grandparent: { 'zh-CN': '祖父母/外祖父母', 'en': 'Grandparent' },
  sibling: { 'zh-CN': '兄弟姐妹', 'en': 'Sibling' },
  other_relative: { 'zh-CN': '其他亲属', 'en': 'Other relative' },
  legal_guardian: { 'zh-CN': '法定监护人', 'en': 'Legal guardian' },
}

export const DEPENDANT_RELATION_LABELS: Record<(typeof DEPENDANT_RELATIONS)[number], LocalisedText> = {
  spouse: { 'zh-CN': '配偶', 'en': 'Spouse' },
  child: { 'zh-CN': '子女', 'en': 'Child' },
  parent: { 'zh-CN': '父母', 'en': 'Parent' },
  grandparent: { 'zh-CN': '祖父母/外祖父母', 'en': 'Grandparent' },
  grandchild: { 'zh-CN': '孙子女/外孙子女', 'en': 'Grandchild' },
  sibling: { 'zh-CN': '兄弟姐妹', 'en': 'Sibling' },
  other: { 'zh-CN': '其他', 'en': 'Other' },
}

export const ORGANISATION_TYPE_LABELS: Record<(typeof ORGANISATION_TYPES)[number], LocalisedText> = {
  enterprise: { 'zh-CN': '企业', 'en': 'Enterprise' },
  individual_business: { 'zh-CN': '个体工商户', 'en': 'Individual business' },
  public_institution: { 'zh-CN': '事业单位', 'en': 'Public institution' },
  social_organisation: { 'zh-CN': '社会团体', 'en': 'Social organisation' },
  government: { 'zh-CN': '机关', 'en': 'Government body' },
  private_non_enterprise: { 'zh-CN': '民办非企业单位', 'en': 'Private non-enterprise unit' },
  other: { 'zh-CN': '其他', 'en': 'Other' },
}

/** The vocabularies of an application's fields, by the field's name. */
const VOCABULARY_OF_FIELD: Record<string, Readonly<Record<string, LocalisedText>>> = {
  applicantType: APPLICANT_TYPE_LABELS,
  gender: GENDER_LABELS,
  idType: ID_TYPE_LABELS,
  orgType: ORGANISATION_TYPE_LABELS,
  method: PAYMENT_METHOD_LABELS,
  kind: ATTACHMENT_KIND_LABELS,
}

/**
 * The closed vocabulary a field of the application takes its value from, by its path (the
 * last word of it; a relation is the guardian's or a dependant's): for showing a value, or
 * the choices of a refused one, by their labels. Undefined for a free field.
 */
export function vocabularyAt(path: string): Readonly<Record<string, LocalisedText>> | undefined {
  const words = path.split('.').filter(word => !/^\d+$/.test(word))
  const field = words.at(-1)
  if (field === 'relation')
    return words[0] === 'guardian' ? GUARDIAN_RELATION_LABELS : DEPENDANT_RELATION_LABELS
  return field !== undefined && Object.hasOwn(VOCABULARY_OF_FIELD, field) ? VOCABULARY_OF_FIELD[field] : undefined
}
