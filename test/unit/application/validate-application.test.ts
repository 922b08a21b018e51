import type { ApplicationValidation } from '#shared/application/validate-application'
import type { ValidationIssue } from '#shared/errors/issue'
import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import { validateApplication } from '#shared/application/validate-application'
import { mod11_2CheckChar } from '#shared/checksums/iso7064'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'
import {
  birthDateForAge,
  makeAttachment,
  makeFamily,
  makeIndividual,
  makeOrganisation,
  makeResidentId,
  makeUscc,
  TODAY,
  uuidV7,
  withPath,
} from '../../fixtures/applications'

function validate(input: unknown, settings: ProgrammeSettings = DEFAULT_PROGRAMME): ApplicationValidation {
  return validateApplication(input, settings, { today: TODAY })
}

/** The issues of an application that must fail. */
function issuesOf(input: unknown, settings?: ProgrammeSettings): ValidationIssue[] {
  const result = validate(input, settings)
  expect(result.ok, 'expected the application to be refused').toBe(false)
  return result.ok ? [] : result.issues
}

function valueOf(input: unknown) {
  const result = validate(input)
  if (!result.ok)
    expect.fail(`expected ok, got ${JSON.stringify(result.issues)}`)
  return result.value
}

/** The normalised applicant of an application that must pass. */
function personOf(input: unknown) {
  const value = valueOf(input)
  if (value.applicantType === 'organisation')
    throw new Error('expected an application with a person')
  return value.person
}

function sortIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const key = (issue: ValidationIssue) => `${issue.path}|${issue.code}|${JSON.stringify(issue.params ?? {})}`
  return [...issues].sort((a, b) => key(a).localeCompare(key(b)))
}

const individual = makeIndividual()
const family = makeFamily()
const organisation = makeOrganisation()

/** Index of the first attachment of a kind in a fixture. */
function attachmentIndex(app: { attachments: readonly { kind: string }[] }, kind: string): number {
  const index = app.attachments.findIndex(a => a.kind === kind)
  expect(index).toBeGreaterThanOrEqual(0)
  return index
}

function withoutAttachment<T extends { attachments: readonly { kind: string }[] }>(app: T, kind: string): T {
  return { ...app, attachments: app.attachments.filter(a => a.kind !== kind) } as T
}

/** An adult individual with a guardian entered (allowed, and the guardian's documents are checked). */
const guardian = {
  name: '张建国',
  relation: 'father' as const,
  mobile: '13701234567',
  idType: 'resident_id' as const,
  idNumber: makeResidentId('1960-08-08', 'male', { region: '110105', sequence: 71 }),
}
const withGuardian = makeIndividual({ guardian })

/** A valid 2023-format foreign permanent-residence ID: 9, province, nationality, birth date, sequence, MOD 11-2. */
const FOREIGN_BODY = `911840${'19900101'}001`
const FOREIGN_ID = FOREIGN_BODY + mod11_2CheckChar(FOREIGN_BODY)
const FOREIGN_ID_BAD_CHECK = FOREIGN_BODY + (FOREIGN_ID.endsWith('0') ? '1' : '0')

function wrongLastChar(id: string): string {
  return id.slice(0, -1) + (id.endsWith('0') ? '1' : '0')
}

describe('the fixtures are valid applications', () => {
  it.each([
    ['individual', individual],
    ['family', family],
    ['organisation', organisation],
    ['vip individual (portrait and fee follow the category)', makeIndividual({ category: 'vip', level: 'gold' })],
  ])('%s validates ok, without warnings', (_label, app) => {
    const result = validate(app)
    expect(result).toMatchObject({ ok: true, warnings: [] })
  })

  it('gives distinct identifiers for distinct seq values', () => {
    const a = makeIndividual({}, { seq: 1 })
    const b = makeIndividual({}, { seq: 2 })
    expect(a.id).not.toBe(b.id)
    expect(a.receiptNo).not.toBe(b.receiptNo)
    expect(a.attachments.map(x => x.id)).not.toEqual(b.attachments.map(x => x.id))
    expect(makeIndividual()).toEqual(makeIndividual())
    expect(valueOf(b).id).toBe(b.id)
  })
})

