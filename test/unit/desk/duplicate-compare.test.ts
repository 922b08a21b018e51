import type { Application } from '#shared/application/application.schema'
import type { Actor, ApplicationStatus } from '#shared/status/status-table'
import type { ComparedCandidate } from '../../../client/src/desk/application/duplicate-compare'
import { ApplicationSchema } from '#shared/application/application.schema'
import { maskApplication } from '#shared/privacy/application-masking'
import { describe, expect, it } from 'vitest'
import { allowedResolutions, asApplication, compareRows, offeredMemberFields, parseParty, partyValues, resolutionRefusal } from '../../../client/src/desk/application/duplicate-compare'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'

const individual = (overrides?: Parameters<typeof makeIndividual>[0]): Application => ApplicationSchema.parse(makeIndividual(overrides))
const family = (): Application => ApplicationSchema.parse(makeFamily())
const organisation = (): Application => ApplicationSchema.parse(makeOrganisation())

/** A candidate against a member, matched applicant to applicant, as the detail answer gives it. */
function candidate(overrides: Partial<ComparedCandidate> = {}): ComparedCandidate {
  return {
    otherType: 'member',
    comparison: { party: 'applicant', otherParty: 'applicant', fields: { name: 'same', birthDate: 'same', idNumber: 'same', mobile: 'different', address: 'missing' } },
    resolution: null,
    ...overrides,
  }
}

describe('the matched parties of a duplicate candidate', () => {
  it('reads applicant, organisation and dependant references, nothing else', () => {
    expect(parseParty('applicant')).toEqual({ kind: 'applicant' })
    expect(parseParty('organisation')).toEqual({ kind: 'organisation' })
    expect(parseParty('dependant:2')).toEqual({ kind: 'dependant', index: 2 })
    expect(parseParty('guardian')).toBeNull()
    expect(parseParty('dependant:x')).toBeNull()
    expect(parseParty(undefined)).toBeNull()
  })

  it('takes the applicant\'s values, the ID number after its type', () => {
    const app = individual()
    expect(partyValues(app, 'applicant', 'zh-CN')).toEqual({
      name: '张伟',
      birthDate: '1988-03-15',
      idNumber: `居民身份证 ${app.applicantType !== 'organisation' ? app.person.idNumber : ''}`,
      uscc: null,
      mobile: '13800138000',
      address: '北京市朝阳区 · 朝阳区建国路88号SOHO现代城A座1201室',
    })
  })

  it('gives a dependant the applicant\'s address, and nothing for a document or mobile it lacks', () => {
    const app = family()
    if (app.applicantType !== 'family')
      throw new Error('expected a family')
    const values = partyValues(app, 'dependant:2', 'en')
    expect(values.name).toBe(app.dependants[2]!.name)
    expect(values.birthDate).toBe(app.dependants[2]!.birthDate)
    expect(values.idNumber).toBeNull()
    expect(values.mobile).toBeNull()
    expect(values.address).toContain(app.person.address.detail)
    expect(partyValues(app, 'dependant:9', 'en').name).toBeNull()
  })

  it('takes an organisation\'s name, USCC, contact mobile and registered address', () => {
    const app = organisation()
    if (app.applicantType !== 'organisation')
      throw new Error('expected an organisation')
    expect(partyValues(app, 'organisation', 'zh-CN')).toMatchObject({ name: app.organisation.name, uscc: app.organisation.uscc, mobile: app.organisation.contact.mobile, birthDate: null, idNumber: null })
    // A party the record does not have gives nothing rather than someone else's values.
    expect(partyValues(app, 'applicant', 'zh-CN').name).toBeNull()
    expect(partyValues(individual(), 'organisation', 'zh-CN').name).toBeNull()
  })

  it('accepts only application-shaped data for the other record', () => {
    expect(asApplication(individual())).not.toBeNull()
    expect(asApplication({ applicantType: 'robot' })).toBeNull()
    expect(asApplication(null)).toBeNull()
    expect(asApplication('x')).toBeNull()
  })
})

