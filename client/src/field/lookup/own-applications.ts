import type { ApplicantType } from '#shared/application/enums'
import type { ValidationIssue } from '#shared/errors/issue'
import type { ApplicationStatus } from '#shared/status/status-table'
import { searchHeaders } from '../../app/network/search-header'

/**
 * The agent's look-up of their own applications on the server (GET /api/sync/applications):
 * what became of one the tablet no longer holds. Online only; the answer is masked.
 */

/** One application as the look-up answers it (checked against the route in test/types/). */
export interface OwnApplicationSummary {
  id: string
  receiptNo: string
  applicantType: ApplicantType
  displayName: string
  status: ApplicationStatus
  rejectReason: string | null
  memberNo: string | null
  submittedAt: string
  updatedAt: string
  purged: boolean
}

export interface OwnApplicationList {
  items: OwnApplicationSummary[]
  total: number
  page: number
  pageSize: number
}

export type LookupAnswer
  = | { ok: true, list: OwnApplicationList }
    | { ok: false, reason: 'offline' | 'signed_out' | 'failed', code?: string, issue?: ValidationIssue }

export const LOOKUP_PAGE_SIZE = 20

/** Asks the server; never throws: no network, a refused token and any other refusal are answers. */
export async function lookUpOwnApplications(fetcher: typeof fetch, token: string | null, q: string, page = 1): Promise<LookupAnswer> {
  if (token === null)
    return { ok: false, reason: 'signed_out' }
  const params = new URLSearchParams({ page: String(page), pageSize: String(LOOKUP_PAGE_SIZE) })
  let response: Response
  try {
    // The mobile searched for goes in a header, not the URL (searchHeaders).
    response = await fetcher(`/api/sync/applications?${params}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...searchHeaders(q) }, signal: AbortSignal.timeout(15_000) })
  }
  catch {
    return { ok: false, reason: 'offline' }
  }
  if (response.status === 401)
    return { ok: false, reason: 'signed_out' }
  if (!response.ok) {
    const body = await response.json().catch(() => null) as { error?: { code?: string, issues?: ValidationIssue[] } } | null
    // The field at fault, when the server names one (a search too long), says more than the code.
    const issue = body?.error?.issues?.[0]
    return { ok: false, reason: 'failed', ...(body?.error?.code ? { code: body.error.code } : {}), ...(issue ? { issue } : {}) }
  }
  return { ok: true, list: await response.json() as OwnApplicationList }
}
