import type { Application } from '#shared/application/application.schema'
import type { IdType } from '#shared/identity/id-document'
import type { FamilyInput } from '../../fixtures/applications'
import type { AddressInput } from './addresses'
import type { ChineseName, Gender } from './chinese-names'
import type { OrganisationName } from './organisations'
import { ApplicationSchema } from '#shared/application/application.schema'
import { checkUscc } from '#shared/identity/uscc'
import { makeFamily, makeIndividual, makeOrganisation } from '../../fixtures/applications'
import { addressVariant, randomAddress } from './addresses'
import { fullName, hasHomophone, hasTraditionalForm, homophoneVariant, randomName, romanisedName, siblingGivenName, traditionalOf, typoVariant } from './chinese-names'
import { mobileFormatVariant, randomMobile, toFullWidth } from './contact'
import { randomBirthDate, randomCounty, randomPassport, randomResidentId, swapAdjacent } from './identity'
import { mistypeUscc, organisationName, organisationNameVariant, randomOrganisationName, randomUscc } from './organisations'
import { Rng, unique } from './random'

/**
 * The labelled corpus duplicate detection is measured on (bench/dedup-accuracy.bench.ts).
 *
 * `base` holds distinct people and organisations — mostly individuals, some families with
 * dependants, some organisations — as parsed applications: no two share a document
 * number, a USCC or a mobile. `injected` holds the incoming records, each labelled:
 * a duplicate of one base record, made the way the field makes them (a homophone picked
 * on the IME, a traditional-character keyboard, a `+86` mobile, a new phone, two ID digits
 * swapped, an organisation's name as its letterhead writes it), or a hard negative — a
 * different person who looks like a base one (a relative at the same address, a namesake,
 * someone born the same day). A re-enrolment keeps most of what the person gave before;
 * where it realistically changes (a new phone, a move, a passport instead of the ID card)
 * the generator changes it too, so not every duplicate carries an identical document.
 *
 * Deterministic: the same options give the same corpus (one seeded PRNG, fixture ids by seq).
 */

export const DUPLICATE_KINDS = [
  'homophone_name',
  'name_typo',
  'traditional_variant',
  'full_width_variant',
  'mobile_format',
  'changed_mobile_same_id',
  'swapped_id_digits',
  'org_name_variant',
  'romanised_name',
] as const
export const NEGATIVE_KINDS = ['family_same_address', 'namesake_stranger', 'same_birth_date_stranger'] as const

export type DuplicateKind = (typeof DUPLICATE_KINDS)[number]
export type NegativeKind = (typeof NEGATIVE_KINDS)[number]
export type InjectionKind = DuplicateKind | NegativeKind

export interface CorpusLabel {
  /** The base record this one duplicates, or null for a hard negative (a different party). */
  duplicateOf: number | null
  kind: InjectionKind
  /** The base record it was made from (for a negative: the one it resembles). */
  relatedTo: number
}

export interface LabelledApplication {
  app: Application
  label: CorpusLabel
}

export interface DedupCorpus {
  base: Application[]
  injected: LabelledApplication[]
}

export interface CorpusOptions {
  seed?: number
  baseCount: number
  duplicateCount: number
  negativeCount: number
  /** Shares of the base records that are families and organisations; the rest are individuals. */
  familyShare?: number
  organisationShare?: number
}

/** One person as the generator knows them, before any typing slip. */
interface PersonSeed {
  name: ChineseName
  gender: Gender
  birthDate: string
  idType: IdType
  idNumber: string
  mobile: string
  address: AddressInput
}

/** What a base record holds, for making its look-alikes. */
type BaseSeed
  = | { type: 'individual', applicant: PersonSeed }
    | { type: 'family', applicant: PersonSeed, members: Array<{ name: ChineseName, birthDate: string, idNumber?: string, mobile?: string, relation: string }> }
    | { type: 'organisation', name: OrganisationName, uscc: string, mobile: string, address: AddressInput }

type IndividualPerson = NonNullable<NonNullable<Parameters<typeof makeIndividual>[0]>['person']>
type Dependant = FamilyInput['dependants'][number]

