import type { Application } from '#shared/application/application.schema'
import { ApplicationSchema } from '#shared/application/application.schema'
import { validateApplication } from '#shared/application/validate-application'
import { normaliseMobile } from '#shared/contact/mobile'
import { documentNumbersSimilar } from '#shared/dedup/match-text'
import { parseResidentId } from '#shared/identity/resident-id'
import { checkUscc } from '#shared/identity/uscc'
import { DEFAULT_PROGRAMME } from '#shared/programme/default-programme'
import { describe, expect, it } from 'vitest'
import { TODAY } from '../../fixtures/applications'
import { homophoneVariant, traditionalOf } from '../../support/dedup-corpus/chinese-names'
import { mobileFormatVariant } from '../../support/dedup-corpus/contact'
import { DUPLICATE_KINDS, generateDedupCorpus, NEGATIVE_KINDS } from '../../support/dedup-corpus/corpus'
import { COUNTY_CODES, swapAdjacent } from '../../support/dedup-corpus/identity'
import { organisationName, organisationNameVariant, randomOrganisationName } from '../../support/dedup-corpus/organisations'
import { Rng } from '../../support/dedup-corpus/random'

const OPTIONS = { seed: 7, baseCount: 400, duplicateCount: 160, negativeCount: 60 }
const corpus = generateDedupCorpus(OPTIONS)

/** Every person of an application with a document: applicant and dependants, or the organisation's USCC. */
function documents(app: Application): string[] {
  if (app.applicantType === 'organisation')
    return [app.organisation.uscc]
  const dependants = app.applicantType === 'family' ? app.dependants.flatMap(d => (d.idNumber ? [d.idNumber] : [])) : []
  return [app.person.idNumber, ...dependants]
}

function mobiles(app: Application): string[] {
  if (app.applicantType === 'organisation')
    return [app.organisation.contact.mobile]
  const dependants = app.applicantType === 'family' ? app.dependants.flatMap(d => (d.mobile ? [d.mobile] : [])) : []
  return [app.person.mobile, ...dependants]
}

function person(app: Application) {
  if (app.applicantType === 'organisation')
    throw new Error('expected a person')
  return app.person
}

