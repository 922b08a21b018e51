import { describe, expect, it } from 'vitest'
import { standingDecision } from '../../../client/src/desk/application/standing-decision'

const ITEMS = [{ kind: 'field' as const, ref: 'person.mobile' }, { kind: 'material' as const, ref: 'id_back' as const }]
const ANSWERED = { version: 3, at: '2026-12-07T02:17:00Z', note: '请补充后重新提交', items: [] }
const NONE = { returnItems: null, rejectReason: null, decisionNote: null, answeredReturn: null }

describe('the decision the application page shows as standing', () => {
  it('a return while it stands: its items and note', () => {
    expect(standingDecision({ ...NONE, returnItems: ITEMS, decisionNote: '请补充后重新提交' }))
      .toEqual({ returnItems: ITEMS, rejectReason: null, note: '请补充后重新提交' })
  })

  it('a return the agent has answered: nothing (the page shows it once, as the earlier return)', () => {
    expect(standingDecision({ ...NONE, returnItems: ITEMS, decisionNote: '请补充后重新提交', answeredReturn: ANSWERED })).toBeNull()
  })

  it('a rejection or an approval after an answered return: that decision', () => {
    expect(standingDecision({ ...NONE, rejectReason: 'duplicate', decisionNote: '重复申请', answeredReturn: ANSWERED }))
      .toEqual({ returnItems: [], rejectReason: 'duplicate', note: '重复申请' })
    expect(standingDecision({ ...NONE, decisionNote: '资料核对无误', answeredReturn: ANSWERED }))
      .toEqual({ returnItems: [], rejectReason: null, note: '资料核对无误' })
  })

  it('never decided, or approved without a note: nothing', () => {
    expect(standingDecision(NONE)).toBeNull()
    expect(standingDecision({ ...NONE, returnItems: [] })).toBeNull()
  })
})
