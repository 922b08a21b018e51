import type { ComputedRef, Ref } from 'vue'
import { computed, watch } from 'vue'

/**
 * A screen whose page and dialogs share one call's error: the refusal shows where the user
 * is looking — in the open dialog, or on the page when none is open — and a dialog closed
 * with its refusal takes it along, so it neither shows behind the dialog nor stays after it.
 */
export function usePageError(error: Ref<string | null>, dialogs: ReadonlyArray<Ref<boolean>>): ComputedRef<string | null> {
  watch(() => dialogs.some(open => open.value), (anyOpen) => {
    if (!anyOpen)
      error.value = null
  })
  return computed(() => (dialogs.some(open => open.value) ? null : error.value))
}
