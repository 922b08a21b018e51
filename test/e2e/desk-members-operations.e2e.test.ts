import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { Locator, Page } from 'playwright-core'
import type { ApiClient, E2eStaff } from './support/api-client'
import { todayInChina } from '#shared/dates/calendar'
import { renewedTerm } from '#shared/members/membership-term'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { answerNextDialog, chooseInDialog, dialogsSettled, messageAfter, pushDemoApplications, signInOnDesk } from './support/desk-app'
import { approvedMember, openMember, openOperation, operationDialog } from './support/desk-members'
import { useE2eSuite } from './support/e2e-suite'

/**
 * A member's standing changed at the desk, each operation through its dialog and checked on
 * the page (status, validity, a message, the change history) and through the members API:
 * a reviewer freezes a member and unfreezes it, renews it paid by WeChat (a receipt number
 * carrying an invisible character is refused by the server, the dialog keeping what was
 * typed), keeps a freeze's reason being written through Escape and someone else's change
 * (409), and a supervisor cancels another member, which leaves nothing more to do but
 * withdraw the marketing consent it signed.
 */

const chromiumPath = inject('chromiumPath')

interface MemberChange { action: string, actorName: string | null, detail: { reason?: string, fee?: { amountFen: number, method: string, receiptNo?: string }, changes?: Record<string, { from: unknown, to: unknown }> } }
interface MemberDetail { version: number, status: string, marketing: boolean, validFrom: string, validUntil: string, revisitDue: string | null, changes: MemberChange[], availableOperations: string[] }

/** A zero-width space, as a paste from a chat app carries: invisible, and refused in a receipt number. */
const ZERO_WIDTH_SPACE = '\u200B'

