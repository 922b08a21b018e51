import type { MemberOperation } from '#shared/members/member-operations'
import type { OperationForm } from '../../../client/src/desk/members/member-operation-form'
import { describe, expect, it } from 'vitest'
import { EMPTY_OPERATION_FORM, operationAmountMessage, operationBody, operationFormProblems, operationNeeds, yuanToFen } from '../../../client/src/desk/members/member-operation-form'

function form(change: Partial<OperationForm> = {}): OperationForm {
  return { ...EMPTY_OPERATION_FORM, ...change }
}

describe('yuanToFen', () => {
  it.each([['25', 2500], ['25.5', 2550], ['25.05', 2505], [' 0.01 ', 1], ['0', 0], ['1234567.89', 123456789]] as const)('%s 元 → %i 分', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen)
  })
  it.each(['', 'abc', '1.234', '-5', '1,5', '.5', '12345678', '１．２３４', '１，５'])('%j is not an amount', (text) => {
    expect(yuanToFen(text)).toBeNull()
  })
  // As a Chinese IME types them: full-width digits and point, the point as 。, an ideographic space.
  it.each([['１００', 10000], ['１００．５', 10050], ['２５．０５', 2505], ['100。5', 10050], ['\u3000３０\u3000', 3000]] as const)('%s 元 → %i 分', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen)
  })
  it('a full-width amount is no problem for a fee and is sent in fen', () => {
    const typed = form({ method: 'cash', amountYuan: '１００', receiptNo: 'R-1' })
    expect(operationFormProblems('renew', typed)).toEqual([])
    expect(operationBody('renew', typed).fee).toEqual({ amountFen: 10000, method: 'cash', receiptNo: 'R-1' })
  })
})

describe('operationNeeds', () => {
  it.each([
    ['issue_card', false, false, false, false, false, false],
    ['report_lost', false, false, false, false, false, false],
    ['reissue', true, false, false, false, false, false],
    ['freeze', false, true, false, false, false, false],
    ['unfreeze', false, false, false, false, false, false],
    // Cannot be undone: warned of, and asked with a danger button.
    ['cancel', false, true, false, false, false, true],
    ['renew', true, false, false, false, false, false],
    ['revisit', false, false, true, false, false, false],
    ['update_contact', false, true, false, true, false, false],
    ['change_level', false, true, false, false, true, false],
  ] as Array<[MemberOperation, boolean, boolean, boolean, boolean, boolean, boolean]>)('%s: fee %s, reason %s, re-visit %s, contact %s, level %s, final %s', (operation, fee, reason, revisit, contact, level, final) => {
    expect(operationNeeds(operation)).toEqual({ fee, reason, revisit, contact, level, final })
  })
})

describe('operationFormProblems and operationBody', () => {
  it('a reissue needs an amount and a receipt number unless waived', () => {
    expect(operationFormProblems('reissue', form())).toEqual(['amount', 'receipt'])
    expect(operationFormProblems('reissue', form({ amountYuan: '0', receiptNo: 'R1' }))).toEqual(['amount'])
    expect(operationFormProblems('reissue', form({ method: 'waived' }))).toEqual([])
    expect(operationFormProblems('renew', form({ amountYuan: '100', receiptNo: 'R-9' }))).toEqual([])
  })

  it('sends the fee in fen, a waived fee as 0 without a receipt', () => {
    expect(operationBody('reissue', form({ amountYuan: '20.5', method: 'wechat', receiptNo: ' R-1 ', note: ' 补卡 ' })))
      .toEqual({ fee: { amountFen: 2050, method: 'wechat', receiptNo: 'R-1' }, note: '补卡' })
    expect(operationBody('renew', form({ method: 'waived', amountYuan: '30', receiptNo: 'X' }))).toEqual({ fee: { amountFen: 0, method: 'waived' } })
  })

  it('freeze and cancel need a reason; other operations send none', () => {
    expect(operationFormProblems('freeze', form())).toEqual(['reason'])
    expect(operationBody('cancel', form({ reason: ' 本人申请 ' }))).toEqual({ reason: '本人申请' })
    expect(operationBody('issue_card', form({ reason: 'ignored', amountYuan: '5' }))).toEqual({})
    expect(operationFormProblems('issue_card', form())).toEqual([])
  })

  it('a level change needs the level chosen and a reason; only a level change sends a level', () => {
    expect(operationFormProblems('change_level', form())).toEqual(['reason', 'level'])
    expect(operationBody('change_level', form({ level: 'gold', reason: ' 会员申请升级 ' }))).toEqual({ level: 'gold', reason: '会员申请升级' })
    expect(operationBody('renew', form({ level: 'gold', method: 'waived' }))).toEqual({ fee: { amountFen: 0, method: 'waived' } })
  })

  it('a re-visit needs its outcome chosen; the channel defaults to a phone call; only a re-visit sends them', () => {
    expect(operationFormProblems('revisit', form())).toEqual(['outcome'])
    expect(operationFormProblems('revisit', form({ outcome: 'unreachable' }))).toEqual([])
    expect(operationBody('revisit', form({ outcome: 'reached', note: ' 满意 ' }))).toEqual({ revisit: { channel: 'phone', outcome: 'reached' }, note: '满意' })
    expect(operationBody('revisit', form({ channel: 'visit', outcome: 'declined' }))).toEqual({ revisit: { channel: 'visit', outcome: 'declined' } })
    expect(operationBody('freeze', form({ reason: '核查', outcome: 'reached' }))).toEqual({ reason: '核查' })
  })
})

describe('an amount above what a fee record may hold', () => {
  it('is refused before sending, in 元, at the shared cap (1,000,000 元)', () => {
    expect(operationFormProblems('renew', form({ amountYuan: '1000000', receiptNo: 'R-1' }))).toEqual([])
    expect(operationFormProblems('renew', form({ amountYuan: '1000000.01', receiptNo: 'R-1' }))).toEqual(['amount'])
    expect(operationFormProblems('reissue', form({ amountYuan: '2000000', receiptNo: 'R-1' }))).toEqual(['amount'])
    expect(operationFormProblems('renew', form({ amountYuan: '2000000', method: 'waived' }))).toEqual([])
  })

  it('says why in 元, the unit the amount is typed in', () => {
    expect(operationAmountMessage(form({ amountYuan: '2000000' }), 'zh-CN')).toBe('不能大于1,000,000元')
    expect(operationAmountMessage(form({ amountYuan: '2000000' }), 'en')).toBe('Must be at most ¥1,000,000')
    expect(operationAmountMessage(form({ amountYuan: '999999.99' }), 'zh-CN')).toBeNull()
    expect(operationAmountMessage(form({ amountYuan: 'abc' }), 'zh-CN')).toBeNull()
  })
})
