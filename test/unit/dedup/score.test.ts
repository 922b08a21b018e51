import type { Application } from '#shared/application/application.schema'
import type { DuplicateRules } from '#shared/dedup/duplicate-rules'
import { ApplicationSchema } from '#shared/application/application.schema'
import { applicationBlockingKeys } from '#shared/dedup/blocking-keys'
import { compareParties } from '#shared/dedup/compare-parties'
import { DEFAULT_DUPLICATE_RULES, DuplicateRulesSchema } from '#shared/dedup/duplicate-rules'
import { matchProfiles } from '#shared/dedup/match-profile'
import { levelOf, scoreApplications } from '#shared/dedup/score'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { ProgrammeSettingsSchema } from '#shared/programme/programme.schema'
import { describe, expect, it } from 'vitest'
import { makeFamily, makeIndividual, makeOrganisation, makeResidentId, makeUscc } from '../../fixtures/applications'

const rules = DEFAULT_DUPLICATE_RULES
type Of<T extends Application['applicantType']> = Extract<Application, { applicantType: T }>
function parse<T extends Application['applicantType']>(input: { applicantType: T }): Of<T> {
  return ApplicationSchema.parse(input) as Of<T>
}

const zhangWei = parse(makeIndividual({}, { seq: 1 }))
/** Another person altogether: other name, birth date, ID, mobile and address. */
function stranger(person: NonNullable<NonNullable<Parameters<typeof makeIndividual>[0]>['person']> = {}) {
  return parse(makeIndividual({
    person: {
      name: '李娜',
      gender: 'female',
      birthDate: '1992-05-20',
      idNumber: makeResidentId('1992-05-20', 'female', { region: '310104', sequence: 18 }),
      mobile: '13700001111',
      address: { regionCode: '310104', detail: '徐汇区漕溪北路100号' },
      ...person,
    },
  }, { seq: 2 }))
}

function codes(incoming: Application, existing: Application): string[] {
  return scoreApplications(incoming, existing, rules).reasons.map(r => r.code).sort()
}

describe('scoreApplications: one test per reason', () => {
  it('same_id_number: the same document is certain, whatever else differs', () => {
    const other = stranger({ idNumber: zhangWei.person.idNumber.toLowerCase() })
    const result = scoreApplications(other, zhangWei, rules)
    expect(result.level).toBe('certain')
    expect(result.reasons).toContainEqual({ code: 'same_id_number', party: 'applicant', otherParty: 'applicant' })
  })

  it('same_mobile: the same mobile alone is likely, written with +86 and spaces or not', () => {
    const other = stranger({ mobile: '+86 138 0013 8000', idType: 'passport', idNumber: 'E12345678' })
    const result = scoreApplications(other, zhangWei, rules)
    expect(codes(other, zhangWei)).toEqual(['same_mobile'])
    expect(result.level).toBe('likely')
  })

  it('different_id_number: a shared mobile between two resident IDs that differ is no candidate', () => {
    const other = stranger({ mobile: zhangWei.person.mobile })
    const result = scoreApplications(other, zhangWei, rules)
    expect(codes(other, zhangWei)).toEqual(['different_id_number', 'same_mobile'])
    expect(result.level).toBeNull()
  })

  it('similar_name_same_birth_date: a homophone born the same day is possible', () => {
    const other = stranger({ name: '章伟', birthDate: zhangWei.person.birthDate, idType: 'passport', idNumber: 'E12345678' })
    expect(codes(other, zhangWei)).toEqual(['similar_name_same_birth_date'])
    expect(scoreApplications(other, zhangWei, rules).level).toBe('possible')
  })

  it('similar_name_same_birth_date: a rare character (王𠮷) typed as its common form (王吉) on another tablet', () => {
    const withRare = stranger({ name: '王𠮷', birthDate: zhangWei.person.birthDate, idType: 'passport', idNumber: 'E12345678' })
    const withCommon = stranger({ name: '王吉', birthDate: zhangWei.person.birthDate, idType: 'passport', idNumber: 'E87654321', mobile: '13900002222' })
    // Before, 王𠮷 was read as `wang` alone, two units from 王吉: neither name reason held.
    expect(codes(withCommon, withRare)).toEqual(expect.arrayContaining(['similar_name_same_address', 'similar_name_same_birth_date']))
    const keysRare = new Set(applicationBlockingKeys(matchProfiles(withRare)))
    expect(applicationBlockingKeys(matchProfiles(withCommon)).some(key => keysRare.has(key))).toBe(true)
  })

  it('similar_name_same_address: a one-character typo at the same address (written differently) is possible', () => {
    const other = stranger({
      name: '张玮',
      idType: 'passport',
      idNumber: 'E12345678',
      address: { regionCode: '110105', detail: '朝阳区建国路８８号ＳＯＨＯ现代城Ａ座1201' },
    })
    expect(codes(other, zhangWei)).toEqual(['similar_name_same_address'])
    expect(scoreApplications(other, zhangWei, rules).level).toBe('possible')
  })

  it('similar_id_number: two swapped digits with a similar name and the same birth date is likely', () => {
    const id = zhangWei.person.idNumber
    const swapped = `${id.slice(0, 14)}${id[15]}${id[14]}${id.slice(16)}`
    const other = stranger({ name: '張偉', birthDate: zhangWei.person.birthDate, idNumber: swapped })
    expect(codes(other, zhangWei)).toEqual(['similar_id_number', 'similar_name_same_birth_date'])
    expect(scoreApplications(other, zhangWei, rules).level).toBe('likely')
  })

  it('same_uscc: the same organisation under a differently written name is certain', () => {
    const original = parse(makeOrganisation({}, { seq: 1 }))
    const other = parse(makeOrganisation({ organisation: { name: '星河科技（北京）有限責任公司', contact: { mobile: '13300001111' } } }, { seq: 2 }))
    const result = scoreApplications(other, original, rules)
    expect(result.level).toBe('certain')
    expect(result.reasons.map(r => r.code)).toContain('same_uscc')
    expect(result.reasons[0]?.party).toBe('organisation')
  })

  it('similar_uscc and different_uscc: a mistyped USCC at the same address with a similar name is likely; a different one is not', () => {
    const original = parse(makeOrganisation({}, { seq: 1 }))
    const uscc = original.organisation.uscc
    const typo = `${uscc.slice(0, 10)}${uscc[11]}${uscc[10]}${uscc.slice(12)}`
    const mistyped = parse(makeOrganisation({ organisation: { uscc: typo, usccCheckConfirmed: true, name: '北京星河科技有限责任公司', contact: { mobile: '13300001111' } } }, { seq: 2 }))
    expect(codes(mistyped, original)).toEqual(['similar_name_same_address', 'similar_uscc'])
    expect(scoreApplications(mistyped, original, rules).level).toBe('likely')

    const branch = parse(makeOrganisation({ organisation: { uscc: makeUscc({ region: '110108', orgCode: 'MA02CDE8X' }), contact: { mobile: '13300001111' } } }, { seq: 3 }))
    expect(codes(branch, original)).toEqual(['different_uscc', 'similar_name_same_address'])
    expect(scoreApplications(branch, original, rules).level).toBeNull()
  })

  it('names the parties: a dependant of a family matched against an individual member', () => {
    const family = parse(makeFamily())
    const spouse = family.dependants[0]!
    const alone = stranger({ name: spouse.name, birthDate: spouse.birthDate, idNumber: spouse.idNumber!, mobile: '13500002222' })
    const result = scoreApplications(alone, family, rules)
    expect(result.level).toBe('certain')
    expect(result.reasons).toContainEqual({ code: 'same_id_number', party: 'applicant', otherParty: 'dependant:0' })
  })

  it('never matches a person with an organisation, and strangers not at all', () => {
    expect(scoreApplications(parse(makeOrganisation()), zhangWei, rules)).toEqual({ score: 0, level: null, reasons: [] })
    expect(scoreApplications(stranger(), zhangWei, rules).level).toBeNull()
  })
})

