import type { StorageStatus } from './device-storage'
import type { PersistAnswer } from './persistent-storage'
import { computed, getCurrentInstance, onMounted, ref } from 'vue'
import { readStorageStatus, rememberedPersistAnswer, requestPersistentStorage } from './device-storage'

/**
 * The device's storage for a screen: used, quota and free bytes, whether the data is
 * persistent, and the level (`ok | low | critical`). Read when the component mounts (it
 * also asks for persistence, once per device) and again with `refresh()`.
 */
export function useDeviceStorage() {
  const status = ref<StorageStatus | null>(null)
  const persistAnswer = ref<PersistAnswer | null>(rememberedPersistAnswer())
  const loading = ref(false)

  async function refresh(): Promise<void> {
    loading.value = true
    try {
      status.value = await readStorageStatus()
    }
    finally {
      loading.value = false
    }
  }

  /** Asks the browser for persistent storage (again, when `force`), then re-reads the figures. */
  async function requestPersistence(force = false): Promise<void> {
    persistAnswer.value = await requestPersistentStorage({ force })
    await refresh()
  }

  if (getCurrentInstance())
    onMounted(() => void requestPersistence())
  else
    void requestPersistence()

  return {
    status,
    usage: computed(() => status.value?.usage ?? null),
    quota: computed(() => status.value?.quota ?? null),
    free: computed(() => status.value?.free ?? null),
    persisted: computed(() => status.value?.persisted ?? null),
    level: computed(() => status.value?.level ?? 'ok'),
    persistAnswer,
    loading,
    refresh,
    requestPersistence,
  }
}
