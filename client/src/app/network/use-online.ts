import type { Ref } from 'vue'
import { onBeforeUnmount, onMounted, readonly, ref } from 'vue'

/**
 * Whether the browser believes it has a network (`navigator.onLine`), kept current by its
 * `online` and `offline` events while the component lives. Only `false` is certain: `true`
 * means a network interface is up, not that the server answers.
 */
export function useOnline(): Readonly<Ref<boolean>> {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const update = (): void => {
    online.value = navigator.onLine
  }
  onMounted(() => {
    update()
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('online', update)
    window.removeEventListener('offline', update)
  })
  return readonly(online)
}
