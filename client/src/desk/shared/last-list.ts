import type { RouteLocationRaw } from 'vue-router'
import { ref } from 'vue'

/**
 * A list as the desk user last left it (its URL query: filters, search, page), so that the
 * menu and the back button of a record's page return to the filtered list, not a fresh
 * one: the review queue (审核队列) and the members list (会员). Kept for the tab's life
 * (sessionStorage), like the session.
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

/** The next person at this tab starts with fresh lists. */
export function forgetLists(): void {
  for (const list of Object.keys(KEYS) as DeskList[])
    rememberListQuery(list, {})
}
