import { readonly, ref } from 'vue'

/**
 * Whether this tablet can work offline, for the screens (register-service-worker.ts keeps it):
 *
 * - `unsupported`: no worker at all (a development build, a browser without them): nothing to say;
 * - `preparing`: the worker is being registered or installed, storing the app on the device;
 * - `ready`: a worker controls this page, so its shell and every page come from the device;
 * - `failed`: registration or the first install failed (most often the network dropped while
 *   the app was being stored: the browser then discards the half-stored worker). Tried again
 *   when the network comes back, and now and then while online.
 *
 * Only `ready` means work can go on offline: before it, a page not yet opened is not on the device.
 */
export type OfflineReadiness = 'unsupported' | 'preparing' | 'ready' | 'failed'

const state = ref<OfflineReadiness>('unsupported')

export const offlineReadiness = readonly(state)

export function setOfflineReadiness(next: OfflineReadiness): void {
  state.value = next
}

/** Whether to warn that offline work is not possible yet (nothing to say without a worker). */
export function offlineNotReady(readiness: OfflineReadiness): boolean {
  return readiness === 'preparing' || readiness === 'failed'
}