describe('normalisation: the value is in canonical form', () => {
  it('a mobile given with +86 and separators comes back as 11 digits', () => {
    expect(personOf(withPath(individual, 'person.mobile', '+86 138-0013-8000')).mobile).toBe('13800138000')
  })

  it('a number padded past what any number takes as typed is refused, not stripped to a valid one', () => {
    const padded = (digits: string) => `${' '.repeat(32 - digits.length)}${digits} `
    for (const [path, digits] of [['person.mobile', '13800138000'], ['person.idNumber', individual.person.idNumber]] as const) {
      expect(validate(withPath(individual, path, padded(digits).trimEnd())).ok, `${path}: 32 characters pass`).toBe(true)
      expect(issuesOf(withPath(individual, path, padded(digits)))).toEqual([{ path, code: 'field.too_long', params: { max: 32 } }])
    }
    expect(issuesOf(withPath(organisation, 'organisation.uscc', ` ${'-'.repeat(14)}${organisation.organisation.uscc}`)))
      .toEqual([{ path: 'organisation.uscc', code: 'field.too_long', params: { max: 32 } }])
  })

  it('free text with a control character is refused, invisible ones are removed, line breaks and tabs are white space', () => {
    const issues = (detail: string) => {
      const result = validateApplication(withPath(individual, 'person.address.detail', detail), DEFAULT_PROGRAMME, { today: TODAY })
      return result.ok ? [] : result.issues.map(i => `${i.path}:${i.code}`)
    }
    expect(issues('建国路\u000088号')).toEqual(['person.address.detail:text.hidden_characters'])
    expect(issues('建国路\u202E号88')).toEqual([])
    // A paste from a chat app: zero-width spaces and a BOM nobody could find to delete.
    expect(personOf(withPath(individual, 'person.address.detail', '\uFEFF建国路\u200B88号\u202E')).address.detail).toBe('建国路88号')
    expect(personOf(withPath(individual, 'person.address.detail', '建国路\n88号\t1201室')).address.detail).toBe('建国路 88号 1201室')
  })

  it('a lower-case x in an ID number comes back upper case', () => {
    const app = makeIndividual({ person: { name: '李秀兰', gender: 'female', birthDate: '1949-12-31', idNumber: '11010519491231002x' } })
    expect(personOf(app).idNumber).toBe('11010519491231002X')
  })

  it('full-width characters come back half-width, spaces collapsed', () => {
    const app = makeIndividual({
      person: {
        idNumber: individual.person.idNumber.replace(/\d/g, d => String.fromCodePoint(d.codePointAt(0)! + 0xFEE0)),
        mobile: '１３８ ００１３ ８０００',
        email: 'Zhang.Wei@EXAMPLE.COM',
        address: { regionCode: '110105', detail: '朝阳区建国路８８号ＳＯＨＯ现代城Ａ座　１２０１室' },
        note: '  周末　　可联系  ',
      },
    })
    const person = personOf(app)
    expect(person.idNumber).toBe(individual.person.idNumber)
    expect(person.mobile).toBe('13800138000')
    expect(person.email).toBe('Zhang.Wei@example.com')
    expect(person.address.detail).toBe('朝阳区建国路88号SOHO现代城A座 1201室')
    expect(person.note).toBe('周末 可联系')
  })

  it('a USCC typed in lower case with spaces and a receipt number in lower case come back canonical', () => {
    const app = withPath(withPath(organisation, 'organisation.uscc', organisation.organisation.uscc.toLowerCase().replace(/(.{6})/g, '$1 ')), 'receiptNo', organisation.receiptNo.toLowerCase())
    const value = valueOf(app)
    expect(value.applicantType === 'organisation' && value.organisation.uscc).toBe(organisation.organisation.uscc)
    expect(value.receiptNo).toBe(organisation.receiptNo)
  })

  it('defaults are filled: declined is [], usccCheckConfirmed is false', () => {
    expect(personOf(withPath(individual, 'person.declined', undefined)).declined).toEqual([])
    const value = valueOf(withPath(organisation, 'organisation.usccCheckConfirmed', undefined))
    expect(value.applicantType === 'organisation' && value.organisation.usccCheckConfirmed).toBe(false)
  })
})

describe('identity: the ID number agrees with gender and birth date', () => {
  it.each<[string, unknown, ValidationIssue[]]>([
    ['applicant gender', withPath(individual, 'person.gender', 'female'), [{ path: 'person.gender', code: 'id.gender_mismatch', params: { expected: 'male' } }]],
    ['applicant birth date', withPath(individual, 'person.birthDate', '1988-03-16'), [{ path: 'person.birthDate', code: 'id.birth_date_mismatch', params: { expected: '1988-03-15' } }]],
    ['dependant gender', withPath(family, 'dependants.0.gender', 'female'), [{ path: 'dependants.0.gender', code: 'id.gender_mismatch', params: { expected: 'male' } }]],
    ['dependant birth date', withPath(family, 'dependants.1.birthDate', '2015-06-19'), [{ path: 'dependants.1.birthDate', code: 'id.birth_date_mismatch', params: { expected: '2015-06-18' } }]],
    ['both at once', withPath(withPath(individual, 'person.gender', 'female'), 'person.birthDate', '1988-03-14'), [
      { path: 'person.gender', code: 'id.gender_mismatch', params: { expected: 'male' } },
      { path: 'person.birthDate', code: 'id.birth_date_mismatch', params: { expected: '1988-03-15' } },
    ]],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected)
  })

  it('a 2023 foreign permanent-residence ID agrees with the birth date (its number carries it), for applicant and dependant', () => {
    const app = makeIndividual({ person: { idType: 'foreign_permanent_id', idNumber: FOREIGN_ID, birthDate: '1990-01-02' } })
    expect(issuesOf(app)).toEqual([{ path: 'person.birthDate', code: 'id.birth_date_mismatch', params: { expected: '1990-01-01' } }])
    expect(validate(makeIndividual({ person: { idType: 'foreign_permanent_id', idNumber: FOREIGN_ID, birthDate: '1990-01-01' } })).ok).toBe(true)
    const child = withPath(withPath(family, 'dependants.1.idType', 'foreign_permanent_id'), 'dependants.1.idNumber', FOREIGN_ID)
    expect(issuesOf(child)).toEqual([{ path: 'dependants.1.birthDate', code: 'id.birth_date_mismatch', params: { expected: '1990-01-01' } }])
    // The old card (3 letters and 12 digits) says nothing usable: not compared.
    expect(validate(makeIndividual({ person: { idType: 'foreign_permanent_id', idNumber: 'USA123456789012', birthDate: '1990-01-02' } })).ok).toBe(true)
  })

  it('a guardian whose 2023 foreign permanent-residence ID shows a minor is refused with guardian.not_adult', () => {
    const body = `911840${'20120304'}001`
    const young = { ...guardian, idType: 'foreign_permanent_id' as const, idNumber: body + mod11_2CheckChar(body) }
    expect(issuesOf(makeIndividual({ guardian: young }))).toEqual([
      { path: 'guardian.idNumber', code: 'guardian.not_adult', params: { age: 14 } },
    ])
  })

  it('gender and birth date are not compared for other documents', () => {
    const app = makeIndividual({ person: { idType: 'passport', idNumber: 'E12345678', gender: 'female', birthDate: '1990-01-01' } })
    expect(validate(app).ok).toBe(true)
  })

  it('an adult guardian\'s resident ID passes', () => {
    expect(validate(withGuardian).ok).toBe(true)
  })

  it('a guardian whose resident ID shows a minor is refused with guardian.not_adult', () => {
    const young = { ...guardian, idNumber: makeResidentId('2012-03-04', 'male', { sequence: 71 }) }
    expect(issuesOf(makeIndividual({ guardian: young }))).toEqual([
      { path: 'guardian.idNumber', code: 'guardian.not_adult', params: { age: 14 } },
    ])
  })
})

