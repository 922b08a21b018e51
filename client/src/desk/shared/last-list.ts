import type { RouteLocationRaw } from 'vue-router'
import { ref } from 'vue'

/**
 * A list as the desk user last left it (its URL query: filters, search, page), so that the
 * menu and the back button of a record's page return to the filtered list, not a fresh
 * one: the review queue (审核队列) and the members list (会员). Kept for the tab's life
 * (sessionStorage), like the session. A members search that may not go into the address —
 * a mobile or an ID number (`member-search-url.ts`) — is held here too, for the tab only;
 * its list's query then says `search=held`.
 */

export type DeskList = 'desk-queue' | 'desk-members'

const KEYS: Record<DeskList, string> = {
  'desk-queue': 'field-enrol.desk.queue-query',
  'desk-members': 'field-enrol.desk.members-query',
}

function stored(list: DeskList): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEYS[list]) ?? '{}')
    return parsed && typeof parsed === 'object' ? parsed as Record<string, string> : {}
  }
  catch {
    return {}
  }
}

const lastQueries = ref<Record<DeskList, Record<string, string>>>({
  'desk-queue': stored('desk-queue'),
  'desk-members': stored('desk-members'),
})

export function rememberListQuery(list: DeskList, query: Record<string, string>): void {
  lastQueries.value[list] = query
  sessionStorage.setItem(KEYS[list], JSON.stringify(query))
}

export function lastListLocation(list: DeskList): RouteLocationRaw {
  return { name: list, query: lastQueries.value[list] }
}

const HELD_SEARCH_KEY = 'field-enrol.desk.members-search'

/** The members list's query value that stands for the search held in the tab. */
export const HELD_SEARCH = 'held'

function storedSearch(): string {
  try {
    return sessionStorage.getItem(HELD_SEARCH_KEY) ?? ''
  }
  catch {
    return ''
  }
}

const heldSearch = ref(storedSearch())

/** The members search held in this tab (a mobile or an ID number), or ''. */
export function heldMembersSearch(): string {
  return heldSearch.value
}

export function holdMembersSearch(text: string): void {
  heldSearch.value = text
  if (text)
    sessionStorage.setItem(HELD_SEARCH_KEY, text)
  else
    sessionStorage.removeItem(HELD_SEARCH_KEY)
}

/** The next person at this tab starts with fresh lists. */
export function forgetLists(): void {
  for (const list of Object.keys(KEYS) as DeskList[])
    rememberListQuery(list, {})
  holdMembersSearch('')
}

/** Whose lists these are: the staff id of the last person signed in at this tab. */
const OWNER_KEY = 'field-enrol.desk.lists-owner'

/**
 * Called once `staffId` has signed in at this tab. A session the server ended (expired,
 * revoked, the account disabled) leaves no sign-out to forget the lists, so the same
 * person signing in again finds them as left; anyone else must not — the held search may
 * be the last person's search for a member's mobile or ID number, shown in the box and
 * searched again under the new person's name. So lists left by someone else go.
 */
export function claimLists(staffId: string): void {
  if (sessionStorage.getItem(OWNER_KEY) !== staffId)
    forgetLists()
  sessionStorage.setItem(OWNER_KEY, staffId)
}