/** The fixture's optional extras (張偉's e-mail, employer, referrer) do not belong to a generated person. */
const NO_EXTRAS = { email: undefined, employer: undefined, referrer: undefined, interests: undefined, occupation: undefined } as const

const otherGender = (g: Gender): Gender => (g === 'male' ? 'female' : 'male')

class CorpusBuilder {
  readonly rng: Rng
  private readonly ids = new Set<string>()
  private readonly mobiles = new Set<string>()
  private readonly usccs = new Set<string>()
  private readonly orgNames = new Set<string>()
  private seq = 0

  constructor(seed: number) {
    this.rng = new Rng(seed)
  }

  nextSeq(): number {
    return ++this.seq
  }

  newMobile(): string {
    return unique(this.mobiles, () => randomMobile(this.rng))
  }

  newResidentId(birthDate: string, gender: Gender, region: string): string {
    return unique(this.ids, () => randomResidentId(this.rng, birthDate, gender, region))
  }

  newPassport(): string {
    return unique(this.ids, () => randomPassport(this.rng))
  }

  /** A new person: resident ID registered where they live (mostly) or where they were born. */
  newPerson(gender: Gender, birthDate: string, name: ChineseName = randomName(this.rng, gender), address?: AddressInput): PersonSeed {
    const home = address ?? randomAddress(this.rng, randomCounty(this.rng))
    const idRegion = this.rng.chance(0.6) ? home.regionCode : randomCounty(this.rng)
    return { name, gender, birthDate, idType: 'resident_id', idNumber: this.newResidentId(birthDate, gender, idRegion), mobile: this.newMobile(), address: home }
  }

  individual(person: TypedPerson, seq = this.nextSeq()): Application {
    const overrides: IndividualPerson = { ...NO_EXTRAS, ...person }
    return ApplicationSchema.parse(makeIndividual({ person: overrides }, { seq }))
  }

  baseIndividual(): { app: Application, seed: BaseSeed } {
    const gender = this.rng.chance(0.5) ? 'male' : 'female'
    const applicant = this.newPerson(gender, randomBirthDate(this.rng, 18, 80))
    return { app: this.individual({ ...applicant, name: fullName(applicant.name) }), seed: { type: 'individual', applicant } }
  }

  baseFamily(): { app: Application, seed: BaseSeed } {
    const rng = this.rng
    const gender: Gender = rng.chance(0.6) ? 'female' : 'male'
    const applicant = this.newPerson(gender, randomBirthDate(rng, 28, 55))
    const spouseGender = otherGender(gender)
    const spouseName = randomName(rng, spouseGender)
    const spouseBirth = randomBirthDate(rng, 28, 58)
    const familySurname = gender === 'male' ? applicant.name.surname : spouseName.surname
    const members: Extract<BaseSeed, { type: 'family' }>['members'] = []
    const dependants: Dependant[] = []
    const region = applicant.address.regionCode
    const spouseId = this.newResidentId(spouseBirth, spouseGender, rng.chance(0.6) ? region : randomCounty(rng))
    const spouseMobile = rng.chance(0.8) ? this.newMobile() : undefined
    dependants.push({ name: fullName(spouseName), relation: 'spouse', gender: spouseGender, birthDate: spouseBirth, idType: 'resident_id', idNumber: spouseId, ...(spouseMobile && { mobile: spouseMobile }) })
    members.push({ name: spouseName, birthDate: spouseBirth, idNumber: spouseId, mobile: spouseMobile, relation: 'spouse' })
    const children = rng.weighted([[1, 5], [2, 3], [0, 1]] as const)
    const given = new Set<string>()
    for (let c = 0; c < children; c++) {
      const childGender: Gender = rng.chance(0.5) ? 'male' : 'female'
      let name = randomName(rng, childGender, familySurname)
      while (given.has(name.given))
        name = randomName(rng, childGender, familySurname)
      given.add(name.given)
      const birthDate = randomBirthDate(rng, 0, 17)
      const idNumber = rng.chance(0.85) ? this.newResidentId(birthDate, childGender, region) : undefined
      dependants.push({ name: fullName(name), relation: 'child', gender: childGender, birthDate, ...(idNumber && { idType: 'resident_id' as const, idNumber }) })
      members.push({ name, birthDate, idNumber, relation: 'child' })
    }
    if (rng.chance(0.3)) {
      const parentGender: Gender = rng.chance(0.5) ? 'male' : 'female'
      const name = randomName(rng, parentGender, parentGender === 'male' ? applicant.name.surname : undefined)
      const birthDate = randomBirthDate(rng, 60, 90)
      const idNumber = rng.chance(0.5) ? this.newResidentId(birthDate, parentGender, randomCounty(rng)) : undefined
      dependants.push({ name: fullName(name), relation: 'parent', gender: parentGender, birthDate, ...(idNumber && { idType: 'resident_id' as const, idNumber }) })
      members.push({ name, birthDate, idNumber, relation: 'parent' })
    }
    const app = ApplicationSchema.parse(makeFamily({ person: { ...NO_EXTRAS, ...applicant, name: fullName(applicant.name) }, dependants }, { seq: this.nextSeq() }))
    return { app, seed: { type: 'family', applicant, members } }
  }

