import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { parseReceiptNumber } from '#shared/receipt/receipt-number'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { demoPng } from '../../server/cli/demo/demo-images'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, fill, goToStep, noToastShown, signInOnField, startEnrolment, toastSaying, unlock, waitForFirstSync } from './support/field-app'

/**
 * The tablet's own storage refusing a write (a full disk, in the field): the agent is told
 * in words, nothing half-written stays behind, and the work goes on once the storage
 * recovers. The failures are made in the real Chromium by making IndexedDB's own write
 * methods throw QuotaExceededError for the named stores, as a full disk does.
 */

const chromiumPath = inject('chromiumPath')
const STORAGE_FULL = '设备存储空间已满，未能保存'

/** From now on, writes to these object stores fail as on a full disk; `[]` lifts it. */
async function refuseWrites(page: Page, stores: string[]): Promise<void> {
  await page.evaluate((names) => {
    const g = globalThis as any
    if (!g.__refusedStores) {
      for (const [proto, methods] of [[g.IDBObjectStore.prototype, ['put', 'add', 'delete', 'clear']], [g.IDBCursor.prototype, ['update', 'delete']]]) {
        for (const method of methods) {
          const original = proto[method]
          proto[method] = function (this: { name?: string, source?: { name?: string } }, ...args: unknown[]) {
            if (g.__refusedStores.includes(this.name ?? this.source?.name))
              throw new g.DOMException('The quota has been exceeded.', 'QuotaExceededError')
            return original.apply(this, args)
          }
        }
      }
    }
    g.__refusedStores = names
  }, stores)
}

interface DeviceApplication { id: string, receiptNo: string, data: { attachments: Array<{ id: string, kind: string }>, person?: { name?: string } } }

async function deviceApplications(page: Page, staffId: string): Promise<DeviceApplication[]> {
  return await deviceRecords(page, staffId, 'applications') as unknown as DeviceApplication[]
}

interface StoredDraft { attachments: Array<{ id: string, kind: string }>, name: string, blobs: string[] }

async function storedDraft(page: Page, staffId: string, applicationId: string): Promise<StoredDraft | null> {
  const app = (await deviceApplications(page, staffId)).find(a => a.id === applicationId)
  const blobs = (await deviceRecords(page, staffId, 'attachments')).map(file => String(file.id))
  return app ? { attachments: app.data.attachments, name: app.data.person?.name ?? '', blobs } : null
}

/** The receipt sequences of the drafts on the device, in order. */
async function receiptSequences(page: Page, staffId: string): Promise<number[]> {
  return (await deviceApplications(page, staffId)).map((app) => {
    const parsed = parseReceiptNumber(app.receiptNo)
    if (!parsed.ok)
      throw new Error(`not a receipt number: ${app.receiptNo}`)
    return parsed.value.sequence
  }).sort((a, b) => a - b)
}

function draftId(page: Page): string {
  return /\/field\/enrol\/([0-9a-f-]{36})/.exec(page.url())![1]!
}