describe('identity: the document number fits its type, for applicant, guardian and dependants', () => {
  const resident = individual.person.idNumber
  const region = '110105'
  const invalidDate = `${region}19880230037`
  const futureDate = `${region}20270101037`
  const badRegion = `990105${'19880315'}037`
  const zeroPrefecture = `110005${'19880315'}037`
  type Case = [idType: string, idNumber: string, code: string, params?: Record<string, string>]
  const cases: Case[] = [
    ['resident_id', resident.slice(0, 17), 'id.format'],
    ['resident_id', `${resident.slice(0, 16)}A${resident[17]}`, 'id.format'],
    ['resident_id', wrongLastChar(resident), 'id.checksum'],
    ['resident_id', invalidDate + mod11_2CheckChar(invalidDate), 'id.birth_date_invalid'],
    ['resident_id', futureDate + mod11_2CheckChar(futureDate), 'id.birth_date_future'],
    ['resident_id', badRegion + mod11_2CheckChar(badRegion), 'id.region_invalid'],
    ['resident_id', zeroPrefecture + mod11_2CheckChar(zeroPrefecture), 'id.region_invalid'],
    ['resident_id', '110105880315037', 'id.legacy_15_digit', { upgraded: `11010519880315037${mod11_2CheckChar('11010519880315037')}` }],
    ['passport', 'E12', 'id.passport_format'],
    ['passport', 'E1234567890123456789', 'id.passport_format'],
    ['hk_mo_permit', 'H1234567', 'id.hk_mo_permit_format'],
    ['hk_mo_permit', 'K12345678', 'id.hk_mo_permit_format'],
    ['tw_permit', '1234567', 'id.tw_permit_format'],
    ['tw_permit', 'T1234567', 'id.tw_permit_format'],
    ['foreign_permanent_id', 'AB1234567890', 'id.foreign_permanent_format'],
    ['foreign_permanent_id', FOREIGN_ID_BAD_CHECK, 'id.foreign_permanent_checksum'],
  ]
  const bases: [string, unknown][] = [['person', individual], ['guardian', withGuardian], ['dependants.0', family]]
  const table = bases.flatMap(([base, app]) => cases.map(([idType, idNumber, code, params]) => [base, idType, idNumber, code, params, app] as const))

  it.each(table)('%s %s %s → %s', (base, idType, idNumber, code, params, app) => {
    const input = withPath(withPath(app, `${base}.idType`, idType), `${base}.idNumber`, idNumber)
    expect(issuesOf(input)).toEqual([params ? { path: `${base}.idNumber`, code, params } : { path: `${base}.idNumber`, code }])
  })

  const valid: [idType: string, idNumber: string, normalised: string][] = [
    ['passport', 'e1234 5678', 'E12345678'],
    ['hk_mo_permit', 'h12345678', 'H12345678'],
    ['hk_mo_permit', 'M1234567801', 'M1234567801'],
    ['tw_permit', '12345678', '12345678'],
    ['tw_permit', '1234567890', '1234567890'],
    ['foreign_permanent_id', FOREIGN_ID, FOREIGN_ID],
    ['foreign_permanent_id', 'usa123456789012', 'USA123456789012'],
  ]
  const validTable = ['person', 'guardian'].flatMap(base => valid.map(([idType, idNumber, normalised]) => [base, idType, idNumber, normalised] as const))

  it.each(validTable)('%s %s %s is accepted as %s', (base, idType, idNumber, normalised) => {
    let input = withPath(withPath(withGuardian, `${base}.idType`, idType), `${base}.idNumber`, idNumber)
    // The 2023 foreign card's number carries the birth date, which the applicant's must match.
    if (base === 'person' && idNumber === FOREIGN_ID)
      input = withPath(input, 'person.birthDate', '1990-01-01')
    const value = valueOf(input)
    if (value.applicantType !== 'individual')
      throw new Error('expected an individual application')
    expect((base === 'person' ? value.person : value.guardian)?.idNumber).toBe(normalised)
  })

  it('a dependant\'s document is optional, but a type needs its number and a number its type', () => {
    expect(issuesOf(withPath(family, 'dependants.2.idType', 'passport'))).toEqual([{ path: 'dependants.2.idNumber', code: 'field.required' }])
    expect(issuesOf(withPath(family, 'dependants.2.idNumber', 'E12345678'))).toEqual([{ path: 'dependants.2.idType', code: 'field.required' }])
  })

  it('a missing idType is reported once, as required', () => {
    expect(issuesOf(withPath(individual, 'person.idType', undefined))).toEqual([{ path: 'person.idType', code: 'field.required' }])
  })
})

