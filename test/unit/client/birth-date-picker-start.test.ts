import { describe, expect, it } from 'vitest'
import { birthDatePickerStart } from '../../../client/src/field/enrol/birth-date-picker-start'

const TODAY = '2026-12-07'

describe('where an empty birth-date picker opens', () => {
  it('opens a dependant\'s near their generation from the applicant\'s year', () => {
    expect(birthDatePickerStart('child', '1985-06-30', TODAY)).toBe('2013-01-01')
    expect(birthDatePickerStart('grandchild', '1960-02-01', TODAY)).toBe('2015-01-01')
    expect(birthDatePickerStart('parent', '1985-06-30', TODAY)).toBe('1957-01-01')
    expect(birthDatePickerStart('grandparent', '1985-06-30', TODAY)).toBe('1930-01-01')
    expect(birthDatePickerStart('spouse', '1985-06-30', TODAY)).toBe('1985-01-01')
    expect(birthDatePickerStart('sibling', '1985-06-30', TODAY)).toBe('1985-01-01')
    expect(birthDatePickerStart('other', '1985-06-30', TODAY)).toBe('1985-01-01')
  })

  it('without the applicant\'s birth date: 1990, a child ten years back, a grandchild five', () => {
    expect(birthDatePickerStart(null, '', TODAY)).toBe('1990-01-01')
    expect(birthDatePickerStart('', undefined, TODAY)).toBe('1990-01-01')
    expect(birthDatePickerStart('child', '', TODAY)).toBe('2016-01-01')
    expect(birthDatePickerStart('grandchild', 'not a date', TODAY)).toBe('2021-01-01')
    expect(birthDatePickerStart('parent', '', TODAY)).toBe('1962-01-01')
  })

  it('stays between 1900 and this year, whatever the arithmetic gives', () => {
    expect(birthDatePickerStart('child', '2010-01-01', TODAY)).toBe('2026-01-01')
    expect(birthDatePickerStart('grandchild', '1990-01-01', TODAY)).toBe('2026-01-01')
    expect(birthDatePickerStart('grandparent', '1930-01-01', TODAY)).toBe('1900-01-01')
    expect(birthDatePickerStart('unknown-relation', '1985-06-30', TODAY)).toBe('1985-01-01')
  })
})
