import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import type { DeviceRecord } from './support/field-app'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { demoPng } from '../../server/cli/demo/demo-images'
import { makeResidentId } from '../fixtures/applications'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, fill, goToStep, next, signInOnField, startEnrolment, takePhoto, toastSaying, unlock, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * The materials step's own actions on the tablet: 重拍 replaces a photo (one photo of the
 * kind named, the replaced file gone from the device), 其他材料 takes several files, a PDF
 * among them, and 删除 removes one; a required photo removed is asked for again on the
 * summary; all of it as it was after a reload. And a file the tablet cannot read as a
 * photo (damaged, or a format the browser does not decode) is refused in the agent's
 * language, naming nothing in the draft.
 */

const chromiumPath = inject('chromiumPath')

/** A minimal one-page PDF. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

describe.skipIf(!chromiumPath)('the materials step', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff
  let id: string

  async function named(): Promise<Array<{ id: string, kind: string, mediaType: string, sha256: string }>> {
    return (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)!.data.attachments
  }
  async function files(): Promise<DeviceRecord[]> {
    return deviceRecords(page, agent.id, 'attachments')
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '房山网点', regionCode: '110111' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await startEnrolment(page, '个人')
    id = wizardApplicationId(page)
    await next(page)
    await fill(page, 'person.name', '白雪')
    await fill(page, 'person.idNumber', makeResidentId('1993-09-09', 'female', { region: '110111' }))
    await next(page)
    await takePhoto(page, 'id_front', 121)
    await takePhoto(page, 'id_back', 122)
  })

  it('重拍 replaces the photo: one named, the replaced file gone from the device', async () => {
    const before = (await named()).find(a => a.kind === 'id_front')!
    await page.locator('[data-test=material-id_front] button', { hasText: '重拍' }).waitFor()
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('[data-test=material-id_front] button', { hasText: '重拍' }).click(),
    ])
    await chooser.setFiles({ name: 'again.png', mimeType: 'image/png', buffer: demoPng(123, 1600, 1000) })
    await expect.poll(async () => (await named()).filter(a => a.kind === 'id_front').map(a => a.id)).not.toEqual([before.id])
    const fronts = (await named()).filter(a => a.kind === 'id_front')
    expect(fronts).toHaveLength(1)
    expect(fronts[0]!.sha256).not.toBe(before.sha256)
    await expect.poll(async () => (await files()).map(f => f.id)).not.toContain(before.id)
    expect(await page.locator('[data-test=material-id_front] img').count()).toBe(1)
  })

  it('其他材料 takes a photo and a PDF; 删除 removes one, and its file', async () => {
    await takePhoto(page, 'other', 124)
    expect(await page.textContent('[data-test=take-other]')).toContain('添加其他材料')
    await page.setInputFiles('input[name=file-other]', { name: 'certificate.pdf', mimeType: 'application/pdf', buffer: PDF })
    await expect.poll(async () => (await named()).filter(a => a.kind === 'other').map(a => a.mediaType).sort()).toEqual(['application/pdf', 'image/jpeg'])
    const photo = (await named()).find(a => a.kind === 'other' && a.mediaType === 'image/jpeg')!
    await page.locator('[data-test=material-other] [data-test=remove-other]').first().click()
    await expect.poll(async () => (await named()).filter(a => a.kind === 'other').map(a => a.mediaType)).toEqual(['application/pdf'])
    await expect.poll(async () => (await files()).map(f => f.id)).not.toContain(photo.id)
    expect(await page.locator('[data-test=material-other] img').count()).toBe(0)
  })

  it('a required photo removed is asked for again; a reload shows the step as it was left', async () => {
    await page.click('[data-test=remove-id_back]')
    await page.locator('[data-test=take-id_back]').waitFor()
    await page.waitForTimeout(400)
    await page.reload()
    await unlock(page, agent.password)
    await page.locator('[data-step=materials]').waitFor()
    expect(await page.locator('[data-test=material-id_front] img').count()).toBe(1)
    expect(await page.locator('[data-test=material-id_back] img').count()).toBe(0)
    expect(await page.locator('[data-test=material-other] .van-icon-description').count()).toBe(1)
    await goToStep(page, '核对信息')
    expect(await page.textContent('[data-test=open-issues]')).toContain('缺少证件背面照片')
    expect((await named()).map(a => a.kind).sort()).toEqual(['id_front', 'other'])
    expect((await files()).map(f => f.kind).sort()).toEqual(['id_front', 'other'])
  })

  it('a file that cannot be read as a photo is refused in Chinese, and nothing is named', async () => {
    await goToStep(page, '申请材料')
    await page.setInputFiles('input[name=file-id_back]', { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') })
    await toastSaying(page, '无法读取这张照片')
    expect((await named()).map(a => a.kind).sort()).toEqual(['id_front', 'other'])
    await page.locator('[data-test=take-id_back]').waitFor()
  })
})