describe('dates', () => {
  const passportHolder = makeIndividual({ person: { idType: 'passport', idNumber: 'E12345678' } })
  it.each<[string, unknown, ValidationIssue[]]>([
    ['applicant born tomorrow', withPath(passportHolder, 'person.birthDate', '2026-11-24'), [{ path: 'person.birthDate', code: 'date.future' }]],
    ['dependant born next year', withPath(family, 'dependants.2.birthDate', '2027-01-01'), [{ path: 'dependants.2.birthDate', code: 'date.future' }]],
    ['applicant born before 1890', withPath(passportHolder, 'person.birthDate', '1889-12-31'), [{ path: 'person.birthDate', code: 'date.too_early', params: { min: '1890-01-01' } }]],
    ['a date that does not exist', withPath(passportHolder, 'person.birthDate', '1990-02-30'), [{ path: 'person.birthDate', code: 'date.invalid' }]],
    ['a date in another format', withPath(passportHolder, 'person.birthDate', '1990/01/02'), [{ path: 'person.birthDate', code: 'date.format' }]],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected)
  })
})

describe('minimum age and guardian', () => {
  const sixteen = '2010-05-20'
  const minor = makeIndividual({ person: { name: '张小雨', gender: 'female', birthDate: sixteen, idNumber: makeResidentId(sixteen, 'female', { sequence: 46 }) } })
  const guardianSignature = makeAttachment('signature', 'guardian')

  it('a 16-year-old without a guardian needs one, and the guardian\'s signature', () => {
    expect(issuesOf(minor)).toEqual([
      { path: 'guardian', code: 'age.below_minimum', params: { minimumAge: 18, age: 16 } },
      { path: 'consent.guardianSignatureAttachmentId', code: 'guardian.signature_required', params: { minimumAge: 18 } },
    ])
  })

  it('a guardian without the guardian\'s signature is not enough', () => {
    expect(issuesOf({ ...minor, guardian })).toEqual([
      { path: 'consent.guardianSignatureAttachmentId', code: 'guardian.signature_required', params: { minimumAge: 18 } },
    ])
  })

  it('a guardian plus the guardian\'s signature attachment is ok', () => {
    const app = {
      ...minor,
      guardian,
      attachments: [...minor.attachments, guardianSignature],
      consent: { ...minor.consent, guardianSignatureAttachmentId: guardianSignature.id },
    }
    expect(validate(app)).toMatchObject({ ok: true, warnings: [] })
  })

  it('the guardian signs on a separate signature, not the applicant\'s', () => {
    const app = {
      ...minor,
      guardian,
      consent: { ...minor.consent, guardianSignatureAttachmentId: minor.consent.signatureAttachmentId },
    }
    expect(issuesOf(app)).toEqual([{ path: 'consent.guardianSignatureAttachmentId', code: 'guardian.same_signature' }])
  })

  it.each([
    [birthDateForAge(18), true],
    ['2008-11-24', false],
    [birthDateForAge(17), false],
    [TODAY, false],
  ])('born %s: adult on TODAY is %s', (birthDate, adult) => {
    const app = makeIndividual({ person: { birthDate, idNumber: makeResidentId(birthDate, 'male') } })
    expect(validate(app).ok).toBe(adult)
  })

  it('a category without a minimum age asks for no guardian', () => {
    const programme: ProgrammeSettings = {
      ...DEFAULT_PROGRAMME,
      categories: DEFAULT_PROGRAMME.categories.map(c => (c.code === 'standard' ? { ...c, minimumAge: 0 } : c)),
    }
    expect(validate(minor, programme).ok).toBe(true)
  })
})

describe('category, level and family size', () => {
  it.each<[string, unknown, ValidationIssue[]]>([
    ['unknown category', makeIndividual({ category: 'platinum' }), [{ path: 'category', code: 'category.unknown', params: { category: 'platinum' } }]],
    ['individual in the family category', makeIndividual({ category: 'family' }), [{ path: 'category', code: 'category.applicant_type_mismatch' }]],
    ['organisation in the standard category', makeOrganisation({ category: 'standard' }), [{ path: 'category', code: 'category.applicant_type_mismatch' }]],
    ['family in the vip category', makeFamily({ category: 'vip', level: 'gold' }), [{ path: 'category', code: 'category.applicant_type_mismatch' }]],
    ['vip without a level', makeIndividual({ category: 'vip' }), [{ path: 'level', code: 'level.required' }]],
    ['vip with an unknown level', makeIndividual({ category: 'vip', level: 'platinum' }), [{ path: 'level', code: 'level.unknown', params: { level: 'platinum' } }]],
    ['vip with an empty level is reported once', makeIndividual({ category: 'vip', level: '' }), [{ path: 'level', code: 'field.required' }]],
    ['standard with a level', makeIndividual({ level: 'gold' }), [{ path: 'level', code: 'level.not_applicable' }]],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected)
  })

  it.each(['silver', 'gold', 'diamond'])('vip level %s is accepted', (level) => {
    expect(validate(makeIndividual({ category: 'vip', level })).ok).toBe(true)
  })

  const child = (i: number) => ({ name: `刘${'一二三四五六七八'[i]}`, relation: 'child' as const, gender: 'male' as const, birthDate: `201${i}-01-0${i + 1}` })

  it('a family may have up to maxDependants dependants', () => {
    expect(validate(makeFamily({ dependants: Array.from({ length: 6 }, (_, i) => child(i)) })).ok).toBe(true)
  })

  it('a family without dependants is refused in words the agent can act on, once', () => {
    expect(issuesOf(makeFamily({ dependants: [] }))).toEqual([{ path: 'dependants', code: 'family.dependant_required' }])
  })

  it('a dependant\'s blank birth date is required, not badly formatted', () => {
    expect(issuesOf(makeFamily({ dependants: [{ ...child(0), birthDate: '' }] }))).toEqual([{ path: 'dependants.0.birthDate', code: 'field.required' }])
  })

  it('every blank field of a form just opened is required, not badly formatted nor a bad choice', () => {
    const blank = { name: '', gender: '', birthDate: '', idType: 'resident_id', idNumber: '', mobile: '  ', address: { regionCode: '', detail: '' } }
    const issues = issuesOf(makeIndividual({ person: blank as never }))
    const person = issues.filter(issue => issue.path.startsWith('person.'))
    expect(person).toEqual(['name', 'gender', 'birthDate', 'idNumber', 'mobile', 'address.regionCode', 'address.detail'].map(field => ({ path: `person.${field}`, code: 'field.required' })))
    const organisation = makeOrganisation({ organisation: { name: '', uscc: '', orgType: '' as never, legalRepresentative: '' } })
    expect(issuesOf(organisation).filter(issue => issue.path.startsWith('organisation.'))).toEqual(
      ['name', 'uscc', 'orgType', 'legalRepresentative'].map(field => ({ path: `organisation.${field}`, code: 'field.required' })),
    )
  })

  it('more than maxDependants is refused', () => {
    expect(issuesOf(makeFamily({ dependants: Array.from({ length: 7 }, (_, i) => child(i)) }))).toEqual([
      { path: 'dependants', code: 'family.too_many_dependants', params: { max: 6 } },
    ])
  })
})