describe.skipIf(!chromiumPath)('member operations at the desk', () => {
  const suite = useE2eSuite()
  let page: Page
  let reviewer: E2eStaff
  let supervisor: E2eStaff
  let reviewerApi: ApiClient
  let memberId: string
  let toCancelId: string
  const dialog = (): Locator => operationDialog(page)

  function member(id = memberId): Promise<MemberDetail> {
    return reviewerApi.json<MemberDetail>(`/api/members/${id}`)
  }
  function historyEntry(action: string): Locator {
    return page.locator(`[data-test=history-entry][data-action=${action}]`)
  }
  /** Sends the open dialog and waits for it to close and the page to say it is done. */
  async function submitOperation(done: string): Promise<void> {
    expect(await messageAfter(page, 'success', () => dialog().locator('[data-test=operation-submit]').click())).toContain(done)
    await dialog().waitFor({ state: 'hidden' })
  }

  beforeAll(async () => {
    const site = await suite.server.admin.createSite({ name: '通州网点' })
    const agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id] })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    supervisor = await suite.server.admin.createStaff({ role: 'supervisor', siteIds: [], displayName: '陈主管' })
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    const [first, second] = await pushDemoApplications(suite.server, agent, site, [1, 2])
    memberId = await approvedMember(reviewerApi, first!.application.id)
    toCancelId = await approvedMember(reviewerApi, second!.application.id)
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('freezes a member with a reason, then unfreezes it: each shown, and each in the history', async () => {
    await openMember(page, memberId)
    expect(await page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('active')
    // The first entry says the reviewer approved the joining (read as "入会 李审核" it named them the one who joined).
    expect(await historyEntry('create').locator('strong').textContent()).toBe('审核通过入会')

    await openOperation(page, 'freeze')
    // A freeze can be undone: no warning, the usual button.
    expect(await dialog().locator('[data-test=operation-final-warning]').count()).toBe(0)
    expect(await dialog().locator('[data-test=operation-submit]').textContent().then(text => text?.trim())).toBe('确定')
    // A freeze says why: nothing can be sent without a reason.
    expect(await dialog().locator('[data-test=operation-submit]').isDisabled()).toBe(true)
    await dialog().locator('textarea[data-test=operation-reason]').fill('会员资料待核实')
    await submitOperation('冻结已完成')
    await expect.poll(() => page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('frozen')
    expect(await page.locator('[data-test=member-status]').textContent()).toContain('冻结')
    const frozen = historyEntry('freeze')
    expect(await frozen.count()).toBe(1)
    expect(await frozen.textContent()).toContain('会员资料待核实')
    expect(await frozen.textContent()).toContain('李审核')
    expect(await frozen.locator('[data-field=status]').textContent()).toContain('正常 → 冻结')
    // Frozen: it can be unfrozen, not frozen again nor renewed.
    expect(await page.locator('[data-test=operation-freeze]').count()).toBe(0)
    expect(await page.locator('[data-test=operation-renew]').count()).toBe(0)
    const afterFreeze = await member()
    expect(afterFreeze.status).toBe('frozen')
    expect(afterFreeze.changes.at(-1)).toMatchObject({ action: 'freeze', actorName: '李审核', detail: { reason: '会员资料待核实', changes: { status: { from: 'active', to: 'frozen' } } } })

    await openOperation(page, 'unfreeze')
    await dialog().locator('textarea[data-test=operation-note]').fill('资料已核实')
    await submitOperation('解冻已完成')
    await expect.poll(() => page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('active')
    expect(await historyEntry('unfreeze').locator('[data-field=status]').textContent()).toContain('冻结 → 正常')
    expect(await historyEntry('unfreeze').textContent()).toContain('资料已核实')
    expect(await page.locator('[data-test=operation-freeze]').count()).toBe(1)
    const afterUnfreeze = await member()
    expect(afterUnfreeze.status).toBe('active')
    expect(afterUnfreeze.changes.at(-1)).toMatchObject({ action: 'unfreeze', detail: { changes: { status: { from: 'frozen', to: 'active' } } } })
  })

  it('renews a member paid by WeChat: a refused receipt number keeps the dialog as typed; the new validity and the fee are recorded', async () => {
    const { settings } = await suite.server.admin.json<{ settings: ProgrammeSettings }>('/api/admin/programme')
    const before = await member()
    const renewed = renewedTerm(before, todayInChina(), settings.membershipTermYears)
    expect(renewed.validUntil > before.validUntil).toBe(true)
    await openMember(page, memberId)
    expect(await page.locator('[data-test=member-validity]').textContent()).toBe(`${before.validFrom} ~ ${before.validUntil}`)

    await openOperation(page, 'renew')
    // What the renewal gives is said before it is sent: the validity running on without a gap, by the programme's term.
    await expect.poll(() => dialog().locator('[data-test=operation-renews-until]').textContent()).toBe(renewed.validUntil)
    expect(await dialog().textContent()).toContain('续期后有效期至')
    // Cash unless changed; a paid fee needs its amount and receipt number.
    expect(await dialog().locator('[data-test=operation-method]').textContent()).toContain('现金')
    await chooseInDialog(page, 'operation-method', '微信')
    expect(await dialog().locator('[data-test=operation-submit]').isDisabled()).toBe(true)
    await dialog().locator('input[data-test=operation-amount]').fill('30')
    await dialog().locator('input[data-test=operation-receipt]').fill(`WX-2026${ZERO_WIDTH_SPACE}-0088`)
    await dialog().locator('[data-test=operation-submit]').click()
    // The server refuses it and says why, in the dialog, which keeps everything typed.
    await expect.poll(() => dialog().locator('[data-test=operation-error]').textContent()).toContain('包含控制字符或不可见字符')
    await dialogsSettled(page)
    expect(await dialog().isVisible()).toBe(true)
    expect(await dialog().locator('[data-test=operation-method]').textContent()).toContain('微信')
    expect(await dialog().locator('input[data-test=operation-amount]').inputValue()).toBe('30')
    expect(await dialog().locator('input[data-test=operation-receipt]').inputValue()).toBe(`WX-2026${ZERO_WIDTH_SPACE}-0088`)
    expect(await member()).toMatchObject({ validUntil: before.validUntil, changes: before.changes })

    await dialog().locator('input[data-test=operation-receipt]').fill('WX-2026-0088')
    await submitOperation('续期已完成')
    await expect.poll(() => page.locator('[data-test=member-validity]').textContent()).toBe(`${before.validFrom} ~ ${renewed.validUntil}`)
    const entry = historyEntry('renew')
    expect(await entry.count()).toBe(1)
    expect(await entry.locator('[data-test=history-fee]').textContent()).toContain('微信 ¥30.00')
    expect(await entry.locator('[data-test=history-fee]').textContent()).toContain('WX-2026-0088')
    expect(await entry.locator('[data-field=validUntil]').textContent()).toContain(`${before.validUntil} → ${renewed.validUntil}`)
    const after = await member()
    expect(after).toMatchObject({ status: 'active', validFrom: before.validFrom, validUntil: renewed.validUntil })
    expect(after.changes.at(-1)).toMatchObject({ action: 'renew', detail: { fee: { amountFen: 3000, method: 'wechat', receiptNo: 'WX-2026-0088' } } })
  })

  it('a reason being written is kept through Escape and someone else changing the member first (409), until it is applied', async () => {
    await openMember(page, memberId)
    const reason = dialog().locator('textarea[data-test=operation-reason]')
    await openOperation(page, 'freeze')
    await reason.fill('会员证件有效期待核实')
    await page.keyboard.press('Escape')
    await dialog().waitFor({ state: 'hidden' })
    await dialogsSettled(page)
    await openOperation(page, 'freeze')
    expect(await reason.inputValue()).toBe('会员证件有效期待核实')

    // A colleague freezes and unfreezes the member meanwhile: the copy on screen is stale.
    const frozen = await reviewerApi.json<{ version: number }>(`/api/members/${memberId}/actions/freeze`, { method: 'POST', headers: { 'If-Match': `"${(await member()).version}"` }, json: { reason: '同事核查' } })
    await reviewerApi.json(`/api/members/${memberId}/actions/unfreeze`, { method: 'POST', headers: { 'If-Match': `"${frozen.version}"` }, json: {} })
    await dialog().locator('[data-test=operation-submit]').click()
    await page.waitForSelector('[data-test=conflict]')
    await dialog().waitFor({ state: 'hidden' })
    // The current copy is loaded by itself (nothing to click), and the banner says so.
    await expect.poll(() => page.locator('[data-test=conflict]').textContent()).toContain('页面已载入最新内容')
    expect(await page.locator('[data-test=conflict-reload]').count()).toBe(0)
    await dialogsSettled(page)
    await openOperation(page, 'freeze')
    expect(await reason.inputValue()).toBe('会员证件有效期待核实')
    await submitOperation('冻结已完成')
    expect((await member()).changes.at(-1)).toMatchObject({ action: 'freeze', detail: { reason: '会员证件有效期待核实' } })

    // Applied, the draft is gone: the next freeze (after an unfreeze) starts empty.
    await openOperation(page, 'unfreeze')
    await submitOperation('解冻已完成')
    await openOperation(page, 'freeze')
    expect(await reason.inputValue()).toBe('')
    await dialog().locator('[data-test=operation-dialog-cancel]').click()
    await dialog().waitFor({ state: 'hidden' })
  })

  it('a renewal being typed when someone else freezes the member (409): the banner says it is no longer possible, and the fee typed is given up, not kept to nag at every reload', async () => {
    await openMember(page, memberId)
    await openOperation(page, 'renew')
    await dialog().locator('input[data-test=operation-amount]').fill('50')
    await dialog().locator('input[data-test=operation-receipt]').fill('R-2026-0150')

    const frozen = await reviewerApi.json<{ version: number }>(`/api/members/${memberId}/actions/freeze`, { method: 'POST', headers: { 'If-Match': `"${(await member()).version}"` }, json: { reason: '同事核查' } })
    await dialog().locator('[data-test=operation-submit]').click()
    await dialog().waitFor({ state: 'hidden' })
    // The current copy, frozen, with no 续期 to go back to: the banner says so rather than promising the typing is kept.
    await expect.poll(() => page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('frozen')
    await expect.poll(() => page.locator('[data-test=conflict-lost]').textContent()).toContain('会员当前的状态下已不能“续期”，为此填写的内容未登记，已放弃。')
    expect(await page.locator('[data-test=operation-renew]').count()).toBe(0)
    expect((await member()).changes.at(-1)).toMatchObject({ action: 'freeze' })

    // Nothing is left waiting to be lost: a reload asks nothing.
    const asked: string[] = []
    const withdraw = answerNextDialog(page, async (question) => {
      asked.push(question.type())
      await question.accept()
    })
    await page.reload()
    await page.locator('[data-test=member-status]').waitFor()
    withdraw()
    expect(asked).toEqual([])

    // Unfrozen again, a renewal starts empty.
    await reviewerApi.json(`/api/members/${memberId}/actions/unfreeze`, { method: 'POST', headers: { 'If-Match': `"${frozen.version}"` }, json: {} })
    await openMember(page, memberId)
    await openOperation(page, 'renew')
    expect(await dialog().locator('input[data-test=operation-amount]').inputValue()).toBe('')
    expect(await dialog().locator('input[data-test=operation-receipt]').inputValue()).toBe('')
    await dialog().locator('[data-test=operation-dialog-cancel]').click()
    await dialog().waitFor({ state: 'hidden' })
  })

  it('a supervisor cancels a member with a reason: 已注销, nothing more to do but withdraw its marketing consent, in the history; a dialog cancelled changes nothing', async () => {
    // Cancelling is the supervisor's alone.
    await openMember(page, toCancelId)
    expect(await page.locator('[data-test=operation-cancel]').count()).toBe(0)
    await page.click('[data-test=sign-out]')
    await signInOnDesk(page, supervisor.username, supervisor.password)
    await openMember(page, toCancelId)

    // Opened and closed with its own 取消 button: nothing sent.
    await openOperation(page, 'cancel')
    await dialog().locator('textarea[data-test=operation-reason]').fill('误操作')
    await dialog().getByRole('button', { name: '取消' }).click()
    await dialog().waitFor({ state: 'hidden' })
    expect((await member(toCancelId)).status).toBe('active')

    await openOperation(page, 'cancel')
    // It cannot be undone, and says so before anything is typed; its button is a danger one, named for what it does.
    expect(await dialog().locator('[data-test=operation-final-warning]').textContent().then(text => text?.trim())).toBe('注销后会员资格终止，无法恢复。')
    const confirm = dialog().locator('[data-test=operation-submit]')
    expect(await confirm.textContent().then(text => text?.trim())).toBe('确认注销')
    expect(await confirm.getAttribute('class')).toContain('el-button--danger')
    // Opened again, it starts empty: the reason is asked for anew.
    expect(await dialog().locator('textarea[data-test=operation-reason]').inputValue()).toBe('')
    expect(await dialog().locator('[data-test=operation-submit]').isDisabled()).toBe(true)
    await dialog().locator('textarea[data-test=operation-reason]').fill('会员本人申请注销')
    await submitOperation('注销已完成')
    await expect.poll(() => page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('cancelled')
    expect(await page.locator('[data-test=member-status]').textContent()).toContain('已注销')
    // Nothing more to do to the membership; the marketing consent demo 2 signed is still the member's to withdraw.
    await expect.poll(() => page.locator('[data-test=member-actions] button').allTextContents().then(texts => texts.map(text => text.trim()))).toEqual(['撤回营销授权'])
    const entry = historyEntry('cancel')
    expect(await entry.textContent()).toContain('会员本人申请注销')
    expect(await entry.textContent()).toContain('陈主管')
    expect(await entry.locator('[data-field=status]').textContent()).toContain('正常 → 已注销')

    const cancelled = await member(toCancelId)
    expect(cancelled).toMatchObject({ status: 'cancelled', revisitDue: null, availableOperations: ['withdraw_marketing'] })
    expect(cancelled.changes.at(-1)).toMatchObject({ action: 'cancel', actorName: '陈主管', detail: { reason: '会员本人申请注销' } })

    // The former member asks for no more marketing messages: withdrawn, still 已注销, nothing left to do.
    await openOperation(page, 'withdraw_marketing')
    await submitOperation('撤回营销授权已完成')
    await expect.poll(() => page.locator('[data-test=member-marketing]').getAttribute('data-marketing')).toBe('false')
    expect(await page.locator('[data-test=member-status]').getAttribute('data-status')).toBe('cancelled')
    expect(await page.locator('[data-test=no-operations]').isVisible()).toBe(true)
    expect(await historyEntry('withdraw_marketing').count()).toBe(1)
    expect(await member(toCancelId)).toMatchObject({ status: 'cancelled', marketing: false, availableOperations: [] })
  })
})
