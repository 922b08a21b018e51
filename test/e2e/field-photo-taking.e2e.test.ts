import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { demoPng } from '../../server/cli/demo/demo-images'
import { useE2eSuite } from './support/e2e-suite'
import { goToStep, signInOnField, startEnrolment, takePhoto, waitForFirstSync } from './support/field-app'

/**
 * Taking and retaking a photo: while the new photo is being stored, its material said
 * 已上传（本机无副本） — a file uploaded from another tablet — for a photo taken this instant,
 * offline or not. The note is for files the device never held, and only those.
 */

const chromiumPath = inject('chromiumPath')

/** From now on, whether the page ever shows the 已上传（本机无副本） note, however briefly. */
async function watchForElsewhereNote(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const g = globalThis as any
    g.__elsewhereSeen = false
    const observer = new g.MutationObserver(() => {
      if (g.document.querySelector('[data-test=material-elsewhere]'))
        g.__elsewhereSeen = true
    })
    observer.observe(g.document.body, { childList: true, subtree: true })
  })
  return () => page.evaluate(() => (globalThis as any).__elsewhereSeen as boolean)
}

describe.skipIf(!chromiumPath)('taking a material\'s photo', () => {
  const suite = useE2eSuite()

  it('a photo taken or retaken here is never said to be on the server only', async () => {
    const site = await suite.server.admin.createSite({ name: '东城网点', regionCode: '110101' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const context = await suite.tablet()
    const page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
    await startEnrolment(page, '个人')
    await goToStep(page, '申请材料')
    const elsewhereSeen = await watchForElsewhereNote(page)

    await takePhoto(page, 'id_front', 71)
    const first = await page.locator('[data-test=material-id_front] img').getAttribute('src')
    const chooser = page.waitForEvent('filechooser')
    await page.locator('[data-test=material-id_front]').getByRole('button', { name: '重拍' }).click()
    await (await chooser).setFiles({ name: 'id_front.png', mimeType: 'image/png', buffer: demoPng(72, 1600, 1000) })
    await expect.poll(() => page.locator('[data-test=material-id_front] img').getAttribute('src')).not.toBe(first)

    expect(await elsewhereSeen()).toBe(false)
  })
})
