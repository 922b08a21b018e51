import type { ApplicationList } from '../applications/application-lists'
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { useSessionStore } from '../auth/session.store'

/**
 * What the home page shows — the list open and the search typed — kept while the agent
 * opens an application and comes back (the page is made anew each time, and came back on
 * 草稿 with the search gone). In memory only, never in the address: a search may be an ID
 * number, which the browser's history would keep. Cleared with the session, so the next
 * user on a shared tablet never sees another's search.
 */
export const useHomeViewStore = defineStore('home-view', () => {
  const session = useSessionStore()
  const list = ref<ApplicationList>('drafts')
  const query = ref('')

  watch(() => session.session?.staff.id, () => {
    list.value = 'drafts'
    query.value = ''
  })

  return { list, query }
})
