import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { ReviewDesk } from './support/review-api'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, enrolIndividual, signInOnField, waitForFirstSync } from './support/field-app'
import { reviewDesk } from './support/review-api'

/**
 * Two agents on one tablet, the first signing out while her sync is still on its way (a
 * slow link: the answer to her push, or her pull, is held in the browser's network) and the
 * second signing in, in the same page. Signing out cancels her run: its request is aborted
 * at once, it sends nothing more with her token, and the second agent's first sync does not
 * wait for it (one run at a time). Nothing is lost: a push the server applied but whose
 * answer never arrived stays in her outbox, and signed back in, her application is pushed
 * again and found once on the server. A device revoked meanwhile is wiped at her own next
 * contact, never by the cancelled run in the second agent's session.
 */

const chromiumPath = inject('chromiumPath')

/** A push (held once the server has answered it), or a pull (held before it reaches the server). */
type HeldKind = 'push' | 'pull'

interface HeldRequest {
  /** Resolves once the request has reached the browser's network and is held there. */
  arrived: Promise<void>
  release: () => void
}

describe.skipIf(!chromiumPath)('signing out while a sync is on its way, and another agent signing in', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let first: E2eStaff
  let second: E2eStaff
  let reviewer: E2eStaff
  let desk: ReviewDesk
  let siteId: string
  let seed = 300

  /** The request to hold next, by what it is, if any; each kind has the context's one route. */
  const nextHold: Record<HeldKind, { arrive: () => void, released: Promise<void> } | null> = { push: null, pull: null }

  /** Holds the next request of that kind (only that one) in the browser's network until `release()`. */
  function holdNext(kind: HeldKind): HeldRequest {
    let arrive!: () => void
    let release!: () => void
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve
    })
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    nextHold[kind] = { arrive, released }
    return { arrived, release }
  }

  async function signOutAnyway(): Promise<void> {
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sign-out]')
    await page.locator('.van-dialog:visible .van-dialog__confirm').click()
    await page.waitForURL(/\/field\/sign-in/)
  }

  /** Signs in on the sign-in page as it is: the page is not loaded again, so a run still on its way goes on. */
  async function signInInApp(staff: E2eStaff): Promise<void> {
    await page.fill('input[name=username]', staff.username)
    await page.fill('input[name=password]', staff.password)
    await page.click('[data-test=sign-in]')
    await page.waitForURL(/\/field$/)
  }

  /** The request of that kind the page gives up next (aborted: the run was cancelled). */
  function givenUp(kind: HeldKind): Promise<unknown> {
    return page.waitForEvent('requestfailed', { predicate: request => request.url().includes(`/api/sync/${kind}`), timeout: 15_000 })
  }

  /**
   * Records every error the sync chip shows from now on, and a run said to be over before the
   * second agent's first one succeeded (whose end sets the last sync at the same time).
   */
  async function watchChip(): Promise<void> {
    await page.evaluate(() => {
      const g = globalThis as any
      g.__chipSaid = [] as string[]
      new g.MutationObserver(() => {
        const chip = g.document.querySelector('[data-test=sync-chip]')
        if (chip?.getAttribute('data-error'))
          g.__chipSaid.push(`error: ${chip.getAttribute('data-error')}`)
        if (chip?.getAttribute('data-running') === 'false' && !chip.getAttribute('data-last-sync'))
          g.__chipSaid.push('not running, never synced')
      }).observe(g.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-error', 'data-running'] })
    })
  }

  const chipSaid = () => page.evaluate(() => (globalThis as any).__chipSaid as string[])

  async function enrolOne(name: string): Promise<string> {
    seed += 10
    return enrolIndividual(page, context, { name, idNumber: makeResidentId(`1985-06-1${String(seed % 10)}`, 'female', { region: '110108', sequence: seed }), mobile: `1391234${String(seed).padStart(4, '0')}`, street: `海淀路${seed}号`, photoSeed: seed })
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '海淀网点', regionCode: '110108' })
    siteId = site.id
    first = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [siteId], displayName: '甲外勤' })
    second = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [siteId], displayName: '乙外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [siteId] })
    desk = reviewDesk(suite.server.url, reviewer)
  })

  /** A tablet of its own for each test, where the first agent has signed in and synced. */
  beforeEach(async () => {
    context = await suite.tablet()
    for (const [kind, url] of [['push', '**/api/sync/push'], ['pull', '**/api/sync/pull?*']] as const) {
      await context.route(url, async (route) => {
        const hold = nextHold[kind]
        nextHold[kind] = null
        // The page may have given the request up meanwhile (a cancelled run): nothing to answer then.
        const settle = (answered: Promise<void>) => answered.catch(() => {})
        if (hold && kind === 'push') {
          // The server applies the push; its answer is what the slow link holds.
          const response = await route.fetch()
          hold.arrive()
          await hold.released
          return settle(route.fulfill({ response }))
        }
        if (hold) {
          hold.arrive()
          await hold.released
        }
        await settle(route.continue())
      })
    }
    page = await context.newPage()
    await signInOnField(page, first.username, first.password)
    await waitForFirstSync(page)
  })

  it('signing out cancels her run: the push whose answer was lost stays queued, the second agent\'s sync does not wait, and she finds it pushed once', async () => {
    const push = holdNext('push')
    const receiptNo = await enrolOne('韩雪')
    await push.arrived
    const aborted = givenUp('push')
    await signOutAnyway()
    await aborted

    // The server has it; the device, never told, keeps it to send again.
    expect((await desk.find(receiptNo))?.status).toBe('submitted')
    expect((await deviceRecords(page, first.id, 'outbox')).length).toBe(1)

    await signInInApp(second)
    await watchChip()
    // Her run is over: the second agent's first sync runs without waiting for the held answer.
    await waitForFirstSync(page)
    expect(await chipSaid()).toEqual([])
    expect(await page.getAttribute('[data-test=sync-chip]', 'data-needs-sign-in')).toBe('false')
    push.release()

    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/field\/sign-in/)
    await signInInApp(first)
    await waitForFirstSync(page)
    await expect.poll(async () => (await deviceRecords(page, first.id, 'applications')).find(app => app.receiptNo === receiptNo)?.syncState).toBe('synced')
    expect(await deviceRecords(page, first.id, 'outbox')).toEqual([])
    const onServer = await desk.find(receiptNo)
    expect(onServer?.status).toBe('submitted')
  })

  it('a device revoked after she signed out is wiped at her own next sign-in, not by her cancelled run in the second agent\'s session', async () => {
    const pull = holdNext('pull')
    await enrolOne('韩露')
    await pull.arrived
    // Pushed already: nothing unsynced to ask about.
    const aborted = givenUp('pull')
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/field\/sign-in/)
    await aborted
    // Revoked after she signed out (a tablet reported lost).
    interface Device { id: string, revokedAt: string | null }
    const devices = (await suite.server.admin.json<{ items: Device[] }>(`/api/admin/devices?staffId=${first.id}`)).items
    for (const device of devices.filter(d => d.revokedAt === null))
      await suite.server.admin.json(`/api/admin/devices/${device.id}/revoke`, { method: 'POST' })

    await signInInApp(second)
    await waitForFirstSync(page)
    pull.release()
    // Still the second agent's session, on the home page, with nothing said about a wipe.
    expect(new URL(page.url()).pathname).toBe('/field')
    expect(await page.locator('.van-dialog:visible').count()).toBe(0)
    const databases = () => page.evaluate(async () => (await (globalThis as any).indexedDB.databases()).map((db: { name: string }) => db.name))
    expect(await databases()).toContain(`field-enrol-${first.id}`)

    // Her next contact is told, and erases her data.
    await page.click('[data-test=tab-device]')
    await page.click('[data-test=sign-out]')
    await page.waitForURL(/\/field\/sign-in/)
    await page.fill('input[name=username]', first.username)
    await page.fill('input[name=password]', first.password)
    await page.click('[data-test=sign-in]')
    await page.locator('[data-test=wiped]').waitFor()
    expect(await databases()).not.toContain(`field-enrol-${first.id}`)
    expect(await databases()).toContain(`field-enrol-${second.id}`)
  })
})
