import type { AttachmentKind } from '#shared/application/enums'
import type { Locale } from '#shared/i18n/locale'
import type { LocalApplication } from '../storage/field-db'
import { displayValue, pathLabel } from '#shared/application/application-format'
import { ATTACHMENT_KIND_LABELS } from '#shared/application/enums'
import { diffApplications } from '#shared/application/version-diff'

/** One field the agent's unsent edit changes, against the record as it now stands. */
export interface UnsentChange {
  path: string
  label: string
  /** The record's value (what the server holds). */
  now: string
  /** The value in the agent's edit. */
  edited: string
}

/**
 * Left out: the consent ceremony and the files. Any change voids the confirmation and the
 * signature, which says nothing of what the agent typed, and a file is a hash to a reader
 * (supersededFiles lists the files as what they are).
 */
const NOT_LISTED = ['consent.', 'attachments.']

/**
 * The agent's edit that was never sent (`supersededEdit`: a conflict settled by taking the
 * server's copy, or a change typed during a push that was then applied), as the applicant's
 * fields it changes, in people's words: the agent can read what they typed and redo it or
 * pass it on. The device's own data, shown unmasked like the rest of the page.
 */
export function supersededChanges(app: Pick<LocalApplication, 'data' | 'supersededEdit'>, locale: Locale): UnsentChange[] {
  const edit = app.supersededEdit
  if (!edit)
    return []
  return diffApplications(app.data, edit.data).filter(change => !NOT_LISTED.some(prefix => change.path.startsWith(prefix))).map(change => ({
    path: change.path,
    label: pathLabel(change.path, locale),
    now: displayValue(change.path, change.before, locale),
    edited: displayValue(change.path, change.after, locale),
  }))
}

/** A file the unsent edit names and the record does not: a photo taken during a push that was then applied. */
export interface UnsentFile {
  id: string
  kind: AttachmentKind
  label: string
  mediaType: string
}

/**
 * The files of the unsent edit the record does not have, by their material's name (signatures
 * left out: the applicant signs again whenever the content changes). They stay on the device
 * with the record, so the page can show them.
 */
export function supersededFiles(app: Pick<LocalApplication, 'data' | 'supersededEdit'>, locale: Locale): UnsentFile[] {
  const edit = app.supersededEdit
  if (!edit)
    return []
  const named = new Set(app.data.attachments.map(a => a.id))
  return edit.data.attachments
    .filter(a => a.kind !== 'signature' && !named.has(a.id))
    .map(a => ({ id: a.id, kind: a.kind, label: ATTACHMENT_KIND_LABELS[a.kind][locale], mediaType: a.mediaType }))
}
