import { deviceDuplicateKeys, deviceDuplicateKind } from '#shared/dedup/device-keys'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'

describe('deviceDuplicateKeys', () => {
  it('keys an individual by ID document and mobile', () => {
    const app = makeIndividual()
    expect(deviceDuplicateKeys(app)).toEqual([
      `id:${app.person.idType}:${app.person.idNumber.toUpperCase()}`,
      `mobile:${app.person.mobile}`,
    ])
  })

  it('normalises before keying: +86, spaces, full-width digits and a lower-case x meet the canonical form', () => {
    const canonical = deviceDuplicateKeys({ person: { idType: 'resident_id', idNumber: '11010519491231002X', mobile: '13800138000' } })
    const typed = deviceDuplicateKeys({ person: { idType: 'resident_id', idNumber: '１１０１０５ １９４９１２３１ ００２x', mobile: '+86 138-0013-8000' } })
    expect(typed).toEqual(canonical)
  })

  it('keeps the ID type in the key: the same number on a passport is another document', () => {
    const [resident] = deviceDuplicateKeys({ person: { idType: 'resident_id', idNumber: 'E12345678' } })
    const [passport] = deviceDuplicateKeys({ person: { idType: 'passport', idNumber: 'E12345678' } })
    expect(resident).not.toEqual(passport)
  })

  it('keys a family\'s dependants by their documents too', () => {
    const app = makeFamily()
    const keys = deviceDuplicateKeys(app)
    for (const dependant of app.dependants.filter(d => d.idNumber))
      expect(keys).toContain(`id:${dependant.idType}:${dependant.idNumber!.toUpperCase()}`)
  })

  it('keys an organisation by its USCC', () => {
    const app = makeOrganisation()
    expect(deviceDuplicateKeys(app)).toEqual([`uscc:${app.organisation.uscc}`])
    expect(deviceDuplicateKind(deviceDuplicateKeys(app)[0]!)).toBe('uscc')
  })

  it('gives no key for a half-typed draft and never throws on missing parts', () => {
    expect(deviceDuplicateKeys({ person: { idType: 'resident_id', idNumber: '110', mobile: '1380013' } })).toEqual([])
    expect(deviceDuplicateKeys({})).toEqual([])
    expect(deviceDuplicateKeys(undefined)).toEqual([])
    expect(deviceDuplicateKeys({ dependants: [{}] })).toEqual([])
  })

  it('never repeats a key', () => {
    const keys = deviceDuplicateKeys({ person: { idType: 'resident_id', idNumber: '11010519491231002X' }, dependants: [{ idType: 'resident_id', idNumber: '11010519491231002x' }] })
    expect(keys).toHaveLength(1)
  })
})
