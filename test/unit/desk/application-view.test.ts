import { displayValue, isShownLeaf } from '#shared/application/application-format'
import { leavesOf } from '#shared/application/application-paths'
import { maskApplication } from '#shared/privacy/application-masking'
import { isReturnableFieldRef, returnableFields } from '#shared/status/return-item'
import { describe, expect, it } from 'vitest'
import { returnItems } from '../../../client/src/desk/application/return-items'
import { deskDeviceId } from '../../../client/src/desk/auth/desk-device-id'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'

describe('the masked view of an application', () => {
  it('masks names, ID numbers, mobiles, e-mail, street address and birth date (to the year) of people', () => {
    const app = makeIndividual()
    const masked = maskApplication(app)
    expect(masked.person.name).toBe('张*')
    expect(masked.person.idNumber).toMatch(/^110105\*{8}\w{4}$/)
    expect(masked.person.mobile).toBe('138****8000')
    expect(masked.person.email).toBe('z***@example.com')
    expect(masked.person.address.detail).toMatch(/\*{4}$/)
    expect(masked.person.birthDate).toBe('1988-**-**')
    expect(masked.attachments).toEqual(app.attachments)
    expect(app.person.name).toBe('张伟')
  })

  it('is safe on values the server already masked: masking twice changes nothing', () => {
    for (const app of [makeIndividual(), makeFamily(), makeOrganisation()]) {
      const once = maskApplication(app)
      expect(maskApplication(once)).toEqual(once)
    }
  })

  it('masks dependants and an organisation\'s contact, not the organisation itself', () => {
    const family = maskApplication(makeFamily())
    expect(family.dependants.every(d => d.name.includes('*'))).toBe(true)
    const org = makeOrganisation()
    const maskedOrg = maskApplication(org)
    expect(maskedOrg.organisation.name).toBe(org.organisation.name)
    expect(maskedOrg.organisation.uscc).toBe(org.organisation.uscc)
    expect(maskedOrg.organisation.contact.mobile).toContain('****')
    expect(maskedOrg.organisation.legalRepresentative).toContain('*')
  })
})

describe('values in people\'s words', () => {
  it('shows vocabularies by label, booleans as yes/no, money in yuan, declined fields by name', () => {
    expect(displayValue('person.gender', 'female', 'zh-CN')).toBe('女')
    expect(displayValue('person.idType', 'resident_id', 'en')).toBe('Resident identity card')
    expect(displayValue('consent.marketing', false, 'zh-CN')).toBe('否')
    expect(displayValue('payment.amountFen', 20000, 'zh-CN')).toBe('¥200.00')
    expect(displayValue('person.declined', ['email', 'employer'], 'zh-CN')).toBe('电子邮箱、工作单位')
    expect(displayValue('person.email', undefined, 'zh-CN')).toBe('—')
  })

  it('names a region, with its code beside it; an unknown code as itself', () => {
    expect(displayValue('person.address.regionCode', '110105', 'zh-CN')).toBe('北京市朝阳区（110105）')
    expect(displayValue('organisation.registeredAddress.regionCode', '440305', 'en')).toBe('广东省深圳市南山区 (440305)')
    expect(displayValue('person.address.regionCode', '999999', 'zh-CN')).toBe('999999')
  })
})

describe('the parts of an application', () => {
  it('shows 拒绝提供 only when the applicant declined something, and never the form\'s bookkeeping', () => {
    const shown = (application: unknown, part: string) => leavesOf(application, part).filter(isShownLeaf).map(leaf => leaf.path)
    expect(shown(makeIndividual({ person: { declined: [] } }), 'person')).not.toContain('person.declined')
    expect(shown(makeIndividual({ person: { declined: ['email'] } }), 'person')).toContain('person.declined')
    expect(shown(makeIndividual({ person: { declined: [] } }), 'person')).toContain('person.name')
    const organisation = shown(makeOrganisation({ organisation: { usccCheckConfirmed: true } }), 'organisation')
    expect(organisation).toContain('organisation.uscc')
    expect(organisation).not.toContain('organisation.usccCheckConfirmed')
  })

  it('has no leaves for a part the application does not have', () => {
    expect(leavesOf(makeIndividual({ guardian: undefined }), 'guardian')).toEqual([])
    expect(leavesOf(makeIndividual(), 'organisation')).toEqual([])
  })
})

describe('the return checklist', () => {
  it('offers the fields the agent enters, not bookkeeping', () => {
    const fields = returnableFields(makeIndividual())
    expect(fields).toContain('person.name')
    expect(fields).toContain('person.address.detail')
    expect(fields).not.toContain('person.declined')
    expect(fields.some(path => path.startsWith('consent') || path.startsWith('attachments'))).toBe(false)
  })

  it('makes ReturnItems of fields and materials', () => {
    expect(returnItems(['person.idNumber'], ['id_front'])).toEqual([
      { kind: 'field', ref: 'person.idNumber' },
      { kind: 'material', ref: 'id_front' },
    ])
  })
})

describe('desk device ids', () => {
  function memoryStorage() {
    const data = new Map<string, string>()
    return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) }
  }

  it('makes one id per user name in this browser and keeps it', () => {
    const storage = memoryStorage()
    let n = 0
    const make = () => `00000000-0000-4000-8000-00000000000${++n}`
    const first = deskDeviceId('Reviewer.A', storage, make)
    expect(first).toMatch(/^desk-[\w-]+$/)
    expect(deskDeviceId('reviewer.a ', storage, make)).toBe(first)
    expect(deskDeviceId('reviewer.b', storage, make)).not.toBe(first)
  })
})

describe('the return checklist and the server agree', () => {
  it('offers only fields the server accepts in a return', () => {
    for (const app of [makeIndividual(), makeFamily(), makeOrganisation()]) {
      const fields = returnableFields(app)
      expect(fields.length).toBeGreaterThan(3)
      expect(fields.filter(ref => !isReturnableFieldRef(ref))).toEqual([])
    }
  })

  it('refuses refs that name no field an agent fills in', () => {
    for (const ref of ['doesNotExist.foo', 'person.bogus', 'consent.personalInfo', 'person.declined', 'receiptNo', 'organisation.usccCheckConfirmed'])
      expect(isReturnableFieldRef(ref), ref).toBe(false)
    for (const ref of ['person.email', 'dependants.2.birthDate', 'organisation.contact.mobile', 'guardian.name', 'payment.receiptNo'])
      expect(isReturnableFieldRef(ref), ref).toBe(true)
  })
})
