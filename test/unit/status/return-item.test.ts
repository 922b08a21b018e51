import type { ReturnItem } from '#shared/status/return-item'
import { toValidationIssues } from '#shared/errors/zod-issues'
import { itemNamingNoField, returnableFields, ReturnItemsSchema } from '#shared/status/return-item'
import { repeatedReturnItem, returnInputFailure } from '#shared/status/review-decisions'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual } from '../../fixtures/applications'

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

describe('a return\'s field items, held to the application returned', () => {
  const family = makeFamily()

  it('names fields this application has: each dependant it has, by index', () => {
    const fields = returnableFields(family)
    expect(fields).toEqual(expect.arrayContaining(['person.mobile', 'dependants.0.name', `dependants.${family.dependants.length - 1}.name`]))
    expect(itemNamingNoField([mobile, idBack, { kind: 'field', ref: 'dependants.0.name' }], family)).toBe(-1)
  })

  it.each([
    ['a dependant it does not have', `dependants.${family.dependants.length}.name`],
    ['a field the payment does not have', 'payment.name'],
    ['a part of a name', 'person.name.name'],
    ['an organisation\'s field on a family', 'organisation.uscc'],
  ])('finds %s (%s), past the materials before it', (_label, ref) => {
    expect(itemNamingNoField([idBack, mobile, { kind: 'field', ref }], family)).toBe(2)
  })

  it('asks nothing of materials: a missing one can be asked for', () => {
    expect(itemNamingNoField([{ kind: 'material', ref: 'business_licence' }], makeIndividual())).toBe(-1)
  })
})
