import { describe, expect, it } from 'vitest'
import { searchKeptInUrl } from '../../../client/src/desk/members/member-search-url'
import { makeResidentId } from '../../fixtures/applications'

/** Which members searches the desk writes into its address: member numbers only, never a person's numbers. */
describe('a members search in the address', () => {
  it.each([
    ['FE00000001', 'a member number'],
    ['fe0000000', 'its beginning, in lower case'],
    ['FE', 'the prefix'],
    ['F', 'the prefix\'s beginning'],
    [' FE 0000 0001 ', 'with spaces'],
    ['ＦＥ００００００１２', 'in full-width characters'],
  ])('keeps %s (%s)', (text) => {
    expect(searchKeptInUrl(text, 'FE')).toBe(true)
  })

  it.each([
    ['13800138000', 'a mobile'],
    ['+86 138 0013 8000', 'a mobile as typed'],
    [makeResidentId('1988-03-15', 'male', { sequence: 3 }), 'a resident ID number'],
    [makeResidentId('1988-03-15', 'male', { sequence: 3 }).toLowerCase(), 'a resident ID number in lower case'],
    ['E12345678', 'a passport number shaped like a member number'],
    ['H12345678', 'a Hong Kong and Macau permit'],
    ['91110105MA001005XM', 'a USCC'],
    ['FE000000012', 'more digits than a member number has'],
    ['FE0000000X', 'a member number\'s prefix with a letter after its digits'],
    ['FX00000001', 'another prefix'],
    ['张三', 'a name'],
    ['', 'nothing'],
  ])('keeps %s (%s) out', (text) => {
    expect(searchKeptInUrl(text, 'FE')).toBe(false)
  })

  it('keeps everything out while the programme\'s prefix is not known', () => {
    expect(searchKeptInUrl('FE00000001', null)).toBe(false)
    expect(searchKeptInUrl('FE00000001', '')).toBe(false)
  })
})
