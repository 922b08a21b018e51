import type { Ref } from 'vue'
import { watch } from 'vue'

/**
 * What a reviewer has typed into a decision dialog (approve, reject, return) and not yet had
 * applied, kept for the tab in memory: a comment being written was lost when the dialog was
 * closed by Escape or a click beside it, when someone else acted first (the 409 closes the
 * dialog and the page asks for a reload), and when the session ended mid-way (the desk goes
 * to sign in and, signed in again, comes back to the application with the dialog empty).
 * A draft belongs to one person, application and decision (`decisionDraftKey`); it is
 * dropped once the decision is applied, on 取消, and at sign-out. Never written to storage:
 * a note may name the applicant's personal data.
 */

const drafts = new Map<string, unknown>()

export function decisionDraftKey(staffId: string, applicationId: string, action: string): string {
  return `${staffId}:${applicationId}:${action}`
}

/** Every draft, at sign-out (the next person at this desk PC must not find them). */
export function forgetDecisionDrafts(): void {
  drafts.clear()
}

/**
 * Ties a dialog's inputs to its draft: opening the dialog fills them from the draft, or
 * empties them (`write(undefined)`) when there is none; every change while open is kept
 * (an input left as it opened, `isEmpty`, keeps nothing); `read` answers a fresh plain copy,
 * never the dialog's reactive arrays. `drop` forgets the draft.
 */
export function useDecisionDraft<T>(options: {
  key: () => string
  open: Ref<boolean>
  read: () => T
  write: (draft: T | undefined) => void
  isEmpty: (draft: T) => boolean
}): { drop: () => void } {
  const { key, open, read, write, isEmpty } = options
  watch(open, (isOpen) => {
    if (isOpen)
      write(drafts.get(key()) as T | undefined)
  }, { immediate: true })
  watch(read, (draft) => {
    if (!open.value)
      return
    if (isEmpty(draft))
      drafts.delete(key())
    else
      drafts.set(key(), draft)
  }, { deep: true })
  return { drop: () => drafts.delete(key()) }
}
