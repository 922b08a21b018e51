import { onMounted, ref } from 'vue'

export type ServerStatus = 'checking' | 'online' | 'offline'

/** Whether the server answers its health check; the field area works either way. */
export function useServerStatus() {
  const status = ref<ServerStatus>('checking')
  onMounted(async () => {
    try {
      const response = await fetch('/healthz', { cache: 'no-store' })
      status.value = response.ok ? 'online' : 'offline'
    }
    catch {
      status.value = 'offline'
    }
  })
  return { status }
}
