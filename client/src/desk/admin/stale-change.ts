import { DeskApiError } from '../api/desk-http'

/**
 * Runs an administrator's change and calls `onStale` when the server refused it because
 * another administrator changed the account or site first (409 `request.version_conflict`):
 * the screen then loads the current list by itself and says so, keeping what was typed.
 * The failure still goes on to the caller (`run` turns it into the message shown).
 */
export async function noticeStale<T>(change: () => Promise<T>, onStale: () => void): Promise<T> {
  try {
    return await change()
  }
  catch (failure) {
    if (failure instanceof DeskApiError && failure.isStale)
      onStale()
    throw failure
  }
}
