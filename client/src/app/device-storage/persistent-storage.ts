/**
 * Asking the browser to keep this origin's data (`navigator.storage.persist()`): without
 * it, the browser may evict IndexedDB — unsynced applications included — when the disk
 * runs short. Chrome answers silently from its own signals (installed app, engagement);
 * Firefox asks the user. So we ask once and remember the answer on the device, and ask
 * again only when the agent chooses to (after installing the app, for instance).
 *
 * The requester takes the storage manager and the memory as arguments so the rule is
 * tested without a browser; device-storage.ts binds it to the real ones.
 */

export type PersistAnswer = 'granted' | 'refused' | 'unsupported'

/** localStorage key of the last answer. */
export const PERSIST_ANSWER_KEY = 'field-enrol.storage.persist-answer'

export interface PersistenceManager {
  persist?: () => Promise<boolean>
  persisted?: () => Promise<boolean>
}

export interface AnswerMemory {
  getItem: (key: string) => string | null
  setItem: (key: string, value: string) => void
}

export interface PersistenceRequester {
  /** Granted already, or asked now (once per page, and not again after a refusal unless `force`). */
  request: (options?: { force?: boolean }) => Promise<PersistAnswer>
  /** The answer remembered on this device, without asking. */
  remembered: () => PersistAnswer | null
}

export function createPersistenceRequester(manager: PersistenceManager | undefined, memory: AnswerMemory): PersistenceRequester {
  let inFlight: Promise<PersistAnswer> | null = null

  function remembered(): PersistAnswer | null {
    const value = memory.getItem(PERSIST_ANSWER_KEY)
    return value === 'granted' || value === 'refused' || value === 'unsupported' ? value : null
  }

  async function ask(force: boolean): Promise<PersistAnswer> {
    if (!manager?.persist || !manager.persisted)
      return 'unsupported'
    let answer: PersistAnswer
    if (await manager.persisted())
      answer = 'granted'
    else if (remembered() === 'refused' && !force)
      return 'refused'
    else
      answer = await manager.persist() ? 'granted' : 'refused'
    memory.setItem(PERSIST_ANSWER_KEY, answer)
    return answer
  }

  return {
    remembered,
    request(options = {}) {
      if (options.force || !inFlight)
        inFlight = ask(Boolean(options.force)).catch(() => 'refused' as const)
      return inFlight
    },
  }
}
