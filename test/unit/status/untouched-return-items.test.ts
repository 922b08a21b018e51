import type { ReturnItem } from '#shared/status/return-item'
import { answeredReturnItems, untouchedReturnItems } from '#shared/status/untouched-return-items'
import { describe, expect, it } from 'vitest'
import { makeAttachment, makeFamily, makeIndividual, withPath } from '../../fixtures/applications'

const mobile: ReturnItem = { kind: 'field', ref: 'person.mobile', note: '请核实' }
const address: ReturnItem = { kind: 'field', ref: 'person.address' }
const idFront: ReturnItem = { kind: 'material', ref: 'id_front' }

describe('the return items a fix leaves as they were returned', () => {
  const returned = makeIndividual()

  it('all of them, when nothing changed', () => {
    expect(untouchedReturnItems([mobile, address, idFront], returned, structuredClone(returned))).toEqual([mobile, address, idFront])
  })

  it('not a field whose value changed, nor one of whose parts did', () => {
    const fixed = withPath(withPath(returned, 'person.mobile', '13912345678'), 'person.address.detail', '朝阳路 2 号')
    expect(untouchedReturnItems([mobile, address, idFront], returned, fixed)).toEqual([idFront])
  })

  it('a field is untouched when only another field changed, however near', () => {
    const fixed = withPath(returned, 'person.email', 'li.na@example.cn')
    expect(untouchedReturnItems([mobile, { kind: 'field', ref: 'person.mob' }], returned, fixed)).toEqual([mobile, { kind: 'field', ref: 'person.mob' }])
  })

  it('a field left empty by the fix, or filled where it was empty, changed', () => {
    const occupation: ReturnItem = { kind: 'field', ref: 'person.occupation' }
    const withOccupation = withPath(returned, 'person.occupation', '教师')
    expect(untouchedReturnItems([occupation], returned, withOccupation)).toEqual([])
    expect(untouchedReturnItems([occupation], withOccupation, returned)).toEqual([])
  })

  it('a material retaken (a new file), added or removed is answered; one with the same files is not', () => {
    const files = returned.attachments
    const retaken = { ...returned, attachments: files.map(file => file.kind === 'id_front' ? makeAttachment('id_front', 'retaken') : file) }
    expect(untouchedReturnItems([idFront], returned, retaken)).toEqual([])
    const added = { ...returned, attachments: [...files, makeAttachment('other', 'extra')] }
    expect(untouchedReturnItems([{ kind: 'material', ref: 'other' }], returned, added)).toEqual([])
    expect(untouchedReturnItems([{ kind: 'material', ref: 'other' }], added, returned)).toEqual([])
    const reordered = { ...returned, attachments: [...files].reverse() }
    expect(untouchedReturnItems([idFront, { kind: 'material', ref: 'id_back' }], returned, reordered)).toHaveLength(2)
  })

  it('a family member named whole is answered by a change to any of their fields', () => {
    const family = makeFamily()
    const second: ReturnItem = { kind: 'field', ref: 'dependants.0' }
    expect(untouchedReturnItems([second], family, withPath(family, 'dependants.0.name', '王小明'))).toEqual([])
    expect(untouchedReturnItems([second], family, structuredClone(family))).toEqual([second])
  })
})

describe('a return\'s items marked as the fix answered them', () => {
  it('each item once, in the return\'s order, changed or not', () => {
    const returned = makeIndividual()
    const fixed = withPath(returned, 'person.mobile', '13912345678')
    expect(answeredReturnItems([idFront, mobile, address], returned, fixed)).toEqual([
      { ...idFront, changed: false },
      { ...mobile, changed: true },
      { ...address, changed: false },
    ])
  })
})