  organisation(fields: { name: string, uscc: string, mobile: string, address: AddressInput, legalRepresentative: string, contact: string }, seq = this.nextSeq()): Application {
    const check = checkUscc(fields.uscc)
    return ApplicationSchema.parse(makeOrganisation({
      organisation: {
        name: fields.name,
        uscc: fields.uscc,
        // A mistyped code fails its check character; the agent, misreading the licence the
        // same way, confirms it (as the form lets them for early codes).
        usccCheckConfirmed: check.ok && !check.value.checksumValid,
        legalRepresentative: fields.legalRepresentative,
        registeredAddress: fields.address,
        contact: { name: fields.contact, mobile: fields.mobile },
        industry: undefined,
        staffCount: this.rng.between(3, 2000),
      },
    }, { seq }))
  }

  baseOrganisation(): { app: Application, seed: BaseSeed } {
    const rng = this.rng
    const region = randomCounty(rng)
    const name = unique(this.orgNames, () => {
      const n = randomOrganisationName(rng, region)
      return JSON.stringify(n)
    })
    const orgName = JSON.parse(name) as OrganisationName
    const uscc = unique(this.usccs, () => randomUscc(rng, region))
    const mobile = this.newMobile()
    const address = randomAddress(rng, region)
    const app = this.organisation({
      name: organisationName(orgName),
      uscc,
      mobile,
      address,
      legalRepresentative: fullName(randomName(rng, rng.chance(0.7) ? 'male' : 'female')),
      contact: fullName(randomName(rng, rng.chance(0.5) ? 'male' : 'female')),
    })
    return { app, seed: { type: 'organisation', name: orgName, uscc, mobile, address } }
  }
}

/** The person a duplicate re-enrols: the applicant, or a family's adult spouse enrolling alone. */
function sourcePerson(seed: Exclude<BaseSeed, { type: 'organisation' }>, rng: Rng): PersonSeed {
  if (seed.type === 'family' && rng.chance(0.25)) {
    const spouse = seed.members.find(m => m.relation === 'spouse')
    if (spouse?.idNumber && spouse.mobile) {
      const gender = otherGender(seed.applicant.gender)
      return { name: spouse.name, gender, birthDate: spouse.birthDate, idType: 'resident_id', idNumber: spouse.idNumber, mobile: spouse.mobile, address: seed.applicant.address }
    }
  }
  return seed.applicant
}

function pickBase(rng: Rng, seeds: readonly BaseSeed[], accept: (seed: BaseSeed) => boolean): number {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const i = rng.int(seeds.length)
    if (accept(seeds[i]!))
      return i
  }
  throw new Error('no base record fits the injection')
}

const isPersonSeed = (s: BaseSeed): s is Exclude<BaseSeed, { type: 'organisation' }> => s.type !== 'organisation'

/** The person as re-typed on the new form: a variant of `src` (strings as typed, before normalisation). */
interface TypedPerson {
  name: string
  gender: Gender
  birthDate: string
  idType: IdType
  idNumber: string
  mobile: string
  address: AddressInput
}

