import type { ApplicationInput, ORGANISATION_TYPES } from '#shared/application/application.schema'
import type { Locale } from '#shared/i18n/locale'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { APPLICANT_TYPE_LABELS, ATTACHMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from '#shared/application/enums'
import { formatPrice } from '#shared/application/payment-amount'
import { DEPENDANT_RELATION_LABELS, GENDER_LABELS, GUARDIAN_RELATION_LABELS, ID_TYPE_LABELS, ORGANISATION_TYPE_LABELS } from '#shared/application/vocabulary-labels'
import { normaliseMobile } from '#shared/contact/mobile'
import { regionName } from '#shared/contact/region-name'
import { fieldLabel, fieldName } from '#shared/errors/format-issue'
import { listed } from '#shared/i18n/punctuation'
import { findCategory } from '#shared/programme/programme.schema'
import { normaliseDocumentNumber, normaliseText } from '#shared/text/normalise'

/**
 * The application as the applicant checks it (经会员确认) and as the agent reviews it later:
 * labelled rows in the terms of DESIGN.md §3, choices shown by their labels, regions by
 * name, declined items as 拒绝提供 — never as empty — and typed text as it will be stored
 * (the rules' own normalisers: `138 2222 3333` reads 13822223333, a USCC in capitals), so the
 * applicant confirms what the record will say, not how it was typed.
 */

export interface SummaryRow { label: string, value: string, path: string }
export interface SummaryGroup { title: string, rows: SummaryRow[] }

const DECLINED: Record<Locale, string> = { 'zh-CN': '拒绝提供', 'en': 'Declined' }
/** How many files of a kind: a bare 1 beside 身份证正面 read as a field's value. */
const FILE_COUNT: Record<Locale, (count: number) => string> = {
  'zh-CN': count => `${count} 份`,
  'en': count => `${count} ${count === 1 ? 'file' : 'files'}`,
}
const LABELS: Record<string, Record<string, Record<Locale, string>>> = {
  gender: GENDER_LABELS,
  idType: ID_TYPE_LABELS,
  orgType: ORGANISATION_TYPE_LABELS as Record<(typeof ORGANISATION_TYPES)[number], Record<Locale, string>>,
  method: PAYMENT_METHOD_LABELS,
}

const CANONICAL: Record<string, (input: string) => string> = {
  mobile: normaliseMobile,
  idNumber: normaliseDocumentNumber,
  uscc: normaliseDocumentNumber,
}

function label(path: string, locale: Locale): string {
  return fieldLabel(path, locale) ?? path
}

function show(path: string, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '')
    return ''
  if (Array.isArray(value))
    return listed(value, locale)
  const key = path.split('.').at(-1)!
  if (typeof value === 'string' && !LABELS[key] && key !== 'relation')
    return (CANONICAL[key] ?? normaliseText)(value)
  const vocabulary = key === 'relation'
    ? (path.startsWith('guardian') ? GUARDIAN_RELATION_LABELS : DEPENDANT_RELATION_LABELS) as Record<string, Record<Locale, string>>
    : LABELS[key]
  return vocabulary?.[String(value)]?.[locale] ?? String(value)
}

function rows(base: string, source: Record<string, unknown> | undefined, fields: string[], locale: Locale, declined: readonly string[] = []): SummaryRow[] {
  return fields.map((field) => {
    const path = `${base}.${field}`
    if (declined.includes(field))
      return { label: label(path, locale), value: DECLINED[locale], path }
    const value = field.endsWith('ddress') || field === 'address'
      ? [regionName((source?.[field] as { regionCode?: string } | undefined)?.regionCode), (source?.[field] as { detail?: string } | undefined)?.detail].filter(Boolean).join(' ')
      : show(path, source?.[field], locale)
    return { label: label(path, locale), value, path }
  }).filter(row => row.value !== '')
}

export function summarise(app: ApplicationInput, programme: ProgrammeSettings | null, locale: Locale): SummaryGroup[] {
  const groups: SummaryGroup[] = []
  const category = programme ? findCategory(programme, app.category) : undefined
  const level = category?.levels.find(l => l.code === app.level)
  groups.push({
    title: label('category', locale),
    rows: [
      { label: label('receiptNo', locale), value: app.receiptNo, path: 'receiptNo' },
      { label: label('applicantType', locale), value: APPLICANT_TYPE_LABELS[app.applicantType][locale], path: 'applicantType' },
      { label: label('category', locale), value: category?.name[locale] ?? app.category, path: 'category' },
      ...(level ? [{ label: label('level', locale), value: level.name[locale], path: 'level' }] : []),
    ],
  })
  if ('person' in app && app.person) {
    const person = app.person as unknown as Record<string, unknown>
    groups.push({ title: label('person', locale), rows: rows('person', person, ['name', 'gender', 'birthDate', 'idType', 'idNumber', 'mobile', 'address', 'email', 'occupation', 'employer', 'interests', 'referrer', 'note'], locale, (app.person.declined ?? []) as string[]) })
  }
  if ('guardian' in app && app.guardian)
    groups.push({ title: label('guardian', locale), rows: rows('guardian', app.guardian as unknown as Record<string, unknown>, ['name', 'relation', 'idType', 'idNumber', 'mobile'], locale) })
  if ('dependants' in app) {
    app.dependants.forEach((dependant, i) => {
      // One dependant, named as the step and the issue list name them (Dependant 2, 家庭成员 2).
      groups.push({ title: fieldName(`dependants.${i}`, locale) ?? `${i + 1}`, rows: rows(`dependants.${i}`, dependant as unknown as Record<string, unknown>, ['name', 'relation', 'gender', 'birthDate', 'idType', 'idNumber', 'mobile'], locale) })
    })
  }
  if ('organisation' in app && app.organisation) {
    const organisation = app.organisation as unknown as Record<string, unknown>
    groups.push({
      title: label('organisation', locale),
      rows: [
        ...rows('organisation', organisation, ['name', 'uscc', 'orgType', 'industry', 'legalRepresentative', 'registeredAddress', 'staffCount'], locale),
        ...rows('organisation.contact', organisation.contact as Record<string, unknown>, ['name', 'mobile', 'position'], locale),
      ],
    })
  }
  const counts = new Map<string, number>()
  for (const attachment of app.attachments.filter(a => a.kind !== 'signature')) counts.set(attachment.kind, (counts.get(attachment.kind) ?? 0) + 1)
  groups.push({
    title: label('attachments', locale),
    rows: [...counts].map(([kind, count]) => ({ label: ATTACHMENT_KIND_LABELS[kind as keyof typeof ATTACHMENT_KIND_LABELS][locale], value: FILE_COUNT[locale](count), path: 'attachments' })),
  })
  if (app.payment) {
    groups.push({
      title: label('payment', locale),
      rows: [
        { label: label('method', locale), value: show('payment.method', app.payment.method, locale), path: 'payment.method' },
        { label: label('amountFen', locale), value: formatPrice(app.payment.amountFen), path: 'payment.amountFen' },
        ...(app.payment.receiptNo ? [{ label: label('payment.receiptNo', locale), value: app.payment.receiptNo, path: 'payment.receiptNo' }] : []),
      ],
    })
  }
  // A heading over nothing (申请材料 before any photo) reads as if something failed to show.
  return groups.filter(group => group.rows.length > 0)
}
