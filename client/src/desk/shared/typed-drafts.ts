import { watch } from 'vue'
import { markSaved, markUnsaved } from '../../app/pwa/unsaved-input'

/**
 * What a desk user has typed into a dialog that acts on a record — a decision on an
 * application (approve, reject, return), an operation on a member (a reason, a fee, the
 * contact details to change) — or into an administration form (a staff account, a site and
 * its name in the sites table, the programme settings) and not yet had applied, kept for
 * the tab in memory. The
 * dialogs used to empty themselves at every opening, so what was being written was lost
 * when the dialog was closed by Escape or a click beside it, when someone else acted first
 * (the 409 closes the dialog; the page then loads the current copy), and when the session ended
 * mid-way (the desk goes to sign in and, signed in again, comes back to the record).
 * A draft belongs to one person, record and action (`draftKey`); it is dropped once the
 * action is applied, on 取消, and at sign-out. Never written to storage: what is typed may
 * name personal data. So while any draft is kept, it is the page's unsaved input: the browser
 * asks before a reload or a closed tab takes it, and an app update waits for it.
 */

/** In the order last typed: a screen that reopens a form it finds takes the last one. */
const drafts = new Map<string, unknown>()

/** The owner under which kept drafts hold the page's unsaved input (`unsaved-input.ts`). */
const UNSAVED_OWNER = 'desk-drafts'

/** After every change to `drafts`: unsaved exactly while one is kept. */
function reportUnsaved(): void {
  if (drafts.size)
    markUnsaved(UNSAVED_OWNER)
  else
    markSaved(UNSAVED_OWNER)
}

export function draftKey(staffId: string, recordId: string, action: string): string {
  return `${staffId}:${recordId}:${action}`
}

/**
 * Keeps `draft` under `key`, for a form that is not a dialog (a table cell, a whole page).
 * A password is never kept: it is typed again.
 */
export function keepDraft(key: string, draft: unknown): void {
  drafts.delete(key)
  drafts.set(key, draft)
  reportUnsaved()
}

/** The draft under `key`, if one is kept. */
export function keptDraft<T>(key: string): T | undefined {
  return drafts.get(key) as T | undefined
}

/**
 * One person's drafts for one action (`staffId`, `action` as given to `draftKey`), each
 * with its record, the last typed last: a screen that comes back after the session ended
 * reopens the form that was being filled in.
 */
export function keptDrafts<T>(staffId: string, action: string): Array<{ recordId: string, draft: T }> {
  const head = `${staffId}:`
  const tail = `:${action}`
  const mine = [...drafts].filter(([key]) => key.startsWith(head) && key.endsWith(tail) && key.length > head.length + tail.length)
  return mine.map(([key, draft]) => ({ recordId: key.slice(head.length, -tail.length), draft: draft as T }))
}

/** The draft under `key`, once its action was applied. */
export function dropDraft(key: string): void {
  drafts.delete(key)
  reportUnsaved()
}

/** Every draft, at sign-out (the next person at this desk PC must not find them). */
export function forgetDrafts(): void {
  drafts.clear()
  reportUnsaved()
}

/**
 * Ties a dialog's inputs to its draft: whenever the dialog opens (or opens for another
 * record or action: `key` while `open`), the inputs are filled from the draft, or emptied
 * (`write(undefined)`) when there is none; every change while open is kept (inputs as they
 * opened, `isEmpty`, keep nothing). `read` answers a fresh plain copy, never the dialog's
 * reactive objects. `drop` forgets the current draft.
 */
export function useTypedDraft<T>(options: {
  key: () => string
  open: () => boolean
  read: () => T
  write: (draft: T | undefined) => void
  isEmpty: (draft: T) => boolean
}): { drop: () => void } {
  const { key, open, read, write, isEmpty } = options
  watch(() => (open() ? key() : null), (opened) => {
    if (opened !== null)
      write(drafts.get(opened) as T | undefined)
  }, { immediate: true })
  watch(read, (draft) => {
    if (!open())
      return
    if (isEmpty(draft))
      dropDraft(key())
    else
      keepDraft(key(), draft)
  }, { deep: true })
  return { drop: () => dropDraft(key()) }
}
