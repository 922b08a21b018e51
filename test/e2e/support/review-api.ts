import type { ApiClient, E2eStaff } from './api-client'
import { expect } from 'vitest'
import { signIn } from './api-client'

/**
 * A reviewer at the desk, through the review API rather than the desk's screens: what a
 * field test needs from the other side of the sync — find the application the tablet
 * sent by the receipt number the applicant holds, read it in full, decide on it. Each
 * decision carries the version it was made on (`If-Match`), as the desk sends it.
 */

export interface ReviewListItem { id: string, receiptNo: string, version: number, status: string }

export interface ReviewDesk {
  /** The reviewer's signed-in session, for whatever else a test asks of the API (e.g. a photo). */
  client: () => Promise<ApiClient>
  /** The queue's entry for this receipt number (any status), or undefined when the server has none. */
  find: (receiptNo: string) => Promise<ReviewListItem | undefined>
  /** The queue's entry for this receipt number; the test fails when the server has none. */
  item: (receiptNo: string) => Promise<ReviewListItem>
  /** The application in full (personal data revealed, as the desk's detail page shows it). */
  detail: <T = any>(receiptNo: string) => Promise<T>
  /** A decision (`start_review`, `return`, `approve`, …) on the application's current version. */
  act: (receiptNo: string, action: string, body?: unknown) => Promise<{ version: number, status: string }>
}

export function reviewDesk(baseUrl: string, reviewer: E2eStaff): ReviewDesk {
  let session: Promise<ApiClient> | undefined
  const api = (): Promise<ApiClient> => session ??= signIn(baseUrl, reviewer.username, reviewer.password)

  async function find(receiptNo: string): Promise<ReviewListItem | undefined> {
    const list = await (await api()).json<{ items: ReviewListItem[] }>('/api/review/applications?pageSize=100')
    return list.items.find(i => i.receiptNo === receiptNo)
  }

  async function item(receiptNo: string): Promise<ReviewListItem> {
    const found = await find(receiptNo)
    expect(found, `the review queue has ${receiptNo}`).toBeDefined()
    return found!
  }

  return {
    client: api,
    find,
    item,
    async detail(receiptNo) {
      return (await api()).json(`/api/review/applications/${(await item(receiptNo)).id}?reveal=true`)
    },
    async act(receiptNo, action, body) {
      const { id, version } = await item(receiptNo)
      return (await api()).json(`/api/review/applications/${id}/actions/${action}`, { method: 'POST', headers: { 'If-Match': `"${version}"` }, json: body ?? {} })
    },
  }
}
