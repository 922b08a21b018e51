import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Locator, Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient } from './support/api-client'
import { todayInChina } from '#shared/dates/calendar'
import { renewedTerm } from '#shared/members/membership-term'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { chooseInDialog, messageAfter, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { approvedMember, openMember, openOperation, operationDialog } from './support/desk-members'
import { useE2eSuite } from './support/e2e-suite'

/**
 * The member page's operation dialog beyond what desk-members and desk-members-operations
 * drive: 资料变更 of an organisation member (its contact person and registered address,
 * one detail at a time as the dialog's hint promises), the 删除以下信息 boxes of a person
 * member (a ticked detail removed, an unticked one kept), and 续期 paid in cash, by Alipay
 * and waived — each checked on the page and in the member's stored record and history
 * through the members API.
 */

const chromiumPath = inject('chromiumPath')

interface MemberChange { action: string, detail: { reason?: string, fields?: string[], fee?: { amountFen: number, method: string, receiptNo?: string } } }
interface MemberDetail {
  version: number
  mobile: string
  validFrom: string
  validUntil: string
  changes: MemberChange[]
  data: {
    person?: { email?: string, occupation?: string, employer?: string, declined: string[] }
    organisation?: { contact: { name: string, mobile: string, position?: string }, registeredAddress: { regionCode: string, detail: string } }
  }
}

describe.skipIf(!chromiumPath)('member dialog: contact details and renewal', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewerApi: ApiClient
  let organisation: DemoApplication
  let organisationId: string
  let personId: string
  let renewId: string
  const dialog = (): Locator => operationDialog(page)

  function member(id: string): Promise<MemberDetail> {
    return reviewerApi.json<MemberDetail>(`/api/members/${id}?reveal=true`)
  }
  async function submitOperation(done: string): Promise<void> {
    expect(await messageAfter(page, 'success', () => dialog().locator('[data-test=operation-submit]').click())).toContain(done)
    await dialog().waitFor({ state: 'hidden' })
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '顺义网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    const reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '赵审核' })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    // 5: an organisation; 8: an individual with an e-mail and an occupation; 1: an individual.
    const [org, person, renew] = await pushDemoApplications(suite.server, agent, site, [5, 8, 1])
    if (org!.application.applicantType !== 'organisation' || person!.application.applicantType !== 'individual' || !person!.application.person.email)
      throw new Error('demo applications 5 and 8 are expected to be an organisation and an individual with an e-mail')
    organisation = org!
    organisationId = await approvedMember(reviewerApi, org!.application.id)
    personId = await approvedMember(reviewerApi, person!.application.id)
    renewId = await approvedMember(reviewerApi, renew!.application.id)
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('changes an organisation\'s contact person and registered address: its own fields, stored whole', async () => {
    if (organisation.application.applicantType !== 'organisation')
      throw new Error('unreachable')
    const before = organisation.application.organisation
    await openMember(page, organisationId)
    await openOperation(page, 'update_contact')
    // An organisation's fields, not a person's: no personal mobile, e-mail or removals.
    expect(await dialog().locator('input[data-test=contact-name]').count()).toBe(1)
    expect(await dialog().locator('input[data-test=contact-mobile]').count()).toBe(0)
    expect(await dialog().locator('input[data-test=contact-email]').count()).toBe(0)
    expect(await dialog().locator('[data-test=contact-remove]').count()).toBe(0)
    expect(await dialog().locator('[data-test=contact-fields]').textContent()).toContain('注册地址')

    await dialog().locator('textarea[data-test=operation-reason]').fill('单位更换联系人并迁址')
    await dialog().locator('input[data-test=contact-name]').fill('孙联络')
    // A bad mobile is refused before anything is sent, under the mobile's own field.
    await dialog().locator('input[data-test=contact-person-mobile]').fill('12345')
    await dialog().locator('[data-test=operation-submit]').click()
    const mobileItem = dialog().locator('.el-form-item', { has: page.locator('input[data-test=contact-person-mobile]') })
    await expect.poll(() => mobileItem.locator('.el-form-item__error').textContent()).toContain('手机号码')
    const nameItem = dialog().locator('.el-form-item', { has: page.locator('input[data-test=contact-name]') })
    expect(await nameItem.locator('.el-form-item__error').count()).toBe(0)
    expect((await member(organisationId)).changes.some(change => change.action === 'update_contact')).toBe(false)

    await dialog().locator('input[data-test=contact-person-mobile]').fill('139 1111 2222')
    await dialog().locator('input[data-test=contact-position]').fill('办公室主任')
    await dialog().locator('[data-test=contact-region] input').fill('海淀区')
    await page.locator('.el-cascader__suggestion-item').filter({ hasText: '北京市 / 北京市 / 海淀区' }).first().click()
    await dialog().locator('input[data-test=contact-address-detail]').fill('中关村大街 1 号')
    await submitOperation('资料变更已完成')

    const entry = page.locator('[data-test=history-entry][data-action=update_contact]')
    await expect.poll(() => entry.count()).toBe(1)
    expect(await entry.locator('[data-test=history-fields]').textContent()).toContain('联系人、注册地址')
    expect(await entry.textContent()).toContain('单位更换联系人并迁址')
    expect(await entry.textContent()).not.toContain('2222')
    // The member's mobile is the contact person's: the new one, masked.
    await expect.poll(() => page.locator('[data-test=member-mobile]').textContent()).toBe('139****2222')
    // The registered address is not personal data: shown as it now is.
    expect(await page.locator('[data-test=member-particulars]').textContent()).toContain('中关村大街 1 号')

    const after = await member(organisationId)
    expect(after.mobile).toBe('13911112222')
    expect(after.data.organisation).toMatchObject({
      contact: { name: '孙联络', mobile: '13911112222', position: '办公室主任' },
      registeredAddress: { regionCode: '110108', detail: '中关村大街 1 号' },
    })
    expect(after.changes.at(-1)).toMatchObject({ action: 'update_contact', detail: { fields: ['contact', 'registeredAddress'], reason: '单位更换联系人并迁址' } })
    expect(before.contact.name).not.toBe('孙联络')
  })

  it('changes only the organisation\'s contact mobile: what is left empty stays as it is', async () => {
    const before = await member(organisationId)
    await openMember(page, organisationId)
    await openOperation(page, 'update_contact')
    expect(await dialog().locator('[data-test=contact-fields]').textContent()).toContain('留空的保持不变')
    await dialog().locator('textarea[data-test=operation-reason]').fill('联系人换了手机号')
    await dialog().locator('input[data-test=contact-person-mobile]').fill('13933334444')
    await submitOperation('资料变更已完成')
    await expect.poll(() => page.locator('[data-test=member-mobile]').textContent()).toBe('139****4444')

    const after = await member(organisationId)
    expect(after.data.organisation).toMatchObject({
      contact: { name: before.data.organisation!.contact.name, mobile: '13933334444', position: before.data.organisation!.contact.position },
      registeredAddress: before.data.organisation!.registeredAddress,
    })
    expect(after.changes.at(-1)).toMatchObject({ action: 'update_contact', detail: { fields: ['contact'] } })
  })

  it('removes a person\'s ticked details and keeps the others; the history names only what changed', async () => {
    const before = await member(personId)
    expect(before.data.person).toMatchObject({ email: expect.any(String), occupation: expect.any(String) })
    await openMember(page, personId)
    await openOperation(page, 'update_contact')
    await dialog().locator('textarea[data-test=operation-reason]').fill('会员要求删除邮箱和职业')
    const remove = dialog().locator('[data-test=contact-remove]')
    // Ticking a detail greys out its field: a removed detail cannot also be given a value.
    await dialog().locator('input[data-test=contact-email]').fill('typed.before@example.com')
    await remove.locator('[data-value=email]').click()
    expect(await dialog().locator('input[data-test=contact-email]').isDisabled()).toBe(true)
    await remove.locator('[data-value=occupation]').click()
    // Ticked and unticked again: kept.
    await remove.locator('[data-value=employer]').click()
    await remove.locator('[data-value=employer]').click()
    expect(await dialog().locator('input[data-test=contact-employer]').isDisabled()).toBe(false)
    await dialog().locator('input[data-test=contact-employer]').fill('顺义区第一中学')
    await submitOperation('资料变更已完成')

    const entry = page.locator('[data-test=history-entry][data-action=update_contact]')
    await expect.poll(() => entry.count()).toBe(1)
    expect(await entry.locator('[data-test=history-fields]').textContent()).toContain('电子邮箱、职业、工作单位')
    const after = await member(personId)
    expect(after.data.person!.email).toBeUndefined()
    expect(after.data.person!.occupation).toBeUndefined()
    expect(after.data.person!.employer).toBe('顺义区第一中学')
    expect(after.mobile).toBe(before.mobile)
    expect(after.changes.at(-1)).toMatchObject({ action: 'update_contact', detail: { fields: ['email', 'occupation', 'employer'] } })
  })

  it('renews paid in cash, by Alipay and waived: each fee recorded as chosen, the validity extended each time', async () => {
    const { settings } = await suite.server.admin.json<{ settings: ProgrammeSettings }>('/api/admin/programme')
    await openMember(page, renewId)
    const payments = [
      { label: '现金', method: 'cash', amount: '50', receiptNo: 'XJ-2026-0007', fee: { amountFen: 5000, method: 'cash', receiptNo: 'XJ-2026-0007' }, shown: '现金 ¥50.00' },
      { label: '支付宝', method: 'alipay', amount: '49.9', receiptNo: 'ZFB-2026-0100', fee: { amountFen: 4990, method: 'alipay', receiptNo: 'ZFB-2026-0100' }, shown: '支付宝 ¥49.90' },
      { label: '免费', method: 'waived', amount: null, receiptNo: null, fee: { amountFen: 0, method: 'waived' }, shown: '免费 ¥0.00' },
    ]
    for (const [i, payment] of payments.entries()) {
      const before = await member(renewId)
      const renewed = renewedTerm(before, todayInChina(), settings.membershipTermYears)
      await openOperation(page, 'renew')
      if (payment.method !== 'cash')
        await chooseInDialog(page, 'operation-method', payment.label)
      expect(await dialog().locator('[data-test=operation-method]').textContent()).toContain(payment.label)
      if (payment.amount === null) {
        // Waived: nothing to pay, no receipt to ask for.
        expect(await dialog().locator('input[data-test=operation-amount]').count()).toBe(0)
        expect(await dialog().locator('input[data-test=operation-receipt]').count()).toBe(0)
        expect(await dialog().locator('[data-test=operation-submit]').isDisabled()).toBe(false)
      }
      else {
        expect(await dialog().locator('[data-test=operation-submit]').isDisabled()).toBe(true)
        await dialog().locator('input[data-test=operation-amount]').fill(payment.amount)
        await dialog().locator('input[data-test=operation-receipt]').fill(payment.receiptNo!)
      }
      await submitOperation('续期已完成')
      await expect.poll(() => page.locator('[data-test=member-validity]').textContent()).toBe(`${before.validFrom} ~ ${renewed.validUntil}`)
      const entries = page.locator('[data-test=history-entry][data-action=renew]')
      await expect.poll(() => entries.count()).toBe(i + 1)
      // Newest first.
      expect(await entries.first().locator('[data-test=history-fee]').textContent()).toContain(payment.shown)
      const after = await member(renewId)
      expect(after.validUntil).toBe(renewed.validUntil)
      expect(after.changes.at(-1)).toMatchObject({ action: 'renew' })
      expect(after.changes.at(-1)!.detail.fee).toEqual(payment.fee)
    }
  })
})
