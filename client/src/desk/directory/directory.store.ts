import type { Locale } from '#shared/i18n/locale'
import type { DeskDirectory } from '../api/directory.api'
import { categoryLabel } from '#shared/programme/category-label'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { directoryApi } from '../api/directory.api'
import { useDeskSessionStore } from '../auth/desk-session.store'
import { directoryNeedsFetch } from './directory-freshness'
import { agentLabelById, siteLabelById } from './directory-labels'

/**
 * The directory for the signed-in desk user. Pages call `ensure()`, which fetches it when
 * there is none, the last fetch failed, or it is older than a minute (directory-freshness.ts):
 * sites, agents and categories change while the desk stays open. `refresh()` fetches it at
 * once: after the desk itself changed them (a site created, a programme published) and
 * before offering a choice that must be current (等级变更). Only the latest request's answer
 * is kept. Until one arrives, or if none can, labels fall back to ids and codes: nothing
 * waits on it; `error` holds the last failure for a screen that must say so.
 */
export const useDeskDirectoryStore = defineStore('desk-directory', () => {
  const session = useDeskSessionStore()
  const directory = shallowRef<DeskDirectory | null>(null)
  /** When the request behind `directory` was sent; null until one arrived. */
  const fetchedAt = ref<number | null>(null)
  /** The last fetch's failure, until a fetch succeeds. */
  const error = shallowRef<unknown>(null)
  const loading = ref(false)
  /** Counts requests (and changes of user): an answer is kept only when its request is the latest. */
  let latest = 0
  let pending: Promise<void> | null = null

  // Another user (or none) means another scope: forget the last one's directory.
  watch(() => session.session?.token ?? null, () => {
    latest++
    directory.value = null
    fetchedAt.value = null
    error.value = null
    loading.value = false
    pending = null
  })

  function fetchNow(): Promise<void> {
    if (!session.session?.token)
      return Promise.resolve()
    const request = ++latest
    const sentAt = Date.now()
    loading.value = true
    const answer = directoryApi(session.http).get().then((fetched) => {
      if (request !== latest)
        return
      directory.value = fetched
      fetchedAt.value = sentAt
      error.value = null
    }, (failure: unknown) => {
      if (request === latest)
        error.value = failure
    }).finally(() => {
      if (request === latest) {
        loading.value = false
        pending = null
      }
    })
    pending = answer
    return answer
  }

  function ensure(): Promise<void> {
    if (pending)
      return pending
    return directoryNeedsFetch({ fetchedAt: fetchedAt.value, failed: error.value !== null }, Date.now()) ? fetchNow() : Promise.resolve()
  }

  const sites = computed(() => directory.value?.sites ?? [])
  const agents = computed(() => directory.value?.agents ?? [])
  const categories = computed(() => directory.value?.categories ?? [])
  // A category or level removed from the programme stays on its applications and members.
  const categoryNames = computed(() => directory.value?.categoryNames ?? categories.value)
  const memberNumberPrefix = computed(() => directory.value?.memberNumberPrefix ?? null)
  const membershipTermYears = computed(() => directory.value?.membershipTermYears ?? null)

  return {
    directory,
    fetchedAt,
    error,
    loading,
    sites,
    agents,
    categories,
    memberNumberPrefix,
    membershipTermYears,
    ensure,
    refresh: fetchNow,
    siteLabel: (id: string, locale: Locale) => siteLabelById(sites.value, id, locale),
    agentLabel: (id: string) => agentLabelById(agents.value, id),
    categoryLabel: (code: string, level: string | null | undefined, locale: Locale) => categoryLabel(categoryNames.value, code, level, locale),
  }
})