describe('materials and attachments', () => {
  it.each<[string, { attachments: readonly { kind: string }[] }, string]>([
    ['individual', individual, 'id_front'],
    ['individual', individual, 'id_back'],
    ['vip individual', makeIndividual({ category: 'vip', level: 'silver' }), 'portrait'],
    ['family', family, 'id_front'],
    ['family', family, 'id_back'],
    ['organisation', organisation, 'business_licence'],
  ])('%s without %s', (_label, app, kind) => {
    expect(issuesOf(withoutAttachment(app, kind))).toEqual([{ path: 'attachments', code: 'materials.missing', params: { kind } }])
  })

  it('an organisation needs its business licence even when the programme lists nothing', () => {
    const programme: ProgrammeSettings = {
      ...DEFAULT_PROGRAMME,
      categories: DEFAULT_PROGRAMME.categories.map(c => (c.code === 'corporate' ? { ...c, requiredMaterials: { individual: [], family: [], organisation: [] } } : c)),
    }
    expect(validate(organisation, programme).ok).toBe(true)
    expect(issuesOf(withoutAttachment(organisation, 'business_licence'), programme)).toEqual([
      { path: 'attachments', code: 'materials.missing', params: { kind: 'business_licence' } },
    ])
  })

  it('a passport holder needs no ID back photo (a passport has none), but still its data page', () => {
    const holder = makeIndividual({ person: { idType: 'passport', idNumber: 'E12345678', gender: 'female', birthDate: '1990-01-01' } })
    expect(validate(withoutAttachment(holder, 'id_back')).ok).toBe(true)
    expect(issuesOf(withoutAttachment(holder, 'id_front'))).toEqual([{ path: 'attachments', code: 'materials.missing', params: { kind: 'id_front' } }])
    const familyHeadWithoutBack = withPath(withPath(withoutAttachment(family, 'id_back'), 'person.idType', 'passport'), 'person.idNumber', 'E12345678')
    expect(validate(familyHeadWithoutBack).ok).toBe(true)
  })

  it('a hong kong and macao permit still needs its back', () => {
    const holder = makeIndividual({ person: { idType: 'hk_mo_permit', idNumber: 'H12345678', gender: 'female', birthDate: '1990-01-01' } })
    expect(validate(holder).ok).toBe(true)
    expect(issuesOf(withoutAttachment(holder, 'id_back'))).toEqual([{ path: 'attachments', code: 'materials.missing', params: { kind: 'id_back' } }])
  })

  it('an attachment with a malformed hash still counts as present for its kind', () => {
    expect(issuesOf(withPath(individual, 'attachments.0.sha256', 'not-a-hash'))).toEqual([
      { path: 'attachments.0.sha256', code: 'field.format', params: { format: 'regex' } },
    ])
  })

  const front = attachmentIndex(individual, 'id_front')
  const back = attachmentIndex(individual, 'id_back')
  const signature = attachmentIndex(individual, 'signature')
  const maxBytes = DEFAULT_PROGRAMME.maxAttachmentBytes

  it.each<[string, unknown, ValidationIssue[]]>([
    ['two attachments share an id', withPath(individual, `attachments.${back}.id`, individual.attachments[front]!.id), [{ path: `attachments.${back}.id`, code: 'attachment.duplicate_id' }]],
    ['an attachment over the limit', withPath(individual, `attachments.${front}.size`, maxBytes + 1), [{ path: `attachments.${front}.size`, code: 'attachment.too_large', params: { maxMb: 10 } }]],
    ['the signature names no attachment', withPath(individual, 'consent.signatureAttachmentId', uuidV7('nowhere')), [{ path: 'consent.signatureAttachmentId', code: 'attachment.unknown_reference' }]],
    ['the signature names an ID photo', withPath(individual, 'consent.signatureAttachmentId', individual.attachments[front]!.id), [{ path: 'consent.signatureAttachmentId', code: 'attachment.wrong_kind', params: { expected: 'signature' } }]],
    ['the signature is not a signature', withPath(individual, `attachments.${signature}.kind`, 'other'), [{ path: 'consent.signatureAttachmentId', code: 'attachment.wrong_kind', params: { expected: 'signature' } }]],
    ['the guardian signature names no attachment', withPath(individual, 'consent.guardianSignatureAttachmentId', uuidV7('nowhere')), [{ path: 'consent.guardianSignatureAttachmentId', code: 'attachment.unknown_reference' }]],
    ['the guardian signature names an ID photo', withPath(individual, 'consent.guardianSignatureAttachmentId', individual.attachments[back]!.id), [{ path: 'consent.guardianSignatureAttachmentId', code: 'attachment.wrong_kind', params: { expected: 'signature' } }]],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected)
  })

  it('an attachment of exactly the limit is accepted', () => {
    expect(validate(withPath(individual, `attachments.${front}.size`, maxBytes)).ok).toBe(true)
  })
})

