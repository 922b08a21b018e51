import type { RouteLocationRaw } from 'vue-router'
import { ref } from 'vue'

/**
 * The queue as the reviewer last left it (its URL query), so that 审核队列 in the menu and
 * the application page's back button return to the filtered queue, not a fresh one.
 * Kept for the tab's life (sessionStorage), like the session.
 */

const KEY = 'field-enrol.desk.queue-query'

function stored(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}')
    return parsed && typeof parsed === 'object' ? parsed as Record<string, string> : {}
  }
  catch {
    return {}
  }
}

const lastQuery = ref<Record<string, string>>(stored())

export function rememberQueueQuery(query: Record<string, string>): void {
  lastQuery.value = query
  sessionStorage.setItem(KEY, JSON.stringify(query))
}

export function lastQueueLocation(): RouteLocationRaw {
  return { name: 'desk-queue', query: lastQuery.value }
}
