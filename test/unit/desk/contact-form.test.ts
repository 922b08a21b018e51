import { MemberContactChangeSchema } from '#shared/members/contact-change'
import { describe, expect, it } from 'vitest'
import { contactChange, contactKind, emptyContactForm } from '../../../client/src/desk/members/contact-form'

const form = (change: Partial<ReturnType<typeof emptyContactForm>> = {}) => ({ ...emptyContactForm(), ...change })

describe('the 资料变更 form', () => {
  it('holds the primary applicant\'s details for individuals and families, the organisation\'s for organisations', () => {
    expect(contactKind('individual')).toBe('person')
    expect(contactKind('family')).toBe('person')
    expect(contactKind('organisation')).toBe('organisation')
  })

  it('sends only what was filled in, trimmed; nothing filled in is an empty change', () => {
    expect(contactChange('person', form())).toEqual({})
    expect(contactChange('person', form({ mobile: ' 13900001111 ', occupation: '律师' }))).toEqual({ mobile: '13900001111', occupation: '律师' })
  })

  it('removes a ticked optional detail, whatever was typed for it', () => {
    expect(contactChange('person', form({ email: 'a@example.com', remove: ['email', 'employer'] }))).toEqual({ email: null, employer: null })
  })

  it('sends an address as a whole, so a half-filled one is refused by the schema', () => {
    const half = contactChange('person', form({ addressDetail: '漕溪北路 88 号' }))
    expect(half).toEqual({ address: { regionCode: '', detail: '漕溪北路 88 号' } })
    expect(MemberContactChangeSchema.safeParse({ person: half }).success).toBe(false)
    const whole = contactChange('person', form({ regionCode: '310104', addressDetail: '漕溪北路 88 号' }))
    expect(MemberContactChangeSchema.parse({ person: whole }).person?.address).toEqual({ regionCode: '310104', detail: '漕溪北路 88 号' })
  })

  it('sends an organisation\'s contact person and its registered address; never a person\'s details', () => {
    const change = contactChange('organisation', form({ mobile: '13900001111', contactName: '钱多多', contactMobile: '15800001111', regionCode: '110105', addressDetail: '望京街 1 号' }))
    expect(change).toEqual({ contact: { name: '钱多多', mobile: '15800001111' }, registeredAddress: { regionCode: '110105', detail: '望京街 1 号' } })
    expect(MemberContactChangeSchema.safeParse({ organisation: change }).success).toBe(true)
  })

  it('sends only the contact person\'s parts filled in: a new mobile or a position alone is a change', () => {
    const mobileOnly = contactChange('organisation', form({ contactMobile: ' 15800001111 ' }))
    expect(mobileOnly).toEqual({ contact: { mobile: '15800001111' } })
    expect(MemberContactChangeSchema.parse({ organisation: mobileOnly }).organisation?.contact).toEqual({ mobile: '15800001111' })
    expect(contactChange('organisation', form({ contactPosition: '主任' }))).toEqual({ contact: { position: '主任' } })
    // A bad part is still refused, by its own path.
    const bad = MemberContactChangeSchema.safeParse({ organisation: contactChange('organisation', form({ contactName: '钱多多', contactMobile: '12345' })) })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues.map(issue => issue.path.join('.'))).toEqual(['organisation.contact.mobile'])
  })
})
