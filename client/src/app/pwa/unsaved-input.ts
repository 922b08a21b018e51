import { computed, getCurrentScope, onScopeDispose, reactive } from 'vue'

/**
 * Whether any form on screen holds input not yet written to the device. Forms report it
 * (`markUnsaved('enrol')` on a change, `markSaved('enrol')` once the draft is stored); the
 * app update waits while anything is unsaved, because applying an update reloads the page
 * and would lose what the agent just typed. Each form names itself (its "owner"), so one
 * form finishing its save never clears another's unsaved state.
 *
 * Drafts save on every change, so this is normally true only for the moment between a
 * keystroke and its save — which is exactly when a reload must not happen. The same goes for
 * the agent's own reload or a closed tab: `guardUnsavedInputOnUnload` has the browser ask
 * first (the form writes what waits at once meanwhile), so nothing typed goes silently.
 */

const owners = reactive(new Set<string>())

/** True while any owner has unsaved input (reactive). */
export const unsavedInput = computed(() => owners.size > 0)

export function markUnsaved(owner: string): void {
  owners.add(owner)
}

export function markSaved(owner: string): void {
  owners.delete(owner)
}

export function hasUnsavedInput(): boolean {
  return owners.size > 0
}

/** The owners that have unsaved input now (for diagnostics and tests). */
export function unsavedOwners(): string[] {
  return [...owners]
}

/**
 * The same API bound to one owner, cleared when the calling component (or effect scope) goes
 * away: a form that is no longer on screen cannot be saved, so it must not hold the update
 * back forever.
 */
export function useUnsavedInput(owner: string): { markUnsaved: () => void, markSaved: () => void } {
  if (getCurrentScope())
    onScopeDispose(() => markSaved(owner))
  return { markUnsaved: () => markUnsaved(owner), markSaved: () => markSaved(owner) }
}

/**
 * Has the browser ask before the page goes (reload, closed tab, another address) while
 * input is unsaved. Every listener of the event runs before the browser asks — a form
 * flushes its waiting save in its own — and the question gives that save its time.
 * Returns the removal.
 */
/** The part of `window` the guard uses (this module is also type-checked without the DOM). */
interface UnloadTarget {
  addEventListener: (type: 'beforeunload', listener: (event: { preventDefault: () => void, returnValue: unknown }) => void) => void
  removeEventListener: (type: 'beforeunload', listener: (event: { preventDefault: () => void, returnValue: unknown }) => void) => void
}

export function guardUnsavedInputOnUnload(target: UnloadTarget): () => void {
  const ask = (event: { preventDefault: () => void, returnValue: unknown }): void => {
    if (!hasUnsavedInput())
      return
    event.preventDefault()
    // Older engines (and Chromium before 119) ask only when returnValue is set.
    event.returnValue = ''
  }
  target.addEventListener('beforeunload', ask)
  return () => target.removeEventListener('beforeunload', ask)
}
