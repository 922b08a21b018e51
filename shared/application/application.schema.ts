import { z } from 'zod'
import { ID_TYPES } from '../identity/id-document'
import {
  APPLICANT_TYPES,
  ATTACHMENT_KINDS,
  ATTACHMENT_MEDIA_TYPES,
  DECLINABLE_PERSON_FIELDS,
  DEPENDANT_RELATIONS,
  GENDERS,
  GUARDIAN_RELATIONS,
  PAYMENT_METHODS,
} from './enums'
import {
  calendarDate,
  documentNumber,
  email,
  isoDateTime,
  mobile,
  personName,
  receiptNumber,
  regionCode,
  sha256Hex,
  text,
  usccFormat,
  uuid,
} from './field-schemas'
import { MAX_AMOUNT_FEN } from './payment-amount'

/**
 * The application shape (DESIGN.md §3), camelCase on the wire, on the device and on the
 * server. These schemas check structure and single-field formats and normalise values;
 * rules across fields and against the programme settings live in ./rules and are run by
 * validateApplication. Extend the shape, never rename a field: devices in the field carry
 * records of older form versions.
 */

/** The form version this build writes. Older versions still in the field are migrated by the device. */
export const CURRENT_FORM_VERSION = 1

/**
 * The longest free texts, in characters (code points after normalisation). Forms take their
 * input limits from here, so an input never cuts what the rule accepts.
 */
export const TEXT_LIMITS = {
  addressDetail: 120,
  occupation: 40,
  employer: 100,
  interest: 20,
  referrer: 40,
  note: 500,
  organisationName: 100,
  industry: 40,
  position: 40,
  paymentReceiptNo: 64,
} as const

export const AddressSchema = z.object({
  regionCode,
  detail: text(TEXT_LIMITS.addressDetail, 2),
})

export const GeoSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0),
})

export const IdTypeSchema = z.enum(ID_TYPES)
export const GenderSchema = z.enum(GENDERS)
export const DependantRelationSchema = z.enum(DEPENDANT_RELATIONS)

export const PersonSchema = z.object({
  name: personName,
  gender: GenderSchema,
  birthDate: calendarDate,
  idType: IdTypeSchema,
  idNumber: documentNumber,
  mobile,
  email: email.optional(),
  address: AddressSchema,
  occupation: text(TEXT_LIMITS.occupation).optional(),
  employer: text(TEXT_LIMITS.employer).optional(),
  interests: z.array(text(TEXT_LIMITS.interest)).max(20).optional(),
  referrer: text(TEXT_LIMITS.referrer).optional(),
  note: text(TEXT_LIMITS.note).optional(),
  /** Optional fields the applicant declined to give (拒绝提供): recorded, not left empty. */
  declined: z.array(z.enum(DECLINABLE_PERSON_FIELDS)).max(DECLINABLE_PERSON_FIELDS.length).default([]),
})

export const GuardianSchema = z.object({
  name: personName,
  relation: z.enum(GUARDIAN_RELATIONS),
  mobile,
  idType: IdTypeSchema,
  idNumber: documentNumber,
})

export const DependantSchema = z.object({
  name: personName,
  relation: DependantRelationSchema,
  gender: GenderSchema,
  birthDate: calendarDate,
  idType: IdTypeSchema.optional(),
  idNumber: documentNumber.optional(),
  mobile: mobile.optional(),
})

export const ORGANISATION_TYPES = ['enterprise', 'individual_business', 'public_institution', 'social_organisation', 'government', 'private_non_enterprise', 'other'] as const

export const OrganisationSchema = z.object({
  name: text(TEXT_LIMITS.organisationName, 2),
  uscc: usccFormat,
  /** The agent compared a USCC that fails its check character with the licence and confirms it. */
  usccCheckConfirmed: z.boolean().default(false),
  orgType: z.enum(ORGANISATION_TYPES),
  industry: text(TEXT_LIMITS.industry).optional(),
  legalRepresentative: personName,
  registeredAddress: AddressSchema,
  contact: z.object({
    name: personName,
    mobile,
    position: text(TEXT_LIMITS.position).optional(),
  }),
  staffCount: z.number().int().min(0).max(10_000_000).optional(),
})

export const AttachmentSchema = z.object({
  id: uuid,
  kind: z.enum(ATTACHMENT_KINDS),
  sha256: sha256Hex,
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
  size: z.number().int().min(1),
})

export const ConsentSchema = z.object({
  /** Privacy notice version the applicant read. */
  noticeVersion: z.string().min(1).max(32),
  /** Member notice / constitution (会员须知/章程) version the applicant acknowledged. */
  termsVersion: z.string().min(1).max(32),
  personalInfo: z.boolean(),
  /** Separate consent for sensitive personal information (ID number, photos), PIPL art. 29. */
  sensitiveInfo: z.boolean(),
  memberTerms: z.boolean(),
  marketing: z.boolean(),
  /** The applicant checked the summary before signing (经会员确认). */
  summaryConfirmed: z.boolean(),
  signedAt: isoDateTime,
  signatureAttachmentId: uuid,
  guardianSignatureAttachmentId: uuid.optional(),
})

export const PaymentSchema = z.object({
  amountFen: z.number().int().min(0).max(MAX_AMOUNT_FEN),
  method: z.enum(PAYMENT_METHODS),
  receiptNo: text(TEXT_LIMITS.paymentReceiptNo).optional(),
})

const common = {
  id: z.uuid({ version: 'v7' }),
  receiptNo: receiptNumber,
  formVersion: z.number().int().min(1),
  category: z.string().min(1).max(32),
  level: z.string().min(1).max(32).optional(),
  siteId: z.string().min(1).max(64),
  agentId: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  capturedAt: isoDateTime,
  geo: GeoSchema.optional(),
  attachments: z.array(AttachmentSchema).max(30),
  consent: ConsentSchema,
  payment: PaymentSchema.optional(),
}

export const IndividualApplicationSchema = z.object({
  applicantType: z.literal('individual'),
  ...common,
  person: PersonSchema,
  guardian: GuardianSchema.optional(),
})

export const FamilyApplicationSchema = z.object({
  applicantType: z.literal('family'),
  ...common,
  person: PersonSchema,
  guardian: GuardianSchema.optional(),
  // At least one: the category rule says so in its own words (family.dependant_required).
  dependants: z.array(DependantSchema).max(20),
})

export const OrganisationApplicationSchema = z.object({
  applicantType: z.literal('organisation'),
  ...common,
  organisation: OrganisationSchema,
})

export const ApplicationSchema = z.discriminatedUnion('applicantType', [
  IndividualApplicationSchema,
  FamilyApplicationSchema,
  OrganisationApplicationSchema,
])

export const ApplicantTypeSchema = z.enum(APPLICANT_TYPES)

/** A parsed, normalised application. */
export type Application = z.output<typeof ApplicationSchema>
/** What a device sends before normalisation. */
export type ApplicationInput = z.input<typeof ApplicationSchema>
export type Person = z.output<typeof PersonSchema>
export type Organisation = z.output<typeof OrganisationSchema>
export type Attachment = z.output<typeof AttachmentSchema>
export type Consent = z.output<typeof ConsentSchema>