describe('the rows of the side-by-side view', () => {
  it('lists the compared fields in order with their comparison, then the context rows', () => {
    const mine = individual({ person: { mobile: '13912340001' } })
    const other = individual()
    const rows = compareRows(candidate(), mine, other, 'zh-CN')
    expect(rows.map(r => r.key)).toEqual(['name', 'birthDate', 'idNumber', 'mobile', 'address', 'category', 'siteId', 'capturedAt'])
    expect(rows.find(r => r.key === 'idNumber')).toMatchObject({ comparison: 'same' })
    expect(rows.find(r => r.key === 'mobile')).toEqual({ key: 'mobile', comparison: 'different', left: '13912340001', right: '13800138000' })
    expect(rows.find(r => r.key === 'category')).toEqual({ key: 'category', comparison: null, left: 'standard', right: 'standard' })
    expect(rows.find(r => r.key === 'capturedAt')?.left).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
  })

  it('dates each capture on China\'s clock, not by the instant\'s UTC date', () => {
    // 06:02 in Beijing on 7 December is 22:02 UTC on the 6th; 19:02 is the 7th both ways.
    const early = individual({ capturedAt: '2026-12-06T22:02:20.194Z' })
    const late = individual({ capturedAt: '2026-12-07T11:02:21.000Z' })
    const row = compareRows(candidate(), late, early, 'zh-CN').find(r => r.key === 'capturedAt')
    expect(row).toEqual({ key: 'capturedAt', comparison: null, left: '2026年12月7日', right: '2026年12月7日' })
  })

  it('writes a capture date as the reader writes a date, not as ISO digits', () => {
    const app = individual({ capturedAt: '2026-12-06T22:02:20.194Z' })
    expect(compareRows(candidate(), app, app, 'en').find(r => r.key === 'capturedAt')).toMatchObject({ left: 'Dec 7, 2026', right: 'Dec 7, 2026' })
    // A value that names no instant is shown as it is, never as a blank or "Invalid Date".
    const odd: Application = { ...individual(), capturedAt: 'not-a-date' }
    expect(compareRows(candidate(), odd, null, 'zh-CN').find(r => r.key === 'capturedAt')).toMatchObject({ left: 'not-a-date', right: null })
  })

  it('names the site and the category as the desk\'s directory does', () => {
    const mine = individual()
    const names = { site: (id: string) => `朝阳网点（${id}）`, category: (code: string, level: string | null | undefined) => `${code === 'standard' ? '普通会员' : code}${level ? ` · ${level}` : ''}` }
    const rows = compareRows(candidate(), mine, individual(), 'zh-CN', names)
    expect(rows.find(r => r.key === 'category')).toMatchObject({ left: '普通会员', right: '普通会员' })
    expect(rows.find(r => r.key === 'siteId')).toMatchObject({ left: `朝阳网点（${mine.siteId}）` })
  })

  it('puts a dependant on the left against the other\'s applicant on the right', () => {
    const mine = family()
    const other = individual()
    const rows = compareRows(candidate({ comparison: { party: 'dependant:0', otherParty: 'applicant', fields: { name: 'similar', idNumber: 'different' } } }), mine, other, 'zh-CN')
    expect(rows.slice(0, 2).map(r => r.key)).toEqual(['name', 'idNumber'])
    if (mine.applicantType !== 'family')
      throw new Error('expected a family')
    expect(rows[0]).toMatchObject({ comparison: 'similar', left: mine.dependants[0]!.name, right: '张伟' })
  })

  it('shows the values as given: masked when the records were fetched masked', () => {
    const rows = compareRows(candidate(), maskApplication(individual()), maskApplication(individual()), 'zh-CN')
    expect(rows.find(r => r.key === 'idNumber')?.left).toContain('********')
    expect(rows.find(r => r.key === 'mobile')?.right).toBe('138****8000')
  })

  it('without the other record (another site\'s), keeps the comparison and leaves its column empty', () => {
    const rows = compareRows(candidate(), individual(), null, 'zh-CN')
    expect(rows.find(r => r.key === 'idNumber')).toMatchObject({ comparison: 'same', right: null })
    expect(rows.every(r => r.right === null)).toBe(true)
  })

  it('without a stored comparison, shows the fields of the party\'s kind, unmarked', () => {
    const org = compareRows(candidate({ comparison: null }), organisation(), organisation(), 'en')
    expect(org.map(r => r.key).slice(0, 4)).toEqual(['name', 'uscc', 'mobile', 'address'])
    expect(org.every(r => r.comparison === null)).toBe(true)
    const person = compareRows(candidate({ comparison: null }), individual(), null, 'en')
    expect(person.map(r => r.key).slice(0, 5)).toEqual(['name', 'birthDate', 'idNumber', 'mobile', 'address'])
  })
})

