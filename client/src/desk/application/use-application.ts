import type { ResolveDuplicateInput } from '#shared/dedup/resolution'
import type { ApplicationHistory, DecisionResult, ResolveDuplicateResult, ReviewDecision, ReviewDetail } from '../api/review.api'
import { maskApplication } from '#shared/privacy/application-masking'
import { computed, ref, shallowRef } from 'vue'
import { DeskApiError } from '../api/desk-http'
import { reviewApi } from '../api/review.api'
import { useDeskSessionStore } from '../auth/desk-session.store'

/**
 * One application on the desk: its detail and history, the masked or full view, and the
 * decisions. The detail is asked for masked; the full view (`?reveal=true`, audited by the
 * server) only when the reviewer asks, and it lasts until the next load. Every decision
 * names the version on screen; when someone else moved the application on, the answer is
 * a 409: the current copy is loaded at once (masked: a GET, nothing is decided), and
 * `conflict` holds the 409 so the page says what happened; what the reviewer typed stays in
 * its dialog's draft (shared/typed-drafts.ts), to be sent again on the new copy. A failed load
 * leaves `loadError` set and the copy on screen as it was (the page says both); only a
 * different application's copy is dropped first, so it never shows under this one's address.
 */
export function useApplication(id: () => string) {
  const store = useDeskSessionStore()
  const api = reviewApi(store.http)

  const detail = shallowRef<ReviewDetail | null>(null)
  const history = shallowRef<ApplicationHistory | null>(null)
  const revealed = ref(false)
  const loading = ref(false)
  const loadError = shallowRef<unknown>(null)
  /** The 409 of a decision made on a stale copy: said until the next load, or dismissed. */
  const conflict = shallowRef<DeskApiError | null>(null)
  const lastDecision = shallowRef<DecisionResult | null>(null)

  /** What the screen shows: masked unless the reviewer asked for the full view. */
  const application = computed(() => {
    const app = detail.value?.application
    return app && !revealed.value ? maskApplication(app) : app ?? null
  })

  async function load({ reveal = false } = {}): Promise<void> {
    if (detail.value && detail.value.id !== id()) {
      detail.value = null
      history.value = null
      revealed.value = false
      conflict.value = null
    }
    loading.value = true
    try {
      const [nextDetail, nextHistory] = await Promise.all([api.detail(id(), { reveal }), api.history(id())])
      detail.value = nextDetail
      history.value = nextHistory
      revealed.value = reveal
      conflict.value = null
      loadError.value = null
    }
    catch (error) {
      loadError.value = error
    }
    finally {
      loading.value = false
    }
  }

  /** The full view, on the reviewer's request (audited by the server). */
  async function reveal(): Promise<void> {
    await load({ reveal: true })
  }

  /**
   * Sends a decision on the version on screen. Resolves with the server's answer, or null
   * when the copy was stale (then `conflict` is set); other failures are thrown for the
   * dialog that asked to show them.
   */
  async function decide(decision: ReviewDecision): Promise<DecisionResult | null> {
    const current = detail.value
    if (!current)
      return null
    try {
      const result = await api.decide(current.id, current.version, decision)
      lastDecision.value = result
      await load()
      return result
    }
    catch (error) {
      // 409: stale version, or the state moved on under us (`status.action_not_allowed`).
      if (error instanceof DeskApiError && error.status === 409) {
        await load()
        conflict.value = error
        return null
      }
      throw error
    }
  }

  /**
   * A verdict on a duplicate candidate, on the version on screen; the page then reloads
   * (same person rejects the application, different person unblocks approval). Resolves
   * with the server's answer, or null when the copy was stale or another reviewer resolved
   * the candidate meanwhile (a different-person verdict leaves the version as it was): then
   * the current copy is loaded and `conflict` set, as for a decision — the dialog used to
   * stay open on the old copy, offering the verdicts again. Other refusals (not resolvable
   * now, a mobile taken, …) are thrown for the dialog.
   */
  async function resolveDuplicate(candidateId: string, input: ResolveDuplicateInput): Promise<ResolveDuplicateResult | null> {
    const current = detail.value
    if (!current)
      return null
    try {
      const result = await api.resolveDuplicate(current.id, candidateId, current.version, input)
      await load()
      return result
    }
    catch (error) {
      if (error instanceof DeskApiError && (error.isStale || (error.status === 409 && error.code === 'duplicate.already_resolved'))) {
        await load()
        conflict.value = error
        return null
      }
      throw error
    }
  }

  return { api, detail, history, application, revealed, loading, loadError, conflict, lastDecision, load, reveal, decide, resolveDuplicate }
}

export type ApplicationState = ReturnType<typeof useApplication>
