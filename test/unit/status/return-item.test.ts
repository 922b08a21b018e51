import type { ReturnItem } from '#shared/status/return-item'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { ReturnItemsSchema } from '#shared/status/return-item'
import { repeatedReturnItem, returnInputFailure } from '#shared/status/review-decisions'
import { describe, expect, it } from 'vitest'

const mobile: ReturnItem = { kind: 'field', ref: 'person.mobile' }
const idBack: ReturnItem = { kind: 'material', ref: 'id_back' }

describe('a return\'s items, each named once', () => {
  it.each<[string, ReturnItem[], number]>([
    ['none', [], -1],
    ['distinct field and material', [mobile, idBack], -1],
    ['two fields', [mobile, { kind: 'field', ref: 'person.name' }], -1],
    ['a field twice', [mobile, idBack, { ...mobile, note: '再核实' }], 2],
    ['a material twice, notes aside', [{ ...idBack, note: '模糊' }, idBack], 1],
  ])('%s', (_label, items, index) => {
    expect(repeatedReturnItem(items)).toBe(index)
    expect(returnInputFailure(items)).toBe(items.length === 0 ? 'status.items_required' : index >= 0 ? 'return.duplicate_item' : null)
  })

  it('is refused by the schema on the repeat, as the desk\'s form refuses it', () => {
    const items = [mobile, idBack, { ...mobile, note: '再核实' }]
    const result = ReturnItemsSchema.safeParse(items)
    expect(result.success).toBe(false)
    expect(toValidationIssues(result.error!, items)).toEqual([expect.objectContaining({ path: '2.ref', code: 'return.duplicate_item' })])
    expect(ReturnItemsSchema.safeParse([mobile, idBack]).success).toBe(true)
  })
})