describe('consent', () => {
  it.each<[string, unknown, ValidationIssue]>([
    ['consent.personalInfo', false, { path: 'consent.personalInfo', code: 'consent.personal_info_required' }],
    ['consent.sensitiveInfo', false, { path: 'consent.sensitiveInfo', code: 'consent.sensitive_info_required' }],
    ['consent.memberTerms', false, { path: 'consent.memberTerms', code: 'consent.member_terms_required' }],
    ['consent.summaryConfirmed', false, { path: 'consent.summaryConfirmed', code: 'consent.summary_not_confirmed' }],
    ['consent.noticeVersion', '2025.2', { path: 'consent.noticeVersion', code: 'consent.notice_version_outdated', params: { current: '2026.1' } }],
    ['consent.termsVersion', '2025.1', { path: 'consent.termsVersion', code: 'consent.terms_version_outdated', params: { current: '2026.1' } }],
  ])('%s = %j', (path, value, expected) => {
    for (const app of [individual, family, organisation])
      expect(issuesOf(withPath(app, path, value))).toEqual([expected])
  })

  it('marketing consent is optional either way', () => {
    expect(validate(withPath(individual, 'consent.marketing', true)).ok).toBe(true)
    expect(validate(withPath(individual, 'consent.marketing', false)).ok).toBe(true)
  })
})

describe('organisation: USCC check character', () => {
  const uscc = organisation.organisation.uscc
  const failing = uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0')

  it('a failing check character is an error until the agent confirms it', () => {
    expect(issuesOf(withPath(organisation, 'organisation.uscc', failing))).toEqual([
      { path: 'organisation.uscc', code: 'uscc.checksum_unconfirmed' },
    ])
  })

  it('once confirmed it is a warning and the application is ok', () => {
    const input = withPath(withPath(organisation, 'organisation.uscc', failing), 'organisation.usccCheckConfirmed', true)
    const result = validate(input)
    expect(result.ok).toBe(true)
    expect(result.warnings).toEqual([{ path: 'organisation.uscc', code: 'uscc.checksum' }])
  })

  it('a valid USCC gives no warning whether confirmed or not', () => {
    expect(validate(withPath(organisation, 'organisation.usccCheckConfirmed', true))).toMatchObject({ ok: true, warnings: [] })
    expect(makeUscc()).toMatch(/^91110105MA01BXQ7T[0-9A-HJ-NP-RTUW-Y]$/)
  })

  it('a USCC of the wrong format is a hard error, confirmed or not', () => {
    const input = withPath(withPath(organisation, 'organisation.uscc', '91110108MA01BXQ7I0'), 'organisation.usccCheckConfirmed', true)
    expect(issuesOf(input)).toEqual([{ path: 'organisation.uscc', code: 'uscc.format' }])
  })
})

describe('payment', () => {
  it.each<[string, unknown, ValidationIssue[]]>([
    ['vip without payment', makeIndividual({ category: 'vip', level: 'gold', payment: undefined }), [{ path: 'payment', code: 'payment.required', params: { amount: '200.00' } }]],
    ['family without payment', makeFamily({ payment: undefined }), [{ path: 'payment', code: 'payment.required', params: { amount: '100.00' } }]],
    ['corporate without payment', makeOrganisation({ payment: undefined }), [{ path: 'payment', code: 'payment.required', params: { amount: '1000.00' } }]],
    ['vip paying 100 yuan', makeIndividual({ category: 'vip', level: 'gold', payment: { amountFen: 10000 } }), [{ path: 'payment.amountFen', code: 'payment.amount_mismatch', params: { amount: '200.00' } }]],
    ['standard (free) paying 5 yuan cash', makeIndividual({ payment: { amountFen: 500, method: 'cash' } }), [{ path: 'payment.amountFen', code: 'payment.amount_mismatch', params: { amount: '0.00' } }]],
    ['waived with an amount', makeIndividual({ category: 'vip', level: 'gold', payment: { amountFen: 20000, method: 'waived' } }), [{ path: 'payment.amountFen', code: 'payment.waived_not_zero' }]],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected)
  })

  it.each([
    ['a waiver on a paid category', makeIndividual({ category: 'vip', level: 'gold', payment: { amountFen: 0, method: 'waived', receiptNo: undefined } })],
    ['a free category without payment', makeIndividual()],
    ['a free category with a waiver', makeIndividual({ payment: { amountFen: 0, method: 'waived' } })],
    ['the exact fee in cash', makeFamily({ payment: { amountFen: 10000, method: 'cash' } })],
  ])('%s is ok', (_label, input) => {
    expect(validate(input).ok).toBe(true)
  })
})

