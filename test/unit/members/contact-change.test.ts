import type { Application } from '#shared/application/application.schema'
import { ApplicationSchema } from '#shared/application/application.schema'
import { applyContactChange, MemberContactChangeSchema, newerDetails } from '#shared/members/contact-change'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'

const parse = (input: unknown): Application => ApplicationSchema.parse(input)

describe('a member\'s contact details changed at the desk (资料变更)', () => {
  const person = parse(makeIndividual())
  const family = parse(makeFamily())
  const organisation = parse(makeOrganisation())

  it('changes the details given, and answers only the fields whose value changed', () => {
    const result = applyContactChange(person, { person: { mobile: '13900001111', address: { regionCode: '310104', detail: '漕溪北路 88 号' }, occupation: person.applicantType === 'individual' ? person.person.occupation : undefined } })
    expect(result.ok).toBe(true)
    if (!result.ok || result.data.applicantType === 'organisation')
      return
    expect(result.changed).toEqual(['mobile', 'address'])
    expect(result.data.person.mobile).toBe('13900001111')
    expect(result.data.person.address).toEqual({ regionCode: '310104', detail: '漕溪北路 88 号' })
    // Identity stays as approved.
    expect(result.data.person.name).toBe('张伟')
    expect(result.data.person.idNumber).toBe(person.applicantType === 'individual' ? person.person.idNumber : '')
  })

  it('removes an optional detail with null, and giving a declined one lifts the decline', () => {
    const removed = applyContactChange(person, { person: { email: null } })
    expect(removed.ok && removed.changed).toEqual(['email'])
    expect(removed.ok && removed.data.applicantType !== 'organisation' && 'email' in removed.data.person).toBe(false)

    // 王芳 (the family's primary applicant) declined to give her employer.
    expect(family.applicantType !== 'organisation' && family.person.declined).toEqual(['employer'])
    const given = applyContactChange(family, { person: { employer: '上海某某科技有限公司' } })
    expect(given.ok && given.changed).toEqual(['employer'])
    expect(given.ok && given.data.applicantType !== 'organisation' && given.data.person).toMatchObject({ employer: '上海某某科技有限公司', declined: [] })
    // The dependants are untouched.
    expect(given.ok && given.data.applicantType === 'family' && given.data.dependants).toEqual(family.applicantType === 'family' && family.dependants)
  })

  it('changes an organisation\'s contact person and registered address, never a person\'s details', () => {
    const contact = { name: '钱多多', mobile: '15800001111', position: '办公室主任' }
    const result = applyContactChange(organisation, { organisation: { contact } })
    expect(result.ok && result.changed).toEqual(['contact'])
    expect(result.ok && result.data.applicantType === 'organisation' && result.data.organisation.contact).toEqual(contact)
    expect(applyContactChange(organisation, { person: { mobile: '13900001111' } })).toEqual({ ok: false, code: 'member.contact_type_mismatch' })
    expect(applyContactChange(person, { organisation: { contact } })).toEqual({ ok: false, code: 'member.contact_type_mismatch' })
  })

  it('changes only the parts of the contact person given, keeping the others', () => {
    if (organisation.applicantType !== 'organisation')
      throw new Error('makeOrganisation is expected to make an organisation')
    const held = organisation.organisation.contact
    const mobileOnly = applyContactChange(organisation, { organisation: { contact: { mobile: '15800002222' } } })
    expect(mobileOnly.ok && mobileOnly.changed).toEqual(['contact'])
    expect(mobileOnly.ok && mobileOnly.data.applicantType === 'organisation' && mobileOnly.data.organisation.contact).toEqual({ ...held, mobile: '15800002222' })
    // The parts already held, given again: nothing changed.
    expect(applyContactChange(organisation, { organisation: { contact: { name: held.name } } })).toEqual({ ok: true, data: organisation, changed: [] })
  })

  it('changes nothing when the details are the ones already held', () => {
    const same = person.applicantType === 'individual' ? person.person.mobile : ''
    expect(applyContactChange(person, { person: { mobile: same } })).toEqual({ ok: true, data: person, changed: [] })
  })

  it('checks every detail with the application\'s own field rules, and accepts nothing else', () => {
    expect(MemberContactChangeSchema.safeParse({ person: { mobile: '12345' } }).success).toBe(false)
    expect(MemberContactChangeSchema.safeParse({ person: { email: 'not-an-email' } }).success).toBe(false)
    expect(MemberContactChangeSchema.safeParse({ person: { address: { regionCode: '110105', detail: '' } } }).success).toBe(false)
    expect(MemberContactChangeSchema.safeParse({ person: { name: '李四' } }).success).toBe(false)
    expect(MemberContactChangeSchema.safeParse({ person: { idNumber: '110105198803150037' } }).success).toBe(false)
    // Normalised as on the tablet: +86 and separators go.
    expect(MemberContactChangeSchema.parse({ person: { mobile: '+86 139 0000 1111' } }).person?.mobile).toBe('13900001111')
  })

  it('carries chosen details over from a newer application of the same party', () => {
    const newer = parse(makeIndividual({ person: { mobile: '13700002222', email: undefined, occupation: '律师' } }))
    expect(newerDetails(newer, ['mobile', 'email', 'occupation'])).toEqual({ person: { mobile: '13700002222', occupation: '律师' } })
    const result = applyContactChange(person, newerDetails(newer, ['mobile', 'email']))
    // An email the newer application leaves out is not removed from the member.
    expect(result.ok && result.changed).toEqual(['mobile'])
    expect(newerDetails(organisation, ['contact', 'mobile'])).toEqual({ organisation: { contact: organisation.applicantType === 'organisation' && organisation.organisation.contact } })
  })
})
