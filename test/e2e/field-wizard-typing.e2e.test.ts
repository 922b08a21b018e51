import type { BrowserContext, Page } from 'playwright-core'
import type { E2eStaff } from './support/api-client'
import { NAME_LIMITS } from '#shared/person/person-name'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { useE2eSuite } from './support/e2e-suite'
import { deviceRecords, goToStep, next, signInOnField, startEnrolment, unlock, waitForFirstSync, wizardApplicationId } from './support/field-app'

/**
 * Typing into the enrolment wizard key by key, as an agent does on the tablet's keyboard
 * (the other files fill a field in one go): 兴趣爱好, a list typed with 、, commas or spaces
 * between the items, keeps every separator as it is typed, reaches the device as a list,
 * and reads back the same after a reload and on the summary. And what the bar says while
 * the agent types: 已保存 only once the last change is on the device; a reload before that
 * is asked about first, and the change is kept.
 */

const chromiumPath = inject('chromiumPath')

describe.skipIf(!chromiumPath)('typing into the wizard key by key', () => {
  const suite = useE2eSuite()
  let context: BrowserContext
  let page: Page
  let agent: E2eStaff

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '西城网点', regionCode: '110102' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    context = await suite.tablet()
    page = await context.newPage()
    await signInOnField(page, agent.username, agent.password)
    await waitForFirstSync(page)
  })

  it('兴趣爱好 typed item after item with 、, a comma and a space keeps every item', async () => {
    await startEnrolment(page, '个人')
    const id = wizardApplicationId(page)
    await next(page)
    const interests = page.locator('input[name="person.interests"]')
    await interests.click()
    await interests.pressSequentially('阅读、旅行,摄影 书法', { delay: 20 })
    // What was typed stays as typed while the agent is in the field.
    expect(await interests.inputValue()).toBe('阅读、旅行,摄影 书法')
    await interests.blur()
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.data.person.interests).toEqual(['阅读', '旅行', '摄影', '书法'])

    await page.reload()
    await unlock(page, agent.password)
    expect(await page.locator('input[name="person.interests"]').inputValue()).toBe('阅读、旅行、摄影、书法')
    await goToStep(page, '核对信息')
    expect(await page.locator('.van-cell', { hasText: '兴趣爱好' }).first().textContent()).toContain('阅读、旅行、摄影、书法')
  })

  it('an item removed by editing the text leaves the list, and clearing the field leaves none', async () => {
    await goToStep(page, '申请人')
    const interests = page.locator('input[name="person.interests"]')
    await interests.click()
    await interests.press('End')
    for (let i = 0; i < 3; i++)
      await interests.press('Backspace')
    expect(await interests.inputValue()).toBe('阅读、旅行、摄影')
    await interests.blur()
    const id = wizardApplicationId(page)
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.data.person.interests).toEqual(['阅读', '旅行', '摄影'])
    await interests.fill('')
    await interests.blur()
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.data.person.interests).toBeUndefined()
  })

  it('the save state says 已保存 only once the last change is on the device', async () => {
    const id = wizardApplicationId(page)
    const name = page.locator('input[name="person.name"]')
    await name.fill('程')
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    for (const typed of ['程', '程远', '程远航']) {
      await name.fill(typed)
      // Read at once, within the quarter second the save waits for.
      const [said, stored] = await Promise.all([
        page.textContent('[data-test=save-state]'),
        deviceRecords(page, agent.id, 'applications').then(all => all.find(a => a.id === id)?.data.person.name as string),
      ])
      if (said!.includes('已保存'))
        expect(stored, `said "${said}" with "${typed}" typed`).toBe(typed)
      else
        expect(said).toContain('正在保存')
    }
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    expect((await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.data.person.name).toBe('程远航')
  })

  it('a reload while a change waits for its save is asked about first, and staying keeps the change', async () => {
    const id = wizardApplicationId(page)
    const asked: string[] = []
    page.once('dialog', (dialog) => {
      asked.push(dialog.type())
      void dialog.dismiss()
    })
    await page.locator('input[name="person.name"]').fill('程远帆')
    // At once, within the quarter second: the browser asks, the agent stays.
    await page.evaluate('location.reload()')
    await expect.poll(() => asked).toEqual(['beforeunload'])
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.data.person.name).toBe('程远帆')
    await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    // Once stored, a reload goes without a question.
    page.once('dialog', dialog => void dialog.dismiss().then(() => asked.push(dialog.type())))
    await page.reload()
    await unlock(page, agent.password)
    expect(await page.locator('input[name="person.name"]').inputValue()).toBe('程远帆')
    expect(asked).toEqual(['beforeunload'])
    page.removeAllListeners('dialog')
  })

  it('a reload confirmed at once, within the quarter second, still keeps the change, every time', async () => {
    const mobile = page.locator('input[name="person.mobile"]')
    page.on('dialog', dialog => void dialog.accept())
    // The write started as the page goes can be cut off with it; the tab's rescue copy is not.
    for (const typed of ['13911110001', '13911110002', '13911110003', '13911110004', '13911110005']) {
      await mobile.fill(typed)
      await page.evaluate('location.reload()')
      await unlock(page, agent.password)
      await expect.poll(() => page.locator('input[name="person.mobile"]').inputValue(), { message: typed }).toBe(typed)
      await page.waitForSelector('[data-test=save-state]:has-text("已保存")')
    }
    page.removeAllListeners('dialog')
    const id = wizardApplicationId(page)
    expect((await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.data.person.mobile).toBe('13911110005')
    // Saved, the rescue is gone: nothing of the applicant stays in the tab's storage.
    expect(await page.evaluate('Object.keys(sessionStorage).filter(key => key.startsWith("field-enrol.unsaved-change."))')).toEqual([])
  })

  /** The message Vant shows under a text field, by its path. */
  function errorUnder(path: string) {
    return page.locator(`input[name="${path}"]`).locator('xpath=ancestor::div[contains(@class, "van-cell")][1]').locator('.van-field__error-message')
  }

  it('a Latin name as long as the shared rule allows is kept whole in every name field; a longer one gets the rule\'s message', async () => {
    const latin = 'Maria Guadalupe Fernandez de la Cruz Rodriguez'
    expect(latin).toHaveLength(46)
    const typeInto = async (path: string, text: string): Promise<string> => {
      const input = page.locator(`input[name="${path}"]`)
      await input.fill('')
      await input.pressSequentially(text, { delay: 5 })
      await input.blur()
      return input.inputValue()
    }
    await goToStep(page, '申请人')
    const id = wizardApplicationId(page)
    expect(await typeInto('person.name', latin)).toBe(latin)
    await expect.poll(async () => (await deviceRecords(page, agent.id, 'applications')).find(a => a.id === id)?.data.person.name).toBe(latin)
    expect(await errorUnder('person.name').count()).toBe(0)
    // Sixty letters is the rule's limit for a Latin name: kept, no message.
    const sixty = `${latin} Ramirez Ortiz`
    expect(sixty).toHaveLength(NAME_LIMITS.maxLatin)
    expect(await typeInto('person.name', sixty)).toBe(sixty)
    expect(await errorUnder('person.name').count()).toBe(0)
    // A Chinese name over its twenty characters is not cut either: the rule says why it is refused.
    const han = '欧阳'.padEnd(NAME_LIMITS.maxChinese + 1, '明')
    expect(await typeInto('person.name', han)).toBe(han)
    await expect.poll(() => errorUnder('person.name').textContent()).toBe(`姓名最多${NAME_LIMITS.maxChinese}个字`)

    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '单位/企业')
    await next(page)
    for (const path of ['organisation.legalRepresentative', 'organisation.contact.name'])
      expect(await typeInto(path, latin), path).toBe(latin)
  })

  it('a dependant removed: the messages stay with the people, not with the positions', async () => {
    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '家庭')
    await goToStep(page, '家庭成员')
    for (let i = 0; i < 3; i++)
      await page.click('[data-test=add-dependant]')
    const errorOf = (path: string) => page.locator('.van-field', { has: page.locator(`input[name="${path}"]`) }).locator('.van-field__error-message')
    const mobile = page.locator('input[name="dependants.2.mobile"]')
    await mobile.fill('1381234')
    await mobile.blur()
    await expect.poll(() => errorOf('dependants.2.mobile').textContent()).toContain('手机号码')
    await page.click('[data-test=remove-dependant-0]')
    await expect.poll(() => page.locator('[data-test^=remove-dependant-]').count()).toBe(2)
    // The third dependant is now the second: its refused mobile still says so, and nothing of
    // the person now in its old place, untouched, is called missing.
    expect(await page.inputValue('input[name="dependants.1.mobile"]')).toBe('1381234')
    await expect.poll(() => errorOf('dependants.1.mobile').textContent()).toContain('手机号码')
    expect(await page.locator('.van-cell-group').filter({ has: page.locator('input[name="dependants.0.mobile"]') }).locator('.van-field__error-message').count()).toBe(0)
  })

  it('moving on with the keyboard (Tab) never leaves the field being typed into under the action bar', async () => {
    await page.click('.van-nav-bar__left')
    await startEnrolment(page, '个人')
    await next(page)
    // A tablet in landscape: the applicant's fields run past the foot of the screen.
    await page.setViewportSize({ width: 1280, height: 800 })
    try {
      await page.locator('input[name="person.name"]').focus()
      const hidden: string[] = []
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab')
        // The field that has the focus is what the agent sees at its centre, not the bar over it.
        const covered = await page.evaluate(() => {
          const g = globalThis as any
          const field = g.document.activeElement
          const box = field.getBoundingClientRect()
          const seen = g.document.elementFromPoint(box.left + Math.min(box.width / 2, 20), box.top + box.height / 2)
          return seen && !field.contains(seen) && seen.closest('.enrol-wizard__bar') ? String(field.getAttribute('name') ?? field.getAttribute('data-test')) : null
        })
        if (covered)
          hidden.push(covered)
      }
      expect(hidden).toEqual([])
    }
    finally {
      await page.setViewportSize({ width: 800, height: 1280 })
    }
  })
})
