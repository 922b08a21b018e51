import type { Page } from 'playwright-core'
import type { DemoApplication } from '../../server/cli/demo/demo-applications'
import type { ApiClient, E2eStaff, SiteRecord } from './support/api-client'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { signIn } from './support/api-client'
import { applicationStatus, chooseInDialog, decideThroughApi, dialogsSettled, openApplication, pushDemoApplications, resubmitThroughApi, signInOnDesk } from './support/desk-app'
import { useE2eSuite } from './support/e2e-suite'
import { reviewDesk } from './support/review-api'

/**
 * A reviewer's decisions from the application page, in a real Chromium against the real
 * server: a rejection asks for its reason (and, for 其他, a note) before anything is sent,
 * shows the server's refusal inside the dialog with what was typed still there, and once
 * made shows the reason and note in the page and its history; an approval with a note
 * creates the member and keeps the note in the history; a refused approval says why and
 * keeps the note typed; what is typed into a decision dialog is kept until the decision is
 * applied — through Escape, the session ending, and someone else acting first. Each outcome
 * is read back through the review API as well.
 */

const chromiumPath = inject('chromiumPath')

interface ReviewDetail { status: string, version: number, rejectReason: string | null, decisionNote: string | null, memberId: string | null, memberNo: string | null, returnItems: unknown[] | null }
interface History { events: Array<{ action: string, reason: string | null, note: string | null, actorName: string | null }> }

/** A control character, as a paste from another program can carry: the server refuses notes with one. */
const BELL = '\u0007'

