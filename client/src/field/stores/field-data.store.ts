import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { PullResponse } from '#shared/sync/protocol'
import type { LocalApplication } from '../storage/field-db'
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { groupByList, matchesSearch } from '../applications/application-lists'
import { useSessionStore } from '../auth/session.store'
import { liveRef } from './live-query'

export type Site = PullResponse['reference']['sites'][number]

/**
 * What the signed-in agent's device holds, live: every application (newest first), the
 * programme settings and sites from the last pull. Follows the session: another user's
 * database is never read.
 */
export const useFieldDataStore = defineStore('field-data', () => {
  const sessionStore = useSessionStore()
  const applications = shallowRef<LocalApplication[]>([])
  const programme = shallowRef<ProgrammeSettings | null>(null)
  const sites = shallowRef<Site[]>([])
  const loaded = shallowRef(false)
  let stops: Array<() => void> = []

  watch(() => sessionStore.session?.db, (db) => {
    stops.forEach(stop => stop())
    stops = []
    applications.value = []
    programme.value = null
    sites.value = []
    loaded.value = false
    if (!db)
      return
    const apps = liveRef(() => db.applications.orderBy('updatedAt').reverse().toArray(), [])
    const reference = liveRef(() => db.reference.toArray(), [])
    stops = [
      apps.stop,
      reference.stop,
      watch(apps.value, (value) => {
        applications.value = value
        loaded.value = true
      }),
      watch(reference.value, (rows) => {
        programme.value = (rows.find(r => r.key === 'programme')?.value as ProgrammeSettings | undefined) ?? null
        sites.value = (rows.find(r => r.key === 'sites')?.value as Site[] | undefined) ?? []
      }),
    ]
  }, { immediate: true })

  const lists = computed(() => groupByList(applications.value))
  const unsynced = computed(() => applications.value.filter(app => app.syncState !== 'synced').length)

  function search(query: string): LocalApplication[] {
    return applications.value.filter(app => matchesSearch(app, query))
  }

  function byId(id: string): LocalApplication | undefined {
    return applications.value.find(app => app.id === id)
  }

  /** The sites this agent enrols for, as the server last described them. */
  const agentSites = computed(() => {
    const ids = sessionStore.session?.staff.siteIds ?? []
    return sites.value.filter(site => ids.includes(site.id))
  })

  return { applications, programme, sites, agentSites, loaded, lists, unsynced, search, byId }
})
