import { maskApplication } from '#shared/privacy/application-masking'
import { describe, expect, it } from 'vitest'
import { makeIndividual, makeOrganisation } from '../../fixtures/applications'

describe('maskApplication', () => {
  it('masks an individual\'s ID number and mobile, and the guardian\'s; the name stays', () => {
    const app = makeIndividual({}, { seq: 7 }) as never as Parameters<typeof maskApplication>[0]
    const masked = maskApplication(app)
    if (masked.applicantType === 'organisation' || app.applicantType === 'organisation')
      throw new Error('individual expected')
    expect(masked.person.name).toBe(app.person.name)
    expect(masked.person.idNumber).toBe(`${app.person.idNumber.slice(0, 6)}********${app.person.idNumber.slice(-4)}`)
    expect(masked.person.mobile).toBe(`${app.person.mobile.slice(0, 3)}****${app.person.mobile.slice(-4)}`)
    expect(masked.person.address).toEqual(app.person.address)
    expect(JSON.stringify(masked)).not.toContain(app.person.idNumber)
    expect(app.person.idNumber).not.toContain('*')
  })

  it('masks an organisation contact\'s mobile and keeps the USCC', () => {
    const app = makeOrganisation({}, { seq: 3 }) as never as Parameters<typeof maskApplication>[0]
    if (app.applicantType !== 'organisation')
      throw new Error('organisation expected')
    const masked = maskApplication(app)
    if (masked.applicantType !== 'organisation')
      throw new Error('organisation expected')
    expect(masked.organisation.uscc).toBe(app.organisation.uscc)
    expect(masked.organisation.contact.name).toBe(app.organisation.contact.name)
    expect(masked.organisation.contact.mobile).toContain('****')
  })
})
