import { describe, expect, it } from 'vitest'
import { auditFormFromQuery, auditPageOf, auditPageQuery, auditQueryFromForm, isSearchShown, pickerRange, rangeFromPicker } from '../../../client/src/desk/admin/audit-query'

describe('the audit log\'s filters: URL ↔ form', () => {
  const searched = { action: 'site.update', target: 'NH01', from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T15:59:59.000Z', page: '3' }

  it('reads each filter, and each end of the range, from its own key', () => {
    expect(auditFormFromQuery(searched)).toEqual({ action: 'site.update', actorId: '', target: 'NH01', from: searched.from, to: searched.to })
    expect(auditPageOf(searched)).toBe(3)
    expect(auditPageOf({ page: 'x' })).toBe(1)
  })

  it('keeps a range with only an end as an end, and one with only a start as a start', () => {
    const onlyEnd = auditFormFromQuery({ to: '2026-11-30T15:59:59.000Z' })
    expect(onlyEnd).toMatchObject({ from: '', to: '2026-11-30T15:59:59.000Z' })
    expect(auditQueryFromForm(onlyEnd)).toEqual({ to: '2026-11-30T15:59:59.000Z' })
    expect(auditQueryFromForm(auditFormFromQuery({ from: '2026-11-01T00:00:00.000Z' }))).toEqual({ from: '2026-11-01T00:00:00.000Z' })
  })

  it('writes a search as the URL holds it: instants in UTC, the target trimmed, page 1 and open filters left out', () => {
    const form = { action: '', actorId: 'staff-1', target: '  NH01 ', from: '2026-11-01T00:00:00+08:00', to: 'not a time' }
    expect(auditQueryFromForm(form)).toEqual({ actorId: 'staff-1', target: 'NH01', from: '2026-10-31T16:00:00.000Z' })
    expect(auditQueryFromForm(form, 2)).toMatchObject({ page: '2' })
  })

  it('pages through the search the URL holds, not the form being edited', () => {
    expect(auditPageQuery(searched, 2)).toEqual({ action: 'site.update', target: 'NH01', from: searched.from, to: searched.to, page: '2' })
    expect(auditPageQuery({ ...searched, unrelated: 'x' }, 1)).toEqual({ action: 'site.update', target: 'NH01', from: searched.from, to: searched.to })
  })

  it('knows a search as the one the URL holds, whatever the keys\' order; another page or filter is another search', () => {
    expect(isSearchShown({ action: 'site.update', target: 'NH01' }, { target: 'NH01', action: 'site.update' })).toBe(true)
    expect(isSearchShown({}, {})).toBe(true)
    expect(isSearchShown({}, { page: '1' })).toBe(true)
    expect(isSearchShown({ action: 'site.update' }, { action: 'site.update', page: '2' })).toBe(false)
    expect(isSearchShown({ action: 'site.update' }, { action: 'site.create' })).toBe(false)
    expect(isSearchShown({ action: 'site.update' }, {})).toBe(false)
    expect(isSearchShown({}, { action: 'site.update' })).toBe(false)
  })
})

describe('the audit log\'s time range in its picker', () => {
  it('shows the form\'s instants on China\'s wall clock, whatever zone the computer runs in', () => {
    expect(pickerRange({ from: '2026-12-07T11:05:00.000Z', to: '2026-12-07T15:59:59.000Z' })).toEqual(['2026-12-07 19:05:00', '2026-12-07 23:59:59'])
    // Only a whole range goes into the picker; a link's single end is shown beside it.
    expect(pickerRange({ from: '2026-12-07T11:05:00.000Z', to: '' })).toBeNull()
    expect(pickerRange({ from: 'nonsense', to: '2026-12-07T11:05:00.000Z' })).toBeNull()
  })

  it('reads a range picked on China\'s wall clock as the instants it names', () => {
    expect(rangeFromPicker(['2026-12-07 00:00:00', '2026-12-07 23:59:59'])).toEqual({ from: '2026-12-06T16:00:00.000Z', to: '2026-12-07T15:59:59.000Z' })
    expect(rangeFromPicker(null)).toEqual({ from: '', to: '' })
    expect(rangeFromPicker(['', 'not a time'])).toEqual({ from: '', to: '' })
  })

  it('gives back the range it showed', () => {
    const form = { from: '2026-11-30T16:00:00.000Z', to: '2026-12-01T15:59:59.000Z' }
    expect(rangeFromPicker(pickerRange(form))).toEqual(form)
  })
})
