/**
 * What one tab tells the field app's other tabs of this origin about a user's session
 * (BroadcastChannel `field-enrol.sessions`): the user signed out, or their data was wiped
 * (a revoked device). Each tab has its own session (sessionStorage names its user), but the
 * user's database and account are shared: a tab not told would go on showing and taking work
 * in a database that was deleted under it, or in a session its user ended, until its next
 * contact with the server. A tab hears only the others, never itself.
 *
 * Notices name the user by staff id and carry no personal data.
 */

export type SessionNotice
  = | { kind: 'signed_out', staffId: string }
    | { kind: 'wiped', staffId: string, /** Applications erased before the server had them. */ erasedUnsynced: number }

export interface SessionChannel {
  post: (notice: SessionNotice) => void
  /** Calls `listener` with each notice another tab posts; returns the removal. */
  listen: (listener: (notice: SessionNotice) => void) => () => void
}

export const SESSION_CHANNEL_NAME = 'field-enrol.sessions'

function isNotice(value: unknown): value is SessionNotice {
  const notice = value as Partial<SessionNotice> | null
  return typeof notice?.staffId === 'string' && (notice.kind === 'signed_out' || (notice.kind === 'wiped' && typeof notice.erasedUnsynced === 'number'))
}

/** The browser's channel; null where there is none (Node in the tests, an old browser). */
export function browserSessionChannel(): SessionChannel | null {
  const g = globalThis as { window?: unknown, BroadcastChannel?: typeof BroadcastChannel }
  // Node has BroadcastChannel too, shared by every store of the test process: tests pass their own.
  if (g.window === undefined || g.BroadcastChannel === undefined)
    return null
  const channel = new g.BroadcastChannel(SESSION_CHANNEL_NAME)
  return {
    post: (notice) => {
      try {
        channel.postMessage(notice)
      }
      catch (error) {
        // The other tabs learn it at their next server contact, as before: this tab's action stands.
        console.warn('could not tell the other tabs', error)
      }
    },
    listen: (listener) => {
      const onMessage = (event: MessageEvent): void => {
        if (isNotice(event.data))
          listener(event.data)
      }
      channel.addEventListener('message', onMessage)
      return () => channel.removeEventListener('message', onMessage)
    },
  }
}
