import type { ApplicantType } from '#shared/application/enums'
import type { LocalisedTextValue } from '#shared/programme/programme.schema'
import type { AppDeps, SessionActor } from '../context'
import type { SiteRecord } from '../repositories/sites.repository'
import { compareNames } from '#shared/i18n/collate'
import { ApiError } from '../http/api-error'
import { categoryNamesEver, currentProgramme } from '../repositories/programme.repository'
import { listSites } from '../repositories/sites.repository'
import { listStaff } from '../repositories/staff.repository'
import { namesScopeOf, scopeIncludes } from './site-scope'

/**
 * What the desk names things by: the sites and field agents a desk user works with (for
 * filters and labels, instead of ids) and the programme's member categories with their
 * levels (instead of codes). Staff names and site names only — no applicant's data — so
 * administrators, who see statistics for every site, get it too.
 */

export interface DirectorySite { id: string, code: string, name: string, active: boolean }
export interface DirectoryAgent { id: string, displayName: string, siteIds: string[], disabled: boolean }
export interface DirectoryCategory {
  code: string
  name: LocalisedTextValue
  applicantTypes: ApplicantType[]
  levels: Array<{ code: string, name: LocalisedTextValue }>
}
export interface DeskDirectory {
  sites: DirectorySite[]
  agents: DirectoryAgent[]
  categories: DirectoryCategory[]
  /** Every category and level any version named (removed ones too), for labels; `categories` are the choices. */
  categoryNames: Array<{ code: string, name: LocalisedTextValue, levels: Array<{ code: string, name: LocalisedTextValue }> }>
  /** The member-number prefix in force: which searches the desk may keep in its address. */
  memberNumberPrefix: string
  /** The membership term in force, in years: the desk shows what a renewal would give (renewedTerm). */
  membershipTermYears: number
}

export async function deskDirectory(deps: AppDeps, actor: SessionActor): Promise<DeskDirectory> {
  const scope = namesScopeOf(actor)
  const [sites, agents, programme] = await Promise.all([
    listSites(deps.db, {}),
    listStaff(deps.db, { role: 'field_agent' }),
    currentProgramme(deps.db),
  ])
  if (!programme)
    throw new ApiError(500, 'server.internal')
  return {
    // Inactive sites stay: their applications and members still need a name.
    sites: sites.filter(site => scopeIncludes(scope, site.id)).map(({ id, code, name, active }: SiteRecord) => ({ id, code, name, active })),
    // An agent belongs to the directory through a site in scope; only those sites are named.
    agents: agents
      .map(agent => ({ id: agent.id, displayName: agent.displayName, siteIds: agent.siteIds.filter(siteId => scopeIncludes(scope, siteId)), disabled: agent.disabled }))
      .filter(agent => agent.siteIds.length > 0)
      .sort((a, b) => compareNames(a.displayName, b.displayName) || a.id.localeCompare(b.id)),
    categoryNames: await categoryNamesEver(deps.db),
    categories: programme.settings.categories.map(category => ({
      code: category.code,
      name: category.name,
      applicantTypes: [...category.applicantTypes],
      levels: category.levels.map(level => ({ code: level.code, name: level.name })),
    })),
    memberNumberPrefix: programme.settings.memberNumberPrefix,
    membershipTermYears: programme.settings.membershipTermYears,
  }
}