describe.skipIf(!chromiumPath)('the tablet when its storage refuses a write', () => {
  const suite = useE2eSuite()
  let agent: E2eStaff
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    const site = await suite.server.admin.createSite()
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('a photo that could not be stored is said, not named by the draft, and can be taken again', async () => {
    await startEnrolment(page, '个人')
    const id = draftId(page)
    await goToStep(page, '申请材料')
    await refuseWrites(page, ['attachments'])
    await page.setInputFiles('input[name=file-id_front]', { name: 'front.png', mimeType: 'image/png', buffer: demoPng(71, 1600, 1000) })
    await toastSaying(page, STORAGE_FULL)
    await expect.poll(() => page.locator('[data-test=material-id_front] [data-test=take-id_front]').count()).toBe(1)
    expect(await page.locator('[data-test=material-id_front] img').count()).toBe(0)
    // Nothing names a photo the device does not have, even after the next save.
    await goToStep(page, '申请人')
    await fill(page, 'person.name', '林晓')
    await expect.poll(async () => (await storedDraft(page, agent.id, id))?.name).toBe('林晓')
    expect((await storedDraft(page, agent.id, id))!.attachments).toEqual([])

    await refuseWrites(page, [])
    await goToStep(page, '申请材料')
    await page.setInputFiles('input[name=file-id_front]', { name: 'front.png', mimeType: 'image/png', buffer: demoPng(71, 1600, 1000) })
    await page.locator('[data-test=material-id_front] img').waitFor()
    const stored = (await storedDraft(page, agent.id, id))!
    expect(stored.attachments.map(a => a.kind)).toEqual(['id_front'])
    expect(stored.blobs).toContain(stored.attachments[0]!.id)

    // Removed: gone from the draft and from the device.
    await page.click('[data-test=remove-id_front]')
    await expect.poll(async () => (await storedDraft(page, agent.id, id))!.attachments).toEqual([])
    await expect.poll(async () => (await storedDraft(page, agent.id, id))!.blobs).toEqual([])
  })

  it('a draft whose deletion failed stays, says so, and goes on saving what is typed', async () => {
    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '个人')
    const id = draftId(page)
    await goToStep(page, '申请人')
    await fill(page, 'person.name', '周云')
    await expect.poll(async () => (await storedDraft(page, agent.id, id))?.name).toBe('周云')

    await noToastShown(page)
    await refuseWrites(page, ['applications'])
    await page.click('[data-test=delete-draft]')
    await page.locator('.van-dialog__confirm').click()
    await toastSaying(page, STORAGE_FULL)
    expect(page.url()).toContain(id)
    await refuseWrites(page, [])

    await fill(page, 'person.name', '周云飞')
    await expect.poll(async () => (await storedDraft(page, agent.id, id))?.name).toBe('周云飞')
    await page.reload()
    await unlock(page, agent.password)
    await expect.poll(() => page.inputValue('input[name="person.name"]')).toBe('周云飞')
  })

  it('a new enrolment that could not be created says so instead of waiting forever, and spends no receipt number', async () => {
    await page.click('.van-nav-bar__left')
    const before = await receiptSequences(page, agent.id)
    await refuseWrites(page, ['applications'])
    await page.click('[data-test=new-application]')
    await page.locator('.van-action-sheet').getByText('个人', { exact: true }).click()
    await expect.poll(() => page.locator('[data-test=enrol-refused]').textContent()).toContain(STORAGE_FULL)
    expect(await page.locator('.van-loading').count()).toBe(0)

    await refuseWrites(page, [])
    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '个人')
    // The failed attempt's sequence was rolled back with it: the next draft takes it.
    expect(await receiptSequences(page, agent.id)).toEqual([...before, Math.max(...before) + 1])
  })

  it('a change the storage refused is not lost unasked: leaving tries it again and asks, a reload keeps it for the wizard', async () => {
    const pageDialogs: string[] = []
    page.on('dialog', (dialog) => {
      pageDialogs.push(dialog.type())
      void dialog.accept()
    })
    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '个人')
    const id = draftId(page)
    await goToStep(page, '申请人')
    await fill(page, 'person.name', '吴桐')
    await expect.poll(async () => (await storedDraft(page, agent.id, id))?.name).toBe('吴桐')
    const saveState = page.locator('[data-test=save-state]')

    // Refused, and still refused when leaving is tried: asked, with the reason; staying keeps it on screen.
    await refuseWrites(page, ['applications'])
    await fill(page, 'person.name', '吴桐雨')
    await expect.poll(() => saveState.textContent()).toContain(STORAGE_FULL)
    await page.click('.van-nav-bar__left')
    const question = page.locator('.van-dialog:visible')
    await expect.poll(() => question.textContent()).toContain('离开此页，刚才的修改将丢失')
    expect(await question.textContent()).toContain(STORAGE_FULL)
    await question.locator('.van-dialog__cancel').click()
    await question.waitFor({ state: 'hidden' })
    expect(page.url()).toContain(id)
    expect(await page.inputValue('input[name="person.name"]')).toBe('吴桐雨')

    // A reload meanwhile: the change comes back with the wizard and is saved once the storage takes it.
    await page.reload()
    await unlock(page, agent.password)
    await expect.poll(() => page.inputValue('input[name="person.name"]')).toBe('吴桐雨')
    await expect.poll(async () => (await storedDraft(page, agent.id, id))?.name).toBe('吴桐雨')

    // Room again by the time the agent leaves: the change is saved on the way out, nothing asked.
    await refuseWrites(page, ['applications'])
    await fill(page, 'person.name', '吴桐林')
    await expect.poll(() => saveState.textContent()).toContain(STORAGE_FULL)
    await refuseWrites(page, [])
    await page.click('.van-nav-bar__left')
    await page.waitForURL(/\/field$/)
    expect(await storedDraft(page, agent.id, id)).toMatchObject({ name: '吴桐林' })

    // Left after being asked: given up, so no later reload of the app is asked about (nor an update held back).
    await startEnrolment(page, '个人')
    const other = draftId(page)
    await goToStep(page, '申请人')
    await fill(page, 'person.name', '郑岚')
    await expect.poll(async () => (await storedDraft(page, agent.id, other))?.name).toBe('郑岚')
    await refuseWrites(page, ['applications'])
    await fill(page, 'person.name', '郑岚岚')
    await expect.poll(() => saveState.textContent()).toContain(STORAGE_FULL)
    await page.click('.van-nav-bar__left')
    await page.locator('.van-dialog:visible .van-dialog__confirm').click()
    await page.waitForURL(/\/field$/)
    await refuseWrites(page, [])
    expect(await storedDraft(page, agent.id, other)).toMatchObject({ name: '郑岚' })
    pageDialogs.length = 0
    await page.reload()
    await unlock(page, agent.password)
    expect(pageDialogs).toEqual([])
  })
})
