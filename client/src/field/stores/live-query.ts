import type { Ref } from 'vue'
import { liveQuery } from 'dexie'
import { shallowRef } from 'vue'

/**
 * A Dexie live query as a Vue ref: re-runs whenever the tables it read change (in this tab
 * or another), so lists and counts follow every local write and every sync without manual
 * refreshes. Returns the ref and a stop function.
 */
export function liveRef<T>(querier: () => Promise<T>, initial: T): { value: Ref<T>, stop: () => void } {
  const value = shallowRef(initial) as Ref<T>
  const subscription = liveQuery(querier).subscribe({
    next: (result) => {
      value.value = result
    },
    error: (error) => {
      console.error('live query failed', error)
    },
  })
  return { value, stop: () => subscription.unsubscribe() }
}