function makeDuplicatePerson(b: CorpusBuilder, kind: Exclude<DuplicateKind, 'org_name_variant'>, src: PersonSeed): TypedPerson | null {
  const rng = b.rng
  const p: TypedPerson = { ...src, name: fullName(src.name) }
  const passport = () => ({ idType: 'passport' as const, idNumber: b.newPassport() })
  const keepAddress = (pKeep: number): AddressInput => {
    if (!rng.chance(pKeep))
      return randomAddress(rng, rng.chance(0.5) ? src.address.regionCode : randomCounty(rng))
    return rng.chance(0.3) ? addressVariant(src.address, rng) : src.address
  }
  switch (kind) {
    case 'homophone_name': {
      const name = homophoneVariant(p.name, rng)
      if (!name)
        return null
      return { ...p, name, ...(rng.chance(0.5) ? {} : passport()), mobile: rng.chance(0.5) ? src.mobile : b.newMobile(), address: keepAddress(0.7) }
    }
    case 'name_typo': {
      const name = typoVariant(src.name, rng, src.gender)
      if (rng.chance(0.5))
        return { ...p, name, mobile: rng.chance(0.5) ? src.mobile : b.newMobile(), address: keepAddress(0.7) }
      // No ID this time (a passport), but the same birth date and mobile.
      return { ...p, name, ...passport(), address: keepAddress(0.7) }
    }
    case 'traditional_variant':
      if (!hasTraditionalForm(p.name))
        return null
      return {
        ...p,
        name: traditionalOf(p.name),
        ...(rng.chance(0.5) ? {} : passport()),
        mobile: rng.chance(0.6) ? src.mobile : b.newMobile(),
        address: rng.chance(0.5) ? addressVariant(src.address, rng, 'traditional') : keepAddress(0.8),
      }
    case 'full_width_variant':
      return {
        ...p,
        name: rng.chance(0.3) ? `${src.name.surname}\u3000${src.name.given}` : p.name,
        ...(rng.chance(0.7) ? { idNumber: toFullWidth(src.idNumber.toLowerCase()) } : passport()),
        mobile: toFullWidth(src.mobile),
        address: addressVariant(src.address, rng, 'full_width'),
      }
    case 'mobile_format':
      return { ...p, ...(rng.chance(0.4) ? {} : passport()), mobile: mobileFormatVariant(src.mobile, rng), address: keepAddress(0.7) }
    case 'changed_mobile_same_id':
      return { ...p, mobile: b.newMobile(), address: keepAddress(0.5) }
    case 'swapped_id_digits':
      return { ...p, idNumber: swapAdjacent(src.idNumber, rng), mobile: rng.chance(0.5) ? src.mobile : b.newMobile(), address: keepAddress(0.7) }
    case 'romanised_name':
      // Enrolled on a passport, the name typed as it prints it (ZHANG XIAOMING) or run together.
      return { ...p, name: romanisedName(src.name, rng), ...passport(), mobile: rng.chance(0.5) ? src.mobile : b.newMobile(), address: keepAddress(0.7) }
  }
}