describe('dedup corpus generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateDedupCorpus(OPTIONS)
    expect(JSON.stringify(again)).toBe(JSON.stringify(corpus))
    const other = generateDedupCorpus({ ...OPTIONS, seed: 8 })
    expect(other.base.map(documents)).not.toEqual(corpus.base.map(documents))
  })

  it('makes the counts asked for, with individuals, families and organisations in the base', () => {
    expect(corpus.base).toHaveLength(OPTIONS.baseCount)
    expect(corpus.injected).toHaveLength(OPTIONS.duplicateCount + OPTIONS.negativeCount)
    const types = new Set(corpus.base.map(app => app.applicantType))
    expect([...types].sort()).toEqual(['family', 'individual', 'organisation'])
    const individuals = corpus.base.filter(app => app.applicantType === 'individual').length
    expect(individuals / corpus.base.length).toBeGreaterThan(0.7)
  })

  it('injects every kind of duplicate and hard negative', () => {
    const kinds = new Set(corpus.injected.map(r => r.label.kind))
    for (const kind of [...DUPLICATE_KINDS, ...NEGATIVE_KINDS])
      expect(kinds, kind).toContain(kind)
  })

  it('gives parsed applications that parse again unchanged', () => {
    for (const app of [...corpus.base, ...corpus.injected.map(r => r.app)])
      expect(ApplicationSchema.parse(app)).toEqual(app)
  })

  it('gives applications the rules accept, except the swapped ID digits the check character catches', () => {
    const codes = (app: Application) => {
      const result = validateApplication(app, DEFAULT_PROGRAMME, { today: TODAY })
      return result.ok ? [] : result.issues.map(issue => `${issue.path} ${issue.code}`)
    }
    for (const app of corpus.base)
      expect(codes(app)).toEqual([])
    for (const { app, label } of corpus.injected) {
      // MOD 11-2 catches every swap of two neighbouring digits: the device refuses such a
      // number, so this kind reaches the server only from records that skipped validation.
      if (label.kind === 'swapped_id_digits')
        expect(codes(app)).toContain('person.idNumber id.checksum')
      else
        expect(codes(app), label.kind).toEqual([])
    }
  })

  it('keeps base records distinct: no shared document number, USCC or mobile', () => {
    const docs = corpus.base.flatMap(documents)
    const phones = corpus.base.flatMap(mobiles)
    expect(new Set(docs).size).toBe(docs.length)
    expect(new Set(phones).size).toBe(phones.length)
  })

  it('gives base records valid resident IDs and USCCs, registered in real counties', () => {
    const counties = new Set(COUNTY_CODES)
    for (const app of corpus.base) {
      if (app.applicantType === 'organisation') {
        expect(checkUscc(app.organisation.uscc)).toMatchObject({ ok: true, value: { checksumValid: true } })
        continue
      }
      expect(counties.has(app.person.address.regionCode)).toBe(true)
      const parsed = parseResidentId(app.person.idNumber, { today: TODAY })
      expect(parsed, app.person.idNumber).toMatchObject({ ok: true, value: { birthDate: app.person.birthDate, gender: app.person.gender } })
      expect(counties.has(app.person.idNumber.slice(0, 6))).toBe(true)
      for (const d of app.applicantType === 'family' ? app.dependants : []) {
        if (d.idNumber)
          expect(parseResidentId(d.idNumber, { today: TODAY })).toMatchObject({ ok: true, value: { birthDate: d.birthDate, gender: d.gender } })
      }
    }
  })

  it('labels consistently: duplicates point at their base, negatives at none', () => {
    for (const { app, label } of corpus.injected) {
      expect(label.relatedTo).toBeGreaterThanOrEqual(0)
      expect(label.relatedTo).toBeLessThan(corpus.base.length)
      const base = corpus.base[label.relatedTo]!
      if ((NEGATIVE_KINDS as readonly string[]).includes(label.kind)) {
        expect(label.duplicateOf).toBeNull()
        // A different person: never the base's document or mobile.
        expect(documents(base)).not.toContain(person(app).idNumber)
        expect(mobiles(base)).not.toContain(person(app).mobile)
      }
      else {
        expect(label.duplicateOf).toBe(label.relatedTo)
        expect(app.applicantType === 'organisation').toBe(label.kind === 'org_name_variant')
        expect(base.applicantType === 'organisation').toBe(label.kind === 'org_name_variant')
      }
    }
  })

  it('makes each kind the way its name says', () => {
    for (const { app, label } of corpus.injected) {
      const base = corpus.base[label.relatedTo]!
      if (label.kind === 'org_name_variant') {
        if (app.applicantType !== 'organisation' || base.applicantType !== 'organisation')
          throw new Error('organisation kinds join organisations')
        expect(app.organisation.name).not.toBe(base.organisation.name)
        const { uscc } = app.organisation
        expect(uscc === base.organisation.uscc || documentNumbersSimilar(uscc, base.organisation.uscc)).toBe(true)
        continue
      }
      const p = person(app)
      // The source is the base applicant, or (for a family) the spouse enrolling alone.
      const people = base.applicantType === 'family' ? [base.person, ...base.dependants] : [person(base)]
      const source = people.find(q => q.idNumber && (q.idNumber === p.idNumber || documentNumbersSimilar(q.idNumber, p.idNumber)))
        ?? people.find(q => q.birthDate === p.birthDate && q.mobile === p.mobile)
        ?? people.find(q => q.birthDate === p.birthDate)!
      switch (label.kind) {
        case 'homophone_name':
        case 'name_typo':
          expect(p.name).not.toBe(source.name)
          expect([...p.name]).toHaveLength([...source.name].length)
          expect(p.birthDate).toBe(source.birthDate)
          break
        case 'traditional_variant':
          expect(p.name).toBe(traditionalOf(source.name))
          expect(p.name).not.toBe(source.name)
          break
        case 'full_width_variant':
        case 'mobile_format':
          // Written differently, the same after normalisation.
          expect(p.name).toBe(source.name)
          expect(p.mobile).toBe(source.mobile)
          break
        case 'changed_mobile_same_id':
          expect(p.idNumber).toBe(source.idNumber)
          expect(p.mobile).not.toBe(source.mobile)
          break
        case 'romanised_name':
          // The Chinese name as its passport prints it: Latin letters, the same birth date.
          expect(p.name).toMatch(/^[A-Z][A-Za-z ]+$/)
          expect(p.idType).toBe('passport')
          expect(p.birthDate).toBe(source.birthDate)
          break
        case 'swapped_id_digits':
          expect(documentNumbersSimilar(p.idNumber, source.idNumber!)).toBe(true)
          expect(p.name).toBe(source.name)
          expect(p.birthDate).toBe(source.birthDate)
          break
        case 'family_same_address':
          expect(p.name).not.toBe(person(base).name)
          // A relative: the surname of someone in the household.
          expect(people.some(q => p.name.startsWith(q.name.slice(0, 1)))).toBe(true)
          expect(people.map(q => q.birthDate)).not.toContain(p.birthDate)
          expect(p.address.regionCode).toBe(person(base).address.regionCode)
          break
        case 'namesake_stranger':
          expect(p.name).toBe(person(base).name)
          expect(p.birthDate).not.toBe(person(base).birthDate)
          break
        case 'same_birth_date_stranger':
          expect(p.birthDate).toBe(person(base).birthDate)
          expect(p.name).not.toBe(person(base).name)
          break
      }
    }
  })
})

describe('dedup corpus building blocks', () => {
  const rng = new Rng(1)

  it('swaps two different neighbouring digits', () => {
    for (let i = 0; i < 200; i++) {
      const swapped = swapAdjacent('110105198803150379', rng)
      expect(documentNumbersSimilar(swapped, '110105198803150379')).toBe(true)
    }
  })

  it('writes a mobile another way that normalises back', () => {
    for (let i = 0; i < 50; i++) {
      const written = mobileFormatVariant('13800138000', rng)
      expect(written).not.toBe('13800138000')
      expect(normaliseMobile(written)).toBe('13800138000')
    }
  })

  it('makes homophones only from homophone groups', () => {
    expect(homophoneVariant('张伟', new Rng(3))).toMatch(/^[张章][伟玮炜维薇]$/u)
    expect(homophoneVariant('钱', new Rng(3))).toBeNull()
  })

  it('writes an organisation name differently, never as the licence does', () => {
    for (let i = 0; i < 50; i++) {
      const name = randomOrganisationName(rng, '110105')
      expect(organisationName(name)).toMatch(/^北京市/u)
      expect(organisationNameVariant(name, rng)).not.toBe(organisationName(name))
    }
  })
})
