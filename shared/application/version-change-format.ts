import type { FieldChange } from '#shared/application/version-diff'
import type { Locale, LocalisedText } from '#shared/i18n/locale'
import { displayValue, pathLabel } from '#shared/application/application-format'
import { describeAttachment, isAttachmentPath, materialKindAt } from '#shared/application/attachment-changes'
import { ATTACHMENT_KIND_LABELS } from '#shared/application/enums'
import { fieldLabel } from '#shared/errors/format-issue'
import { labelled } from '#shared/i18n/punctuation'

/**
 * One row of a version comparison in people's words: the field (or the material) and its
 * value before and after. A file is one row — `申请材料 · 其他材料`, 新增 / 删除 / 已更换, what
 * it is and its size — never its id or hash. Pure.
 */

export interface ChangeRow {
  label: string
  before: string
  after: string
}

const FILE_CHANGE: Record<FieldChange['kind'], LocalisedText> = {
  added: { 'zh-CN': '新增', 'en': 'Added' },
  removed: { 'zh-CN': '删除', 'en': 'Removed' },
  changed: { 'zh-CN': '已更换', 'en': 'Replaced' },
}

function isSummary(value: unknown): value is Parameters<typeof describeAttachment>[0] {
  return value !== null && typeof value === 'object' && typeof (value as { size?: unknown }).size === 'number'
}

function fileLabel(path: string, locale: Locale): string {
  const kind = materialKindAt(path)
  return kind ? `${fieldLabel('attachments', locale) ?? 'attachments'} · ${ATTACHMENT_KIND_LABELS[kind][locale]}` : pathLabel(path, locale)
}

function fileRow(change: FieldChange, locale: Locale): ChangeRow {
  const before = isSummary(change.before) ? describeAttachment(change.before, locale) : '—'
  const word = FILE_CHANGE[change.kind][locale]
  const after = change.kind === 'removed' || !isSummary(change.after) ? word : labelled(word, describeAttachment(change.after, locale), locale)
  return { label: fileLabel(change.path, locale), before: change.kind === 'added' ? '—' : before, after }
}

export function changeRow(change: FieldChange, locale: Locale): ChangeRow {
  if (isAttachmentPath(change.path))
    return fileRow(change, locale)
  return {
    label: pathLabel(change.path, locale),
    before: change.kind === 'added' ? '—' : displayValue(change.path, change.before, locale),
    after: change.kind === 'removed' ? '—' : displayValue(change.path, change.after, locale),
  }
}
