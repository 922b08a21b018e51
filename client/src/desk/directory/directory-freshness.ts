/**
 * When the desk asks for its directory again. Sites, agents and categories change while a
 * desk stays open all day (an administrator adds a site or publishes a level): a directory
 * older than DIRECTORY_MAX_AGE_MS is fetched again by the next page that needs it, and a
 * link naming a site the directory lacks asks once more before calling the site unknown.
 * Pure: times are milliseconds since the epoch, given by the caller.
 */

export const DIRECTORY_MAX_AGE_MS = 60_000

export interface DirectoryAge {
  /** When the request behind the directory on hand was sent; null when none has arrived. */
  fetchedAt: number | null
  /** Whether the last fetch failed (the next page tries again). */
  failed: boolean
}

/** Whether a page should fetch the directory before using it. */
export function directoryNeedsFetch(age: DirectoryAge, now: number): boolean {
  return age.fetchedAt === null || age.failed || now - age.fetchedAt >= DIRECTORY_MAX_AGE_MS
}

/**
 * What to make of a site a link names: nothing named or a site in the directory (`known`);
 * no directory yet (`waiting`); missing from a directory asked for before the page opened,
 * so perhaps created since (`ask-again`); missing from one asked for since (`unknown`).
 */
export type SiteVerdict = 'known' | 'waiting' | 'ask-again' | 'unknown'

export function linkedSiteVerdict(siteId: string, sites: ReadonlyArray<{ id: string }> | null, fetchedAt: number | null, openedAt: number): SiteVerdict {
  if (!siteId || sites?.some(site => site.id === siteId))
    return 'known'
  if (sites === null || fetchedAt === null)
    return 'waiting'
  return fetchedAt < openedAt ? 'ask-again' : 'unknown'
}
