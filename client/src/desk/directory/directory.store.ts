import type { Locale } from '#shared/i18n/locale'
import type { DeskDirectory } from '../api/directory.api'
import { categoryLabel } from '#shared/programme/category-label'
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { directoryApi } from '../api/directory.api'
import { useDeskSessionStore } from '../auth/desk-session.store'
import { agentLabelById, siteLabelById } from './directory-labels'

/**
 * The directory for the signed-in desk user, fetched once per session (pages call
 * `ensure()`; a failed fetch is retried by the next page). Until it arrives, or if it
 * cannot, labels fall back to ids and codes: nothing waits on it.
 */
export const useDeskDirectoryStore = defineStore('desk-directory', () => {
  const session = useDeskSessionStore()
  const directory = shallowRef<DeskDirectory | null>(null)
  let loadedFor: string | null = null
  let pending: Promise<void> | null = null

  // Another user (or none) means another scope: forget the last one's directory.
  watch(() => session.session?.token ?? null, () => {
    directory.value = null
    loadedFor = null
    pending = null
  })

  function ensure(): Promise<void> {
    const token = session.session?.token ?? null
    if (!token || loadedFor === token)
      return pending ?? Promise.resolve()
    loadedFor = token
    const request = directoryApi(session.http).get().then((answer) => {
      if (loadedFor === token)
        directory.value = answer
    }).catch(() => {
      if (loadedFor === token)
        loadedFor = null
    }).finally(() => {
      if (pending === request)
        pending = null
    })
    pending = request
    return request
  }

  const sites = computed(() => directory.value?.sites ?? [])
  const agents = computed(() => directory.value?.agents ?? [])
  const categories = computed(() => directory.value?.categories ?? [])

  return {
    directory,
    sites,
    agents,
    categories,
    ensure,
    siteLabel: (id: string, locale: Locale) => siteLabelById(sites.value, id, locale),
    agentLabel: (id: string) => agentLabelById(agents.value, id),
    categoryLabel: (code: string, level: string | null | undefined, locale: Locale) => categoryLabel(categories.value, code, level, locale),
  }
})