describe('declined fields (拒绝提供)', () => {
  it('a declined field that also carries a value is refused', () => {
    expect(issuesOf(makeIndividual({ person: { declined: ['email'] } }))).toEqual([{ path: 'person.email', code: 'field.declined_but_given' }])
    expect(issuesOf(makeFamily({ person: { employer: '上海某某公司' } }))).toEqual([{ path: 'person.employer', code: 'field.declined_but_given' }])
  })

  it('a declined field without a value, or with an empty list, is ok', () => {
    expect(validate(makeIndividual({ person: { declined: ['email'], email: undefined } })).ok).toBe(true)
    expect(validate(makeIndividual({ person: { declined: ['interests'], interests: [] } })).ok).toBe(true)
  })
})

describe('form version', () => {
  it('an unsupported form version is refused', () => {
    expect(issuesOf(makeIndividual({ formVersion: 2 }))).toEqual([{ path: 'formVersion', code: 'form.version_unsupported', params: { version: 2 } }])
  })
})

describe('structural issues mapped from the schema', () => {
  it.each<[string, unknown, ValidationIssue[]]>([
    ['a missing field', withPath(individual, 'person.name', undefined), [{ path: 'person.name', code: 'field.required' }]],
    ['a missing section', withPath(organisation, 'organisation', undefined), [{ path: 'organisation', code: 'field.required' }]],
    ['an empty string', withPath(individual, 'siteId', ''), [{ path: 'siteId', code: 'field.required' }]],
    ['a missing applicant type', withPath(individual, 'applicantType', undefined), [{ path: 'applicantType', code: 'field.required' }]],
    ['an unknown applicant type', withPath(individual, 'applicantType', 'company'), [{ path: 'applicantType', code: 'field.invalid_option', params: { options: 'individual, family, organisation' } }]],
    ['an unknown gender', withPath(individual, 'person.gender', 'unknown'), [{ path: 'person.gender', code: 'field.invalid_option', params: { options: 'male, female' } }]],
    ['an unknown payment method', makeFamily({ payment: { method: 'paypal' as never } }), [{ path: 'payment.method', code: 'field.invalid_option', params: { options: 'cash, wechat, alipay, waived' } }]],
    ['an unknown attachment kind', withPath(individual, 'attachments.0.kind', 'selfie'), [
      { path: 'attachments.0.kind', code: 'field.invalid_option', params: { options: 'id_front, id_back, portrait, business_licence, signature, other' } },
      { path: 'attachments', code: 'materials.missing', params: { kind: 'id_front' } },
    ]],
    ['a number where text belongs', withPath(individual, 'person.mobile', 13800138000), [{ path: 'person.mobile', code: 'field.type', params: { expected: 'string' } }]],
    ['text where a number belongs', withPath(individual, 'formVersion', '1'), [{ path: 'formVersion', code: 'field.type', params: { expected: 'number' } }]],
    ['a staff count typed as no whole number', withPath(makeOrganisation(), 'organisation.staffCount', '12人'), [{ path: 'organisation.staffCount', code: 'field.digits' }]],
    ['a staff count typed as a decimal', withPath(makeOrganisation(), 'organisation.staffCount', '1.5'), [{ path: 'organisation.staffCount', code: 'field.digits' }]],
    ['an over-long note', withPath(individual, 'person.note', '好'.repeat(501)), [{ path: 'person.note', code: 'field.too_long', params: { max: 500 } }]],
    ['an over-long note in astral characters', withPath(individual, 'person.note', '𠮷'.repeat(501)), [{ path: 'person.note', code: 'field.too_long', params: { max: 500 } }]],
    ['a too-short address', withPath(individual, 'person.address.detail', '东'), [{ path: 'person.address.detail', code: 'field.too_short', params: { min: 2 } }]],
    ['a bad mobile', withPath(individual, 'person.mobile', '1380013800'), [{ path: 'person.mobile', code: 'mobile.format' }]],
    ['a bad region code', withPath(individual, 'person.address.regionCode', '990105'), [{ path: 'person.address.regionCode', code: 'region_code.unknown' }]],
    ['an application id that is not UUIDv7', withPath(individual, 'id', '3b241101-e2bb-4255-8caf-4136c566a962'), [{ path: 'id', code: 'field.format', params: { format: 'uuid' } }]],
    ['a bad receipt number', withPath(individual, 'receiptNo', 'BJ01-7K2M-000001-0'), [{ path: 'receiptNo', code: 'receipt.checksum' }]],
    ['no dependants in a family', withPath(family, 'dependants', []), [{ path: 'dependants', code: 'family.dependant_required' }]],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected)
  })

  it('a note of 500 characters outside the BMP is accepted (characters, not UTF-16 units)', () => {
    expect('𠮷'.repeat(500)).toHaveLength(1000)
    expect(personOf(withPath(individual, 'person.note', '𠮷'.repeat(500))).note).toBe('𠮷'.repeat(500))
  })

  it('input that is not an object is refused, not thrown', () => {
    for (const input of [null, undefined, 42, 'application', []])
      expect(validate(input).ok).toBe(false)
    expect(issuesOf({})).toEqual([{ path: 'applicantType', code: 'field.required' }])
  })
})