describe('rules from the programme settings', () => {
  it('uses the programme weights and thresholds', () => {
    const strict: DuplicateRules = { ...rules, thresholds: { certain: 200, likely: 100, possible: 50 } }
    const other = stranger({ mobile: zhangWei.person.mobile, idType: 'passport', idNumber: 'E12345678' })
    expect(scoreApplications(other, zhangWei, strict).level).toBe('possible')
    expect(levelOf(99, strict)).toBe('possible')
    expect(levelOf(49, strict)).toBeNull()
  })

  it('refuses thresholds out of order, and defaults settings saved before the rules existed', () => {
    expect(DuplicateRulesSchema.safeParse({ ...rules, thresholds: { certain: 50, likely: 60, possible: 30 } }).success).toBe(false)
    // The same document is certain whatever else is tuned.
    const weak = DuplicateRulesSchema.safeParse({ ...rules, weights: { ...rules.weights, same_id_number: 99 } })
    expect(weak.success).toBe(false)
    expect(weak.error?.issues[0]?.path).toEqual(['weights', 'same_id_number'])
    const { duplicateRules: _omitted, ...older } = DEFAULT_PROGRAMME
    expect(ProgrammeSettingsSchema.parse(older).duplicateRules).toEqual(DEFAULT_DUPLICATE_RULES)
  })
})

describe('blocking keys', () => {
  it('share a key between every pair the rules would call duplicates', () => {
    const pairs: Array<[Application, Application]> = [
      [stranger({ idNumber: zhangWei.person.idNumber }), zhangWei],
      [stranger({ mobile: zhangWei.person.mobile }), zhangWei],
      [stranger({ name: '章伟', birthDate: zhangWei.person.birthDate }), zhangWei],
      [stranger({ name: '张玮', address: zhangWei.person.address }), zhangWei],
      [stranger({ name: '王伟', birthDate: zhangWei.person.birthDate }), zhangWei],
    ]
    for (const [a, b] of pairs) {
      const keysA = applicationBlockingKeys(matchProfiles(a))
      const keysB = new Set(applicationBlockingKeys(matchProfiles(b)))
      expect(keysA.some(key => keysB.has(key))).toBe(true)
    }
  })

  it('share none between strangers', () => {
    const keysA = applicationBlockingKeys(matchProfiles(stranger()))
    const keysB = new Set(applicationBlockingKeys(matchProfiles(zhangWei)))
    expect(keysA.filter(key => keysB.has(key))).toEqual([])
  })

  it('key each dependant of a family', () => {
    const keys = applicationBlockingKeys(matchProfiles(parse(makeFamily())))
    expect(keys.filter(k => k.startsWith('id:'))).toHaveLength(3)
    expect(keys.some(k => k.startsWith('nb:1958-01-27:'))).toBe(true)
  })
})

describe('compareParties', () => {
  it('marks each field same, similar, different or missing', () => {
    const id = zhangWei.person.idNumber
    const other = stranger({ name: '章伟', birthDate: zhangWei.person.birthDate, idNumber: `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}` })
    const [a] = matchProfiles(other)
    const [b] = matchProfiles(zhangWei)
    expect(compareParties(a!, b!)).toEqual({ name: 'similar', birthDate: 'same', idNumber: 'similar', mobile: 'different', address: 'different' })
  })
})
