import type { UpdateActions } from '../../../client/src/app/pwa/pwa-update'
import { afterEach, describe, expect, it } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { createPwaUpdater, isNewVersionWaiting } from '../../../client/src/app/pwa/pwa-update'
import { guardUnsavedInputOnUnload, hasUnsavedInput, markSaved, markUnsaved, unsavedInput, unsavedOwners, useUnsavedInput } from '../../../client/src/app/pwa/unsaved-input'

function recordingActions(): UpdateActions & { calls: string[] } {
  const calls: string[] = []
  return { calls, skipWaiting: () => calls.push('skipWaiting'), reload: () => calls.push('reload') }
}

afterEach(() => {
  for (const owner of unsavedOwners())
    markSaved(owner)
})

describe('unsaved input', () => {
  it('is unsaved while any owner is, and each owner clears only itself', () => {
    expect(hasUnsavedInput()).toBe(false)
    markUnsaved('enrol')
    markUnsaved('sign-in')
    markSaved('enrol')
    expect(hasUnsavedInput()).toBe(true)
    expect(unsavedInput.value).toBe(true)
    markSaved('sign-in')
    expect(hasUnsavedInput()).toBe(false)
    expect(unsavedInput.value).toBe(false)
  })

  it('is cleared for an owner whose component (scope) goes away', () => {
    const scope = effectScope()
    scope.run(() => useUnsavedInput('wizard').markUnsaved())
    expect(unsavedOwners()).toEqual(['wizard'])
    scope.stop()
    expect(hasUnsavedInput()).toBe(false)
  })
})

describe('leaving the page with unsaved input', () => {
  type Listener = (event: { preventDefault: () => void, returnValue: unknown }) => void
  function fakeWindow() {
    const listeners = new Set<Listener>()
    return {
      listeners,
      addEventListener: (_type: 'beforeunload', listener: Listener) => listeners.add(listener),
      removeEventListener: (_type: 'beforeunload', listener: Listener) => listeners.delete(listener),
      /** Whether the browser would ask. */
      leave(): boolean {
        let asked = false
        const event = {
          preventDefault: () => {
            asked = true
          },
          returnValue: undefined as unknown,
        }
        listeners.forEach(listener => listener(event))
        return asked && event.returnValue === ''
      },
    }
  }

  it('has the browser ask only while something is unsaved, until the guard is removed', () => {
    const target = fakeWindow()
    const remove = guardUnsavedInputOnUnload(target)
    expect(target.leave()).toBe(false)
    markUnsaved('enrol')
    expect(target.leave()).toBe(true)
    markSaved('enrol')
    expect(target.leave()).toBe(false)
    remove()
    markUnsaved('enrol')
    expect(target.listeners.size).toBe(0)
    expect(target.leave()).toBe(false)
  })
})

describe('app update', () => {
  it('does nothing until the agent accepts, then asks the waiting worker and reloads once it controls', () => {
    const actions = recordingActions()
    const updater = createPwaUpdater(actions)
    updater.offer()
    expect(updater.phase.value).toBe('available')
    expect(actions.calls).toEqual([])

    updater.accept()
    expect(updater.phase.value).toBe('applying')
    expect(actions.calls).toEqual(['skipWaiting'])

    updater.controlled(false)
    expect(actions.calls).toEqual(['skipWaiting', 'reload'])
  })

  it('waits for unsaved input to be saved before switching, then goes ahead by itself', async () => {
    const actions = recordingActions()
    const updater = createPwaUpdater(actions)
    markUnsaved('enrol')
    updater.offer()
    updater.accept()
    expect(updater.phase.value).toBe('waiting-for-save')
    expect(actions.calls).toEqual([])

    markUnsaved('enrol') // still typing
    await nextTick()
    expect(actions.calls).toEqual([])

    markSaved('enrol')
    await nextTick()
    expect(updater.phase.value).toBe('applying')
    expect(actions.calls).toEqual(['skipWaiting'])
  })

  it('does not reload over input typed between accepting and the switch', async () => {
    const actions = recordingActions()
    const updater = createPwaUpdater(actions)
    updater.offer()
    updater.accept()
    markUnsaved('enrol')
    updater.controlled(false)
    expect(updater.phase.value).toBe('waiting-for-save')
    expect(actions.calls).toEqual(['skipWaiting'])

    markSaved('enrol')
    await nextTick()
    expect(actions.calls).toEqual(['skipWaiting', 'reload'])
  })

  it('postponing while waiting for a save cancels the update', async () => {
    const actions = recordingActions()
    const updater = createPwaUpdater(actions)
    markUnsaved('enrol')
    updater.offer()
    updater.accept()
    updater.dismiss()
    expect(updater.phase.value).toBe('idle')
    markSaved('enrol')
    await nextTick()
    expect(actions.calls).toEqual([])
  })

  it('offers a reload, never forces one, when another tab switched versions', () => {
    const actions = recordingActions()
    const updater = createPwaUpdater(actions)
    updater.controlled(true)
    expect(updater.phase.value).toBe('available')
    expect(actions.calls).toEqual([])
    updater.accept()
    expect(actions.calls).toEqual(['reload'])
  })

  it('ignores accepting when nothing is offered and a repeated offer while applying', () => {
    const actions = recordingActions()
    const updater = createPwaUpdater(actions)
    updater.accept()
    expect(actions.calls).toEqual([])
    updater.offer()
    updater.accept()
    updater.offer()
    expect(updater.phase.value).toBe('applying')
    expect(actions.calls).toEqual(['skipWaiting'])
  })
})

describe('a new version waiting', () => {
  const old = { version: 1 }
  const next = { version: 2 }
  it('is a worker waiting behind an active one', () => {
    expect(isNewVersionWaiting({ active: old, waiting: next })).toBe(true)
  })
  it('is not the first install, waiting for an instant with nothing active, nor a worker alone', () => {
    expect(isNewVersionWaiting({ active: null, waiting: next })).toBe(false)
    expect(isNewVersionWaiting({ active: next, waiting: null })).toBe(false)
    expect(isNewVersionWaiting({ active: next, waiting: next })).toBe(false)
    expect(isNewVersionWaiting(undefined)).toBe(false)
  })
})