describe.skipIf(!chromiumPath)('decisions on an application', () => {
  const suite = useE2eSuite()
  let page: Page
  let agent: E2eStaff
  let reviewer: E2eStaff
  let reviewerApi: ApiClient
  let toReject: DemoApplication
  let toApprove: DemoApplication
  let approvalRefused: DemoApplication
  let rejectedForDocuments: DemoApplication
  let returnedWithNotes: DemoApplication
  let returnKept: DemoApplication
  let site: SiteRecord

  function detailOf(demo: DemoApplication): Promise<ReviewDetail> {
    return reviewerApi.json<ReviewDetail>(`/api/review/applications/${demo.application.id}`)
  }
  function historyOf(demo: DemoApplication): Promise<History> {
    return reviewerApi.json<History>(`/api/review/applications/${demo.application.id}/history`)
  }

  /** Opens the application from the queue and takes it into review with the page's button. */
  async function openAndStartReview(demo: DemoApplication): Promise<void> {
    await page.goto('/desk/queue')
    await openApplication(page, demo.application.receiptNo)
    await page.click('[data-test=action-start_review]')
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
  }

  beforeAll(async () => {
    site = await suite.server.admin.createSite({ name: '东城网点' })
    agent = await suite.server.admin.createStaff({ role: 'field_agent', siteIds: [site.id], displayName: '王外勤' })
    reviewer = await suite.server.admin.createStaff({ role: 'reviewer', siteIds: [site.id], displayName: '李审核' })
    ;[toReject, toApprove, approvalRefused, rejectedForDocuments, returnedWithNotes, returnKept] = await pushDemoApplications(suite.server, agent, site, [1, 2, 7, 8, 3, 13]) as [DemoApplication, DemoApplication, DemoApplication, DemoApplication, DemoApplication, DemoApplication]
    reviewerApi = await signIn(suite.server.url, reviewer.username, reviewer.password)
    page = await (await suite.desk()).newPage()
    await signInOnDesk(page, reviewer.username, reviewer.password)
  })

  it('rejecting asks for a reason first, shows the server\'s refusal in the dialog with nothing lost, then records reason and note', async () => {
    await openAndStartReview(toReject)
    await page.click('[data-test=action-reject]')
    const dialog = page.locator('[data-test=reject-dialog]')
    await dialog.waitFor()
    const submit = dialog.locator('[data-test=reject-submit]')
    const footer = dialog.locator('.el-dialog__footer')

    // No reason: the dialog says so, and cannot send.
    expect(await footer.textContent()).toContain('请选择拒绝原因')
    expect(await submit.isDisabled()).toBe(true)
    // 其他 needs a note as well.
    await chooseInDialog(page, 'reject-reason', '其他')
    await expect.poll(() => footer.textContent()).toContain('选择“其他”时须填写说明')
    expect(await submit.isDisabled()).toBe(true)
    // Nothing went to the server meanwhile.
    expect((await detailOf(toReject)).status).toBe('in_review')

    // A note carrying a control character: the server refuses it, and says why in the dialog.
    const note = dialog.locator('textarea[data-test=reject-note]')
    await note.fill(`申请人已迁出本区${BELL}`)
    expect(await submit.isDisabled()).toBe(false)
    await submit.click()
    await expect.poll(() => dialog.locator('.el-alert--error').textContent()).toContain('包含控制字符或不可见字符')
    // The dialog stays open with the reason and the note as they were; nothing was decided.
    await dialogsSettled(page)
    expect(await dialog.isVisible()).toBe(true)
    expect(await dialog.locator('[data-test=reject-reason]').textContent()).toContain('其他')
    expect(await note.inputValue()).toBe(`申请人已迁出本区${BELL}`)
    expect((await detailOf(toReject)).status).toBe('in_review')
    expect(await applicationStatus(page)).toBe('in_review')

    await note.fill('申请人已迁出本区，不再符合入会条件')
    await submit.click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => applicationStatus(page)).toBe('rejected')
    expect(await page.locator('[data-test=application-status]').textContent()).toContain('已拒绝')
    expect(await page.locator('[data-test=no-actions]').isVisible()).toBe(true)
    const decision = await page.locator('[data-test=decision]').textContent()
    expect(decision).toContain('其他')
    expect(decision).toContain('申请人已迁出本区，不再符合入会条件')
    const entry = page.locator('[data-test=timeline] [data-action=reject]')
    expect(await entry.count()).toBe(1)
    expect(await entry.textContent()).toContain('其他')
    expect(await entry.textContent()).toContain('申请人已迁出本区，不再符合入会条件')
    expect(await entry.textContent()).toContain('李审核')

    const stored = await detailOf(toReject)
    expect(stored).toMatchObject({ status: 'rejected', rejectReason: 'other', decisionNote: '申请人已迁出本区，不再符合入会条件', memberId: null })
    expect((await historyOf(toReject)).events.at(-1)).toMatchObject({ action: 'reject', reason: 'other', note: '申请人已迁出本区，不再符合入会条件', actorName: '李审核' })
  })

  it('a return\'s notes on its items show beside each item, in the page and in the history', async () => {
    const desk = reviewDesk(suite.server.url, reviewer)
    const receiptNo = returnedWithNotes.application.receiptNo
    await desk.act(receiptNo, 'start_review')
    await desk.act(receiptNo, 'return', {
      items: [{ kind: 'field', ref: 'person.mobile', note: '请核实手机号码' }, { kind: 'material', ref: 'id_back' }],
      comment: '请补充后重新提交',
    })
    await page.goto('/desk/queue')
    await openApplication(page, receiptNo)
    await expect.poll(() => applicationStatus(page)).toBe('returned')
    const items = page.locator('[data-test=decision] [data-test=return-items] li')
    expect(await items.allTextContents()).toEqual(['申请人 · 手机号码（请核实手机号码）', '证件背面照片'].map(text => expect.stringContaining(text)))
    expect(await page.locator('[data-test=timeline] [data-action=return] [data-test=return-items]').textContent()).toContain('手机号码（请核实手机号码）')
  })

  it('a reason other than 其他 needs no note: rejected with the reason code alone', async () => {
    await openAndStartReview(rejectedForDocuments)
    await page.click('[data-test=action-reject]')
    const dialog = page.locator('[data-test=reject-dialog]')
    await dialog.waitFor()
    await chooseInDialog(page, 'reject-reason', '证件无效')
    await expect.poll(() => dialog.locator('[data-test=reject-submit]').isDisabled()).toBe(false)
    await dialog.locator('[data-test=reject-submit]').click()
    await expect.poll(() => applicationStatus(page)).toBe('rejected')
    expect(await page.locator('[data-test=timeline] [data-action=reject]').textContent()).toContain('证件无效')
    expect(await detailOf(rejectedForDocuments)).toMatchObject({ status: 'rejected', rejectReason: 'invalid_documents', decisionNote: null })
  })

  it('approving with a note creates the member, and the note is in the history', async () => {
    await openAndStartReview(toApprove)
    await page.click('[data-test=action-approve]')
    const dialog = page.locator('[data-test=approve-dialog]')
    await dialog.waitFor()
    await dialog.locator('textarea[data-test=approve-note]').fill('资料核对无误，同意入会')
    await page.click('[data-test=approve-confirm]')

    await page.waitForSelector('[data-test=approved-member-no]')
    const memberNo = (await page.locator('[data-test=approved-member-no]').textContent())!.trim()
    expect(memberNo).toMatch(/^[A-Z]{2}\d{8}$/)
    await expect.poll(() => applicationStatus(page)).toBe('approved')
    expect(await page.locator('[data-test=decision]').textContent()).toContain('资料核对无误，同意入会')
    const entry = page.locator('[data-test=timeline] [data-action=approve]')
    expect(await entry.count()).toBe(1)
    expect(await entry.textContent()).toContain('资料核对无误，同意入会')

    const stored = await detailOf(toApprove)
    expect(stored).toMatchObject({ status: 'approved', memberNo, decisionNote: '资料核对无误，同意入会' })
    expect((await historyOf(toApprove)).events.at(-1)).toMatchObject({ action: 'approve', note: '资料核对无误，同意入会', reason: null })
    const member = await reviewerApi.json<{ memberNo: string, applicationId: string, status: string }>(`/api/members/${stored.memberId}`)
    expect(member).toMatchObject({ memberNo, applicationId: toApprove.application.id, status: 'active' })
  })

  // The approval dialog stays open until the decision is applied, as reject and return do.
  it('a refused approval shows the server\'s message and keeps the note typed', async () => {
    await openAndStartReview(approvalRefused)
    await page.click('[data-test=action-approve]')
    const dialog = page.locator('[data-test=approve-dialog]')
    await dialog.waitFor()
    const typed = `已电话核实申请人身份${BELL}`
    await dialog.locator('textarea[data-test=approve-note]').fill(typed)
    await page.click('[data-test=approve-confirm]')

    await expect.poll(() => page.locator('[data-test=action-error], [data-test=approve-dialog] .el-alert--error').first().textContent()).toContain('包含控制字符或不可见字符')
    expect((await detailOf(approvalRefused)).status).toBe('in_review')
    expect(await applicationStatus(page)).toBe('in_review')
    // The note is still there to be corrected: in the dialog left open, or in the one opened again.
    await dialogsSettled(page)
    if (!await dialog.isVisible())
      await page.click('[data-test=action-approve]')
    await dialog.waitFor()
    expect(await dialog.locator('textarea[data-test=approve-note]').inputValue()).toBe(typed)
  })

  it('a return being written is kept through Escape, the session ending and someone else acting first, until it is applied', async () => {
    const id = returnKept.application.id
    const comment = '手机号码与证件登记不一致，请核实后重新拍摄证件正面'
    const dialog = page.locator('[data-test=return-dialog]')
    const mobile = dialog.locator('[data-test="return-field-person.mobile"]')
    const idFront = dialog.locator('[data-test=return-material-id_front]')
    const commentBox = dialog.locator('textarea[data-test=return-comment]')
    async function openReturn(): Promise<void> {
      await dialogsSettled(page)
      await page.click('[data-test=action-return]')
      await dialog.waitFor()
      await dialogsSettled(page)
    }
    async function expectKept(): Promise<void> {
      expect(await commentBox.inputValue()).toBe(comment)
      expect(await mobile.getAttribute('class')).toContain('is-checked')
      expect(await idFront.getAttribute('class')).toContain('is-checked')
    }

    await openAndStartReview(returnKept)
    await openReturn()
    await mobile.click()
    await idFront.click()
    await commentBox.fill(comment)
    // Escape (or a click beside the dialog) closes it: opened again, what was typed is there.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await openReturn()
    await expectKept()

    // The session ends on the server while the reviewer writes: sent, the desk goes to sign in;
    // signed in again, it comes back to the application, and the return is as it was left.
    const token = await page.evaluate(() => {
      const session = (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage.getItem('field-enrol.desk.session')
      return (JSON.parse(session ?? '{}') as { token?: string }).token ?? ''
    })
    expect((await fetch(new URL('/api/auth/logout', suite.server.url), { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(204)
    await dialog.locator('[data-test=return-submit]').click()
    await page.waitForURL(url => url.pathname === '/desk/sign-in' && url.searchParams.get('next') === `/desk/applications/${id}`)
    await page.fill('input[name=username]', reviewer.username)
    await page.fill('input[name=password]', reviewer.password)
    await page.click('[data-test=sign-in]')
    await page.waitForURL(url => url.pathname === `/desk/applications/${id}`)
    await expect.poll(() => applicationStatus(page)).toBe('in_review')
    await openReturn()
    await expectKept()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    // Meanwhile a colleague returns it, the agent resubmits and the colleague takes it into
    // review again: the copy on screen is stale, and the return sent from it is refused (409).
    const returned = await decideThroughApi(reviewerApi, id, 'return', (await detailOf(returnKept)).version, { items: [{ kind: 'field', ref: 'person.occupation' }] })
    const resubmitted = await resubmitThroughApi(suite.server, agent, returnKept, returned.version, { occupation: '会计' })
    await decideThroughApi(reviewerApi, id, 'start_review', resubmitted.version)
    await openReturn()
    await expectKept()
    await dialog.locator('[data-test=return-submit]').click()
    // The current copy is loaded by itself, and the page says why; the return is still as written.
    await page.waitForSelector('[data-test=conflict]')
    await expect.poll(() => page.locator('[data-test=conflict]').textContent()).toContain('您填写的内容仍保留着')
    expect(await page.locator('[data-test=conflict-reload]').count()).toBe(0)
    await openReturn()
    await expectKept()

    // 取消 drops a draft: the rejection typed and cancelled is not offered again.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await page.click('[data-test=action-reject]')
    const reject = page.locator('[data-test=reject-dialog]')
    await reject.waitFor()
    await reject.locator('textarea[data-test=reject-note]').fill('不再需要')
    await reject.locator('[data-test=reject-cancel]').click()
    await reject.waitFor({ state: 'hidden' })
    await dialogsSettled(page)
    await page.click('[data-test=action-reject]')
    await reject.waitFor()
    expect(await reject.locator('textarea[data-test=reject-note]').inputValue()).toBe('')
    await reject.locator('[data-test=reject-cancel]').click()
    await reject.waitFor({ state: 'hidden' })

    // Sent on the current copy, the return is applied as it was written.
    await openReturn()
    await expectKept()
    await dialog.locator('[data-test=return-submit]').click()
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => applicationStatus(page)).toBe('returned')
    const stored = await detailOf(returnKept)
    expect(stored.returnItems).toEqual([{ kind: 'field', ref: 'person.mobile' }, { kind: 'material', ref: 'id_front' }])
    expect((await historyOf(returnKept)).events.at(-1)).toMatchObject({ action: 'return', note: comment, actorName: '李审核' })
  })

  it('a decision refused because someone else decided first says no decision is left, not to decide again', async () => {
    const [decidedElsewhere] = await pushDemoApplications(suite.server, agent, site, [19])
    await openAndStartReview(decidedElsewhere!)
    await page.click('[data-test=action-reject]')
    const dialog = page.locator('[data-test=reject-dialog]')
    await dialog.waitFor()
    await chooseInDialog(page, 'reject-reason', '其他')
    await dialog.locator('textarea[data-test=reject-note]').fill('申请人要求撤销')
    // Meanwhile a colleague returns it to the agent: nothing is left for this reviewer to decide.
    await decideThroughApi(reviewerApi, decidedElsewhere!.application.id, 'return', (await detailOf(decidedElsewhere!)).version, { items: [{ kind: 'field', ref: 'person.occupation' }] })
    await dialog.locator('[data-test=reject-submit]').click()
    await page.waitForSelector('[data-test=conflict]')
    await expect.poll(() => applicationStatus(page)).toBe('returned')
    const text = await page.locator('[data-test=conflict-text]').textContent()
    expect(text).toContain('现为“退回补充”')
    expect(text).toContain('当前也无需您再作决定')
    expect(text).not.toContain('可据此重新决定')
    expect((await detailOf(decidedElsewhere!)).status).toBe('returned')
  })
})
