import type { LocalApplication } from '../storage/field-db'
import { mobileSearchParts, normaliseMobile } from '#shared/contact/mobile'
import { normalisePersonName } from '#shared/person/name-normalise'
import { normaliseDocumentNumber, normaliseText } from '#shared/text/normalise'

/**
 * The agent's lists (issue: field PWA, item 6). Every record is in exactly one list, so
 * nothing can hide: drafts; waiting to sync; set aside by the server (rejected fields or a
 * conflict) — needs the agent; returned by a reviewer — needs the agent; synced.
 */

export const APPLICATION_LISTS = ['drafts', 'waiting', 'attention', 'returned', 'synced'] as const
export type ApplicationList = (typeof APPLICATION_LISTS)[number]

/** The lists whose applications wait on the agent: their counts are the ones in red. */
export const ACTION_LISTS: readonly ApplicationList[] = ['attention', 'returned']

export function listOf(app: Pick<LocalApplication, 'status' | 'syncState'>): ApplicationList {
  if (app.syncState === 'rejected' || app.syncState === 'conflict')
    return 'attention'
  if (app.syncState === 'queued' || app.syncState === 'syncing')
    return 'waiting'
  if (app.status === 'draft')
    return 'drafts'
  if (app.status === 'returned')
    return 'returned'
  return 'synced'
}

export function groupByList(apps: readonly LocalApplication[]): Record<ApplicationList, LocalApplication[]> {
  const groups = Object.fromEntries(APPLICATION_LISTS.map(list => [list, [] as LocalApplication[]])) as Record<ApplicationList, LocalApplication[]>
  for (const app of apps) groups[listOf(app)].push(app)
  return groups
}

/**
 * The review status to show: the server's. In a conflict the device's own change (a
 * withdrawal, a fix) was not applied, so the status it would have given is not the
 * application's: the server copy's is, until the agent redoes the change or takes it.
 */
export function shownStatus(app: Pick<LocalApplication, 'status' | 'syncState' | 'serverCopy'>): LocalApplication['status'] {
  return app.syncState === 'conflict' && app.serverCopy ? app.serverCopy.status : app.status
}

/** The name a list shows: the applicant's or the organisation's, or null on a fresh draft. */
export function displayName(app: Pick<LocalApplication, 'data'>): string | null {
  const data = app.data as { person?: { name?: string }, organisation?: { name?: string } }
  const name = data.organisation?.name ?? data.person?.name
  return name && name.trim() ? name.trim() : null
}

/**
 * Local search over name, receipt number, mobile and ID number; the query is normalised
 * like the data (full-width, spaces, a name's look-alike dots, `+86`, `00852`, Taiwan's
 * `09…`, `x`), so what the agent types as the applicant says it still finds the record.
 */
export function matchesSearch(app: Pick<LocalApplication, 'data' | 'receiptNo'>, query: string): boolean {
  const text = normaliseText(query).toLowerCase()
  if (!text)
    return true
  const data = app.data as { person?: { name?: string, mobile?: string, idNumber?: string }, organisation?: { name?: string, uscc?: string, contact?: { mobile?: string } } }
  // Names compared as the rules store them: a draft holds the name as typed, and the agent
  // types the query on whatever IME (阿卜杜拉.买买提 finds 阿卜杜拉·买买提; 张 伟 finds 张伟).
  const nameQuery = normalisePersonName(query).toLowerCase()
  const names = [data.person?.name, data.organisation?.name].filter((v): v is string => !!v).map(v => normalisePersonName(v).toLowerCase())
  if (names.some(name => name.includes(nameQuery)))
    return true
  const number = normaliseDocumentNumber(query)
  if (!number)
    return false
  const numbers = [app.receiptNo, data.person?.idNumber, data.organisation?.uscc].filter((v): v is string => !!v).map(normaliseDocumentNumber)
  const mobiles = [data.person?.mobile, data.organisation?.contact?.mobile].filter((v): v is string => !!v).map(normaliseMobile)
  // A partly typed mobile: with or without its code, or Taiwan's trunk 0 (mobileSearchParts).
  const typed = mobileSearchParts(query)
  return numbers.some(v => v.includes(number)) || mobiles.some(v => typed.some(part => v.includes(part)))
}
