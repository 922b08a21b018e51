import type { ProgrammeSettings } from '#shared/programme/programme.schema'
import type { PullResponse } from '#shared/sync/protocol'
import type { LocalApplication } from '../storage/field-db'
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { groupByList, matchesSearch } from '../applications/application-lists'
import { useSessionStore } from '../auth/session.store'
import { assignedSites } from '../storage/agent-reach'
import { waitingWithdrawals } from '../storage/outbox-reads'
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
  /** The agent's open sites as the last pull described them: where they enrol. */
  const sites = shallowRef<Site[]>([])
  /** Every site the agent is assigned to, closed ones included: their reach (agent-reach.ts). */
  const siteIds = shallowRef<string[]>([])
  /** The applications whose withdrawal waits to leave: no longer the agent's to edit. */
  const withdrawing = shallowRef<ReadonlySet<string>>(new Set())
  const loaded = shallowRef(false)
  let stops: Array<() => void> = []

  watch(() => sessionStore.session?.db, (db) => {
    stops.forEach(stop => stop())
    stops = []
    applications.value = []
    programme.value = null
    sites.value = []
    siteIds.value = []
    withdrawing.value = new Set()
    loaded.value = false
    if (!db)
      return
    const apps = liveRef(() => db.applications.orderBy('updatedAt').reverse().toArray(), [])
    const reference = liveRef(() => db.reference.toArray(), [])
    const withdrawals = liveRef(() => waitingWithdrawals(db), [])
    stops = [
      apps.stop,
      reference.stop,
      withdrawals.stop,
      watch(withdrawals.value, (ids) => {
        withdrawing.value = new Set(ids)
      }),
      watch(apps.value, (value) => {
        applications.value = value
        loaded.value = true
      }),
      watch(reference.value, (rows) => {
        programme.value = (rows.find(r => r.key === 'programme')?.value as ProgrammeSettings | undefined) ?? null
        sites.value = (rows.find(r => r.key === 'sites')?.value as Site[] | undefined) ?? []
        siteIds.value = assignedSites(rows.find(r => r.key === 'siteIds')?.value as string[] | undefined, sites.value)
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

  return { applications, programme, sites, siteIds, withdrawing, loaded, lists, unsynced, search, byId }
})
