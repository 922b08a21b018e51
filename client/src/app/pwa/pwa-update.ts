import type { Ref } from 'vue'
import { readonly, ref, watch } from 'vue'
import { unsavedInput } from './unsaved-input'

/**
 * The app-update decision, apart from the browser so it can be tested: a new version is
 * offered, the agent accepts or postpones, and the page reloads only when nothing typed
 * would be lost. Guarantees:
 *
 * - nothing happens without the agent's "立即更新" (registerType 'prompt');
 * - while any form has unsaved input, accepting waits (phase 'waiting-for-save') and the
 *   update goes ahead by itself once the input is saved; postponing cancels it;
 * - the reload after the new worker takes control is guarded again, because the agent may
 *   have typed between accepting and the switch;
 * - a version activated by another tab is offered as a reload, never forced.
 */

/**
 * `idle`: nothing to do. `available`: a new version is ready, the agent has not answered.
 * `waiting-for-save`: accepted, but a form has unsaved input. `applying`: switching to the
 * new version; the page reloads next.
 */
export type UpdatePhase = 'idle' | 'available' | 'waiting-for-save' | 'applying'

export interface UpdateActions {
  /** Tells the waiting worker to take over; `controlled()` follows when it has. */
  skipWaiting: () => void
  reload: () => void
}

export interface PwaUpdater {
  phase: Readonly<Ref<UpdatePhase>>
  /** A new worker is installed and waiting. */
  offer: () => void
  /** A new worker controls the page: after our own request, or another tab's (`external`). */
  controlled: (external: boolean) => void
  accept: () => void
  dismiss: () => void
}

export function createPwaUpdater(actions: UpdateActions, unsaved: Readonly<Ref<boolean>> = unsavedInput): PwaUpdater {
  const phase = ref<UpdatePhase>('idle')
  /** What accepting does now: ask the waiting worker to take over, or (already switched) only reload. */
  let pending: 'skip-waiting' | 'reload' = 'skip-waiting'
  let stopWaitingForSave: (() => void) | null = null

  function cancelWaitingForSave(): void {
    stopWaitingForSave?.()
    stopWaitingForSave = null
  }

  /** Runs `step` now if nothing is unsaved, else as soon as everything is saved (unless cancelled). */
  function whenSaved(step: () => void): void {
    cancelWaitingForSave()
    if (!unsaved.value) {
      step()
      return
    }
    phase.value = 'waiting-for-save'
    stopWaitingForSave = watch(unsaved, (isUnsaved) => {
      if (isUnsaved || phase.value !== 'waiting-for-save')
        return
      cancelWaitingForSave()
      step()
    })
  }

  function apply(): void {
    phase.value = 'applying'
    if (pending === 'skip-waiting')
      actions.skipWaiting()
    else
      actions.reload()
  }

  return {
    phase: readonly(phase),
    offer() {
      if (phase.value === 'idle') {
        pending = 'skip-waiting'
        phase.value = 'available'
      }
    },
    controlled(external) {
      if (phase.value === 'applying' && !external) {
        // Our own request went through: reload into the new version, but not over unsaved input.
        pending = 'reload'
        whenSaved(() => {
          phase.value = 'applying'
          actions.reload()
        })
        return
      }
      // Another tab switched versions: this page still runs the old code. Offer a reload.
      cancelWaitingForSave()
      pending = 'reload'
      phase.value = 'available'
    },
    accept() {
      if (phase.value === 'available')
        whenSaved(apply)
    },
    dismiss() {
      cancelWaitingForSave()
      // Postponed: the waiting version still takes over once every tab of the app has closed.
      if (phase.value !== 'applying')
        phase.value = 'idle'
    },
  }
}

/**
 * Whether a registration holds a new version: a worker installed and waiting behind an
 * active one. The first install is briefly "waiting" too, with nothing active, when the
 * page was reloaded while it installed; it activates by itself and is no update.
 */
export function isNewVersionWaiting(registration: { active: object | null, waiting: object | null } | undefined): boolean {
  return Boolean(registration?.active && registration.waiting && registration.active !== registration.waiting)
}
