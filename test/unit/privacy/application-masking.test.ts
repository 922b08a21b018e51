import type { Application } from '#shared/application/application.schema'
import { maskApplication } from '#shared/privacy/application-masking'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'

describe('maskApplication', () => {
  it('masks an individual\'s name, ID number, mobile, street address and birth date; nothing else', () => {
    const app = makeIndividual({}, { seq: 7 }) as never as Application
    const masked = maskApplication(app)
    if (masked.applicantType === 'organisation' || app.applicantType === 'organisation')
      throw new Error('individual expected')
    expect(masked.person.name).toBe(`${app.person.name.slice(0, 1)}*`)
    expect(masked.person.idNumber).toBe(`${app.person.idNumber.slice(0, 6)}********${app.person.idNumber.slice(-4)}`)
    expect(masked.person.mobile).toBe(`${app.person.mobile.slice(0, 3)}****${app.person.mobile.slice(-4)}`)
    expect(masked.person.address.regionCode).toBe(app.person.address.regionCode)
    expect(masked.person.address.detail).not.toBe(app.person.address.detail)
    expect(masked.person.gender).toBe(app.person.gender)
    // The year only: the month and day beside the masked ID would give its hidden digits away.
    expect(masked.person.birthDate).toBe(`${app.person.birthDate.slice(0, 4)}-**-**`)
    expect(app.person.idNumber.slice(6, 14)).toBe(app.person.birthDate.replaceAll('-', ''))
    expect(JSON.stringify(masked)).not.toContain(app.person.birthDate)
    expect(JSON.stringify(masked)).not.toContain(app.person.idNumber)
    expect(app.person.idNumber).not.toContain('*')
  })

  it('masks the referrer (推荐人), a person\'s name, as it masks the applicant\'s', () => {
    const app = makeIndividual({ person: { referrer: '李娜' } }, { seq: 8 }) as never as Application
    if (app.applicantType === 'organisation')
      throw new Error('individual expected')
    const masked = maskApplication(app)
    expect(masked.person.referrer).toBe('李*')
    expect(JSON.stringify(masked)).not.toContain('李娜')
    // Masking a masked copy changes nothing (the desk masks what the server sent again).
    expect(maskApplication(masked)).toEqual(masked)
  })

  it('gives where it was captured to about a kilometre, with an accuracy that says so; the exact point never', () => {
    const app = makeIndividual({}, { seq: 9 }) as never as Application
    const exact = { lat: 39.908_726, lng: 116.460_531, accuracy: 12 }
    const masked = maskApplication({ ...app, geo: exact })
    expect(masked.geo).toEqual({ lat: 39.91, lng: 116.46, accuracy: 1000 })
    expect(JSON.stringify(masked)).not.toContain('39.9087')
    expect(maskApplication(masked)).toEqual(masked)
    // A capture less accurate than that keeps its own, larger, uncertainty; none stays none.
    expect(maskApplication({ ...app, geo: { lat: -33.868_82, lng: 151.209_29, accuracy: 2500 } }).geo).toEqual({ lat: -33.87, lng: 151.21, accuracy: 2500 })
    const { geo: _omitted, ...withoutGeo } = app
    expect(maskApplication(withoutGeo as Application).geo).toBeUndefined()
  })

  it('masks an organisation\'s contact and legal representative, not the organisation', () => {
    const app = makeOrganisation({}, { seq: 3 }) as never as Application
    if (app.applicantType !== 'organisation')
      throw new Error('organisation expected')
    const masked = maskApplication(app)
    if (masked.applicantType !== 'organisation')
      throw new Error('organisation expected')
    expect(masked.organisation.uscc).toBe(app.organisation.uscc)
    expect(masked.organisation.name).toBe(app.organisation.name)
    expect(masked.organisation.contact.name).toContain('*')
    expect(masked.organisation.legalRepresentative).toContain('*')
    expect(masked.organisation.contact.mobile).toContain('****')
  })

  it('masks every dependant\'s birth date as the applicant\'s, and a masked copy to itself', () => {
    const app = makeFamily({}, { seq: 4 }) as never as Application
    if (app.applicantType !== 'family')
      throw new Error('family expected')
    const masked = maskApplication(app)
    if (masked.applicantType !== 'family')
      throw new Error('family expected')
    expect(app.dependants.length).toBeGreaterThan(0)
    masked.dependants.forEach((dependant, i) => {
      expect(dependant.birthDate).toBe(`${app.dependants[i]!.birthDate.slice(0, 4)}-**-**`)
      expect(dependant.relation).toBe(app.dependants[i]!.relation)
    })
    expect(maskApplication(masked)).toEqual(masked)
  })
})