function makeNegativePerson(b: CorpusBuilder, kind: NegativeKind, seed: Exclude<BaseSeed, { type: 'organisation' }>): TypedPerson {
  const rng = b.rng
  const household = [
    { name: seed.applicant.name, birthDate: seed.applicant.birthDate },
    ...(seed.type === 'family' ? seed.members : []),
  ]
  const takenNames = new Set(household.map(m => fullName(m.name)))
  const takenDates = new Set(household.map(m => m.birthDate))
  const typed = (person: PersonSeed): TypedPerson => ({ ...person, name: fullName(person.name) })
  switch (kind) {
    case 'family_same_address': {
      // A relative living there: the surname of someone in the household, another given name
      // (half the time one character from theirs, as siblings' names often are).
      const ref = rng.pick(household)
      const gender: Gender = rng.chance(0.5) ? 'male' : 'female'
      let name: ChineseName
      do {
        name = { surname: ref.name.surname, given: rng.chance(0.5) ? siblingGivenName(ref.name.given, rng, gender) : randomName(rng, gender).given }
      } while (takenNames.has(fullName(name)))
      // An adult: a minor would enrol with a guardian, not alone.
      let birthDate: string
      do birthDate = randomBirthDate(rng, 18, 85)
      while (takenDates.has(birthDate))
      const address = rng.chance(0.3) ? addressVariant(seed.applicant.address, rng) : seed.applicant.address
      return typed(b.newPerson(gender, birthDate, name, address))
    }
    case 'namesake_stranger': {
      const src = seed.applicant
      let birthDate: string
      do birthDate = randomBirthDate(rng, 18, 80)
      while (birthDate === src.birthDate)
      return typed(b.newPerson(src.gender, birthDate, src.name))
    }
    case 'same_birth_date_stranger': {
      const src = seed.applicant
      const gender: Gender = rng.chance(0.5) ? 'male' : 'female'
      let name: ChineseName
      do name = randomName(rng, gender)
      while (fullName(name) === fullName(src.name))
      return typed(b.newPerson(gender, src.birthDate, name))
    }
  }
}

export function generateDedupCorpus(options: CorpusOptions): DedupCorpus {
  const { seed = 20261123, baseCount, duplicateCount, negativeCount, familyShare = 0.1, organisationShare = 0.08 } = options
  const b = new CorpusBuilder(seed)
  const rng = b.rng
  const base: Application[] = []
  const seeds: BaseSeed[] = []
  for (let i = 0; i < baseCount; i++) {
    const roll = rng.next()
    const made = roll < organisationShare ? b.baseOrganisation() : roll < organisationShare + familyShare ? b.baseFamily() : b.baseIndividual()
    base.push(made.app)
    seeds.push(made.seed)
  }
  if (!seeds.some(s => s.type === 'organisation') || !seeds.some(isPersonSeed))
    throw new Error('the corpus needs both people and organisations: raise baseCount')

  const injected: LabelledApplication[] = []
  for (let j = 0; j < duplicateCount; j++) {
    const kind = DUPLICATE_KINDS[j % DUPLICATE_KINDS.length]!
    if (kind === 'org_name_variant') {
      const i = pickBase(rng, seeds, s => s.type === 'organisation')
      const org = seeds[i] as Extract<BaseSeed, { type: 'organisation' }>
      const app = b.organisation({
        name: organisationNameVariant(org.name, rng),
        uscc: rng.chance(0.5) ? org.uscc : mistypeUscc(org.uscc, rng),
        mobile: rng.chance(0.5) ? org.mobile : b.newMobile(),
        address: rng.chance(0.3) ? addressVariant(org.address, rng) : org.address,
        legalRepresentative: fullName(randomName(rng, 'male')),
        contact: fullName(randomName(rng, 'female')),
      })
      injected.push({ app, label: { duplicateOf: i, kind, relatedTo: i } })
      continue
    }
    const accept = (s: BaseSeed): boolean => isPersonSeed(s)
      && (kind !== 'homophone_name' || hasHomophone(fullName(s.applicant.name)))
      && (kind !== 'traditional_variant' || hasTraditionalForm(fullName(s.applicant.name)))
    let person: TypedPerson | null = null
    let i = -1
    while (!person) {
      i = pickBase(rng, seeds, accept)
      person = makeDuplicatePerson(b, kind, sourcePerson(seeds[i] as Exclude<BaseSeed, { type: 'organisation' }>, rng))
    }
    injected.push({ app: b.individual(person), label: { duplicateOf: i, kind, relatedTo: i } })
  }

  for (let j = 0; j < negativeCount; j++) {
    const kind = NEGATIVE_KINDS[j % NEGATIVE_KINDS.length]!
    const i = pickBase(rng, seeds, s => isPersonSeed(s) && (kind !== 'family_same_address' || s.type === 'family' || rng.chance(0.4)))
    const person = makeNegativePerson(b, kind, seeds[i] as Exclude<BaseSeed, { type: 'organisation' }>)
    injected.push({ app: b.individual(person), label: { duplicateOf: null, kind, relatedTo: i } })
  }
  return { base, injected }
}
