import type { Locator, Page } from 'playwright-core'
import type { ApiClient } from './api-client'
import { decideThroughApi } from './desk-app'

/** The member page's operation dialog (续期, 冻结, 资料变更…). */
export function operationDialog(page: Page): Locator {
  return page.locator('[data-test=operation-dialog]')
}

/** The desk's member page, loaded. */
export async function openMember(page: Page, id: string): Promise<void> {
  await page.goto(`/desk/members/${id}`)
  await page.locator('[data-test=member-status]').waitFor()
}

/** An operation's dialog, opened from its button on the member page. */
export async function openOperation(page: Page, operation: string): Promise<void> {
  await page.click(`[data-test=operation-${operation}]`)
  await operationDialog(page).waitFor()
}

/** An application approved through the API (review started, then approved): its member's id. */
export async function approvedMember(reviewerApi: ApiClient, applicationId: string): Promise<string> {
  const started = await decideThroughApi(reviewerApi, applicationId, 'start_review', 1)
  await decideThroughApi(reviewerApi, applicationId, 'approve', started.version)
  return (await reviewerApi.json<{ memberId: string }>(`/api/review/applications/${applicationId}`)).memberId
}
