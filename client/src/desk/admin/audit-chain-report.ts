import type { AuditChainReport } from '#shared/audit/audit-anchor'
import { anchorOf } from '#shared/audit/audit-anchor'

/**
 * The chain check's answer in words: whether it holds, where it breaks, what became of the
 * end noted last time, and the end to note now (an entry number and the first characters
 * of its hash: entries cut from the end of a chain show only against such a note).
 */
export interface ChainReportView {
  type: 'success' | 'error'
  title: string
  /** The end to note, when the chain holds. */
  note: string | null
}

type Translate = (key: string, params: Record<string, string | number>) => string

export function chainReportView(report: AuditChainReport, anchorSeq: number | null, t: Translate, dateTime: (iso: string) => string): ChainReportView {
  const head = report.head
  const note = report.ok && head
    ? t('deskAdmin.audit.headNote', { seq: head.seq, at: dateTime(head.at), anchor: anchorOf(head) })
    : null
  if (report.brokenAt !== undefined)
    return { type: 'error', title: t('deskAdmin.audit.verifyBroken', { checked: report.checked, brokenAt: report.brokenAt }), note }
  if (report.anchor === 'missing')
    return { type: 'error', title: t('deskAdmin.audit.verifyAnchorMissing', { head: head?.seq ?? 0, seq: anchorSeq ?? '?' }), note }
  if (report.anchor === 'different')
    return { type: 'error', title: t('deskAdmin.audit.verifyAnchorDifferent', { seq: anchorSeq ?? '?' }), note }
  if (report.anchor === 'holds')
    return { type: 'success', title: t('deskAdmin.audit.verifyAnchorHolds', { checked: report.checked, seq: anchorSeq ?? '?' }), note }
  return { type: 'success', title: t('deskAdmin.audit.verifyOk', { checked: report.checked }), note }
}