describe('the member details a same-person verdict may carry over', () => {
  const reviewer: Actor = { id: 'r-1', role: 'reviewer', siteIds: ['site-1'] }
  const supervisor: Actor = { id: 's-1', role: 'supervisor', siteIds: [] }
  /** Against a member of `siteId`, as the detail answer names it. */
  const against = (siteId: string, overrides: Partial<ComparedCandidate> = {}) => ({ ...candidate(overrides), other: { siteId } })

  it('offers a person\'s contact details the application has, against a member matched applicant to applicant', () => {
    expect(offeredMemberFields(against('site-1'), individual(), reviewer)).toEqual(['mobile', 'email', 'address', 'occupation', 'employer'])
    expect(offeredMemberFields(against('site-1'), individual({ person: { email: undefined, occupation: undefined } }), reviewer)).toEqual(['mobile', 'address', 'employer'])
  })

  it('offers an organisation\'s contact and registered address', () => {
    const c = against('site-1', { comparison: { party: 'organisation', otherParty: 'organisation', fields: { uscc: 'same' } } })
    expect(offeredMemberFields(c, organisation(), reviewer)).toEqual(['contact', 'registeredAddress'])
  })

  it('offers nothing against another application, or when a dependant matched, or without a comparison', () => {
    expect(offeredMemberFields(against('site-1', { otherType: 'application' }), individual(), reviewer)).toEqual([])
    expect(offeredMemberFields(against('site-1', { comparison: { party: 'dependant:0', otherParty: 'applicant', fields: {} } }), family(), reviewer)).toEqual([])
    expect(offeredMemberFields(against('site-1', { comparison: { party: 'applicant', otherParty: 'dependant:1', fields: {} } }), individual(), reviewer)).toEqual([])
    expect(offeredMemberFields(against('site-1', { comparison: null }), individual(), reviewer)).toEqual([])
    expect(offeredMemberFields(against('site-1'), null, reviewer)).toEqual([])
  })

  it('offers nothing to a reviewer against another site\'s member, which a supervisor may update', () => {
    expect(offeredMemberFields(against('site-2'), individual(), reviewer)).toEqual([])
    expect(offeredMemberFields(against('site-2'), individual(), supervisor)).toEqual(['mobile', 'email', 'address', 'occupation', 'employer'])
    expect(offeredMemberFields({ ...candidate(), other: null }, individual(), supervisor)).toEqual([])
    expect(offeredMemberFields(against('site-1'), individual(), null)).toEqual([])
  })
})

describe('the verdicts offered: exactly what the shared rule allows', () => {
  const reviewer: Actor = { id: 'r-1', role: 'reviewer', siteIds: ['site-1'] }
  const facts = (status: ApplicationStatus, siteId = 'site-1') => ({ status, siteId })

  const cases: Array<[string, Actor, ApplicationStatus, string, string[]]> = [
    ['reviewer, submitted', reviewer, 'submitted', 'site-1', ['different_person']],
    ['reviewer, in review', reviewer, 'in_review', 'site-1', ['different_person', 'same_person']],
    ['reviewer of another site', reviewer, 'in_review', 'site-2', []],
    ['supervisor of no site', { id: 's-1', role: 'supervisor', siteIds: [] }, 'in_review', 'site-2', ['different_person', 'same_person']],
    ['field agent', { id: 'a-1', role: 'field_agent', siteIds: ['site-1'] }, 'in_review', 'site-1', []],
    ['reviewer, returned', reviewer, 'returned', 'site-1', []],
    ['reviewer, rejected', reviewer, 'rejected', 'site-1', []],
  ]
  for (const [name, actor, status, siteId, expected] of cases) {
    it(`${name}: ${expected.join(', ') || 'none'}`, () => {
      expect(allowedResolutions(actor, facts(status, siteId), candidate())).toEqual(expected)
    })
  }

  it('offers nothing on a resolved candidate, or without a session', () => {
    expect(allowedResolutions(reviewer, facts('in_review'), candidate({ resolution: 'different_person' }))).toEqual([])
    expect(allowedResolutions(null, facts('in_review'), candidate())).toEqual([])
  })

  it('says why same person is not offered before the review starts', () => {
    expect(resolutionRefusal(reviewer, facts('submitted'), 'same_person')).toMatchObject({ code: 'duplicate.same_person_needs_review' })
    expect(resolutionRefusal(reviewer, facts('in_review'), 'same_person')).toBeNull()
  })
})