describe('every issue is found, not only the first', () => {
  it('reports problems in several sections at once, including cross-field rules while the structure is invalid', () => {
    const sixteen = '2010-05-20'
    const app = withoutAttachment(makeIndividual({
      person: { birthDate: sixteen, idNumber: makeResidentId(sixteen, 'male'), mobile: '1380013800' },
      consent: { sensitiveInfo: false },
    }), 'id_back')
    expect(sortIssues(issuesOf(app))).toEqual(sortIssues([
      { path: 'person.mobile', code: 'mobile.format' },
      { path: 'guardian', code: 'age.below_minimum', params: { minimumAge: 18, age: 16 } },
      { path: 'consent.guardianSignatureAttachmentId', code: 'guardian.signature_required', params: { minimumAge: 18 } },
      { path: 'consent.sensitiveInfo', code: 'consent.sensitive_info_required' },
      { path: 'attachments', code: 'materials.missing', params: { kind: 'id_back' } },
    ]))
  })

  it('an organisation with a bad contact mobile, an unconfirmed USCC, no payment and no licence', () => {
    const uscc = organisation.organisation.uscc
    const app = withoutAttachment(makeOrganisation({
      organisation: { uscc: uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0'), contact: { mobile: '010-12345678' } },
      payment: undefined,
      consent: { noticeVersion: '2025.1' },
    }), 'business_licence')
    expect(sortIssues(issuesOf(app))).toEqual(sortIssues([
      { path: 'organisation.contact.mobile', code: 'mobile.format' },
      { path: 'organisation.uscc', code: 'uscc.checksum_unconfirmed' },
      { path: 'payment', code: 'payment.required', params: { amount: '1000.00' } },
      { path: 'attachments', code: 'materials.missing', params: { kind: 'business_licence' } },
      { path: 'consent.noticeVersion', code: 'consent.notice_version_outdated', params: { current: '2026.1' } },
    ]))
  })

  it('a family with an unknown enum value still gets its ID and family-size checks', () => {
    const dependants = [...family.dependants, ...Array.from({ length: 4 }, (_, i) => ({ name: `刘${'甲乙丙丁'[i]}`, relation: 'child' as const, gender: 'female' as const, birthDate: `201${i}-02-0${i + 1}` }))]
    const app = withPath(withPath(makeFamily({ dependants }), 'dependants.0.relation', 'cousin'), 'dependants.1.birthDate', '2015-06-17')
    expect(sortIssues(issuesOf(app))).toEqual(sortIssues([
      { path: 'dependants.0.relation', code: 'field.invalid_option', params: { options: 'spouse, child, parent, grandparent, grandchild, sibling, other' } },
      { path: 'dependants.1.birthDate', code: 'id.birth_date_mismatch', params: { expected: '2015-06-18' } },
      { path: 'dependants', code: 'family.too_many_dependants', params: { max: 6 } },
    ]))
  })

  it('an issue both the schema and a rule would report is reported once', () => {
    expect(issuesOf(withPath(family, 'person.idType', undefined))).toEqual([{ path: 'person.idType', code: 'field.required' }])
  })
})

describe('generations: a dependant\'s birth date against the applicant\'s, by relation (a warning)', () => {
  /** The family fixture (applicant born 1985-07-09) with one dependant changed; no ID number, so only the dates speak. */
  function withDependant(index: number, change: { relation?: string, birthDate: string }) {
    const app = structuredClone(family) as { dependants: Record<string, unknown>[] }
    const { idType: _type, idNumber: _number, ...rest } = app.dependants[index]!
    app.dependants[index] = { ...rest, ...change }
    return app
  }

  it.each([
    ['a child born before the applicant (1958 typed for 2008)', 1, { birthDate: '1958-06-18' }, 'dependant.not_younger'],
    ['a child born the same day', 1, { birthDate: '1985-07-09' }, 'dependant.not_younger'],
    ['a grandchild born before the applicant', 1, { relation: 'grandchild', birthDate: '1980-01-01' }, 'dependant.not_younger'],
    ['a parent born after the applicant (2008 typed for 1958)', 2, { birthDate: '2008-01-27' }, 'dependant.not_older'],
    ['a grandparent born the same day', 2, { relation: 'grandparent', birthDate: '1985-07-09' }, 'dependant.not_older'],
  ] as const)('%s: accepted, with a warning on that birth date', (_label, index, change, code) => {
    const result = validate(withDependant(index, change))
    expect(result).toMatchObject({ ok: true, warnings: [{ path: `dependants.${index}.birthDate`, code }] })
  })

  it.each([
    ['a child born a day after the applicant', 1, { birthDate: '1985-07-10' }],
    ['a parent born a day before', 2, { birthDate: '1985-07-08' }],
    ['a spouse, sibling or other of any age', 0, { relation: 'sibling', birthDate: '2001-03-04' }],
    ['an other relation older than the applicant', 2, { relation: 'other', birthDate: '2010-01-01' }],
  ] as const)('%s: no warning', (_label, index, change) => {
    expect(validate(withDependant(index, change))).toMatchObject({ ok: true, warnings: [] })
  })

  it('says nothing while the applicant\'s birth date is missing or invalid, and sits beside errors on other fields', () => {
    const noApplicantDate = withDependant(1, { birthDate: '1958-06-18' }) as { person?: Record<string, unknown> }
    const person = { ...(noApplicantDate as unknown as { person: Record<string, unknown> }).person }
    delete person.birthDate
    const result = validate({ ...noApplicantDate, person })
    expect(result.warnings).toEqual([])

    const refused = validate({ ...withDependant(1, { birthDate: '1958-06-18' }), category: 'no-such-category' })
    expect(refused.ok).toBe(false)
    expect(refused.warnings).toEqual([{ path: 'dependants.1.birthDate', code: 'dependant.not_younger' }])
  })
})
