import type { Ref } from 'vue'
import { onBeforeUnmount, ref } from 'vue'

/** Whether the window matches `query` (a CSS media query), kept up to date as it is resized. */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const list = globalThis.matchMedia(query)
  const matches = ref(list.matches)
  const changed = (event: MediaQueryListEvent): void => {
    matches.value = event.matches
  }
  list.addEventListener('change', changed)
  onBeforeUnmount(() => list.removeEventListener('change', changed))
  return matches
}
