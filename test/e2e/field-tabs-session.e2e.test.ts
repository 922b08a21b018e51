import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { makeResidentId } from '../fixtures/applications'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, enrolIndividual, fill, next, signInOnField, startEnrolment, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * One agent with the field app open in two tabs of one browser (two pages of one context:
 * one origin, shared IndexedDB, a sessionStorage each). A sign-out or a wipe in one tab is
 * told to the other at once, which ends its session too and says why on the sign-in page —
 * rather than going on showing the agent's work, or taking new work into a database deleted
 * under it, until its next contact with the server. A tab told of a sign-out while an entry
 * waits for its save saves it first.
 */

const chromiumPath = inject('chromiumPath')

/** The user names of the field app's databases on this browser. */
async function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await (globalThis as any).indexedDB.databases()).map((db: { name: string }) => db.name))
}

describe.skipIf(!chromiumPath)('the agent\'s other tab is told of a sign-out or a wipe', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let first: Page
  let second: Page
  let siteId: string

  const dialogOn = (page: Page) => page.locator('.van-dialog:visible')

  async function newAgent(): Promise<E2eStaff> {
    return suite.server.admin.createStaff({ role: 'field_agent', siteIds: [siteId], displayName: '周外勤' })
  }

  /** The same agent signed in, in each of the two tabs. */
  async function signInBoth(agent: E2eStaff): Promise<void> {
    for (const page of [first, second]) {
      await signInOnField(page, agent.username, agent.password)
      await waitForFirstSync(page)
    }
  }

  beforeAll(async () => {
    siteId = (await suite.server.admin.createSite({ name: '西城网点', regionCode: '110102' })).id
  })

  beforeEach(async () => {
    context = await suite.tablet()
    first = await context.newPage()
    second = await context.newPage()
  })

  it('signing out in one tab signs the other out at once, saying where it happened', async () => {
    const agent = await newAgent()
    await signInBoth(agent)

    await first.click('[data-test=tab-device]')
    await first.click('[data-test=sign-out]')
    await first.waitForURL(/\/field\/sign-in/)

    await second.waitForURL(/\/field\/sign-in/)
    expect(await second.textContent('[data-test=sign-in-error]')).toContain('已在本设备的另一个标签页中退出登录')
    expect(await second.inputValue('input[name=username]')).toBe(agent.username)
    // The tab no longer names its user: opened again, it asks for a sign-in, not for an unlock.
    await second.goto('/field')
    await second.waitForURL(/\/field\/sign-in/)
    expect(await second.locator('[data-test=lock-screen]:visible').count()).toBe(0)
  })

  it('a tab told of the sign-out while a change waits for its save saves it first, asking nothing', async () => {
    const agent = await newAgent()
    await signInBoth(agent)
    await startEnrolment(second, '个人')
    const applicationId = wizardApplicationId(second)
    await next(second)
    await fill(second, 'person.name', '程')
    await second.waitForSelector('[data-test=save-state]:has-text("已保存")')

    // The notice comes in the very task the name is typed in, so the save still waits its
    // quarter second: the notice another tab's sign-out posts, said here to be sure of that.
    await second.evaluate(({ staffId }) => {
      const g = globalThis as any
      const input = g.document.querySelector('input[name="person.name"]')
      input.value = '程远航'
      input.dispatchEvent(new g.Event('input', { bubbles: true }))
      new g.BroadcastChannel('field-enrol.sessions').postMessage({ kind: 'signed_out', staffId })
    }, { staffId: agent.id })

    await second.waitForURL(/\/field\/sign-in/)
    expect(await second.textContent('[data-test=sign-in-error]')).toContain('另一个标签页中退出登录')
    expect(await dialogOn(second).count()).toBe(0)
    const draft = (await deviceRecords(second, agent.id, 'applications')).find(app => app.id === applicationId)
    expect(draft?.data.person.name).toBe('程远航')
  })

  it('a wipe in one tab ends the other\'s session at once, and its database does not come back empty', async () => {
    const agent = await newAgent()
    await signInBoth(agent)
    await enrolIndividual(first, context, { name: '罗敏', idNumber: makeResidentId('1991-02-03', 'female', { region: '110102', sequence: 41 }), mobile: '13612345541', street: '西单路1号', photoSeed: 41 })
    // The other tab holds an entry of its own, begun before the wipe.
    await startEnrolment(second, '个人')
    await next(second)
    await fill(second, 'person.name', '罗')
    await second.waitForSelector('[data-test=save-state]:has-text("已保存")')

    interface Device { id: string, revokedAt: string | null }
    const devices = (await suite.server.admin.json<{ items: Device[] }>(`/api/admin/devices?staffId=${agent.id}`)).items
    for (const device of devices.filter(d => d.revokedAt === null))
      await suite.server.admin.json(`/api/admin/devices/${device.id}/revoke`, { method: 'POST' })

    await first.click('[data-test=tab-applications]')
    await first.click('[data-test=sync-chip]')
    await first.waitForURL(/\/field\/sign-in/)

    await second.waitForURL(/\/field\/sign-in/)
    expect(await second.textContent('[data-test=sign-in-error]')).toContain('此设备已被停用')
    expect(await second.textContent('[data-test=wiped]')).toContain('本设备上该账号的数据已清除')
    // Leaving the entry asked nothing: it went with the wipe.
    expect(await dialogOn(second).count()).toBe(0)
    expect(await second.evaluate(() => Object.keys((globalThis as any).sessionStorage).filter((key: string) => key.startsWith('field-enrol.unsaved-change.')))).toEqual([])
    expect(await databaseNames(second)).not.toContain(`field-enrol-${agent.id}`)
    // Opened again, the tab asks for a sign-in; the database is still gone.
    await second.goto('/field')
    await second.waitForURL(/\/field\/sign-in/)
    expect(await databaseNames(second)).not.toContain(`field-enrol-${agent.id}`)
  })
})
