import type { ApplicantType } from '#shared/application/enums'
import type { LocalisedText } from '#shared/i18n/locale'

/**
 * The desk's directory (server/routes/directory, GET /api/directory): the sites and field
 * agents the signed-in user works with and the programme's member categories, so the desk
 * shows names, never ids or codes. Apart from the API client so pure modules (and their
 * unit tests) use the types without the HTTP client; test/types/client-api.contract.ts
 * keeps them true to the route.
 */

export interface DirectorySite { id: string, code: string, name: string, active: boolean }
export interface DirectoryAgent { id: string, displayName: string, siteIds: string[], disabled: boolean }
export interface DirectoryCategory {
  code: string
  name: LocalisedText
  applicantTypes: ApplicantType[]
  levels: Array<{ code: string, name: LocalisedText }>
}
export interface DirectoryCategoryName {
  code: string
  name: LocalisedText
  levels: Array<{ code: string, name: LocalisedText }>
}
export interface DeskDirectory {
  sites: DirectorySite[]
  agents: DirectoryAgent[]
  /** The programme in force's categories: what the desk offers to choose. */
  categories: DirectoryCategory[]
  /** Every category and level any version named, removed ones too: what labels read. */
  categoryNames: DirectoryCategoryName[]
  /** The programme's member-number prefix (`FE`): a members search under it may go into the address (`member-search-url.ts`). */
  memberNumberPrefix: string
  /** The membership term in force, in years: what a renewal extends the validity by. */
  membershipTermYears: number
}
