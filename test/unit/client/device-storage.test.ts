import type { AnswerMemory, PersistenceManager } from '../../../client/src/app/device-storage/persistent-storage'
import { describe, expect, it } from 'vitest'
import { createPersistenceRequester, PERSIST_ANSWER_KEY } from '../../../client/src/app/device-storage/persistent-storage'
import { formatBytes, freeBytes, STORAGE_THRESHOLDS, storageLevel } from '../../../client/src/app/device-storage/storage-level'

const MB = 1024 * 1024
const GB = 1024 * MB

describe('storageLevel', () => {
  it.each([
    // [usage, quota, level, why]
    [1 * GB, 10 * GB, 'ok', 'plenty free, 10 % used'],
    [0, 250 * MB, 'ok', 'a small quota, empty'],
    [8.6 * GB, 10 * GB, 'low', 'more than 85 % used though 1.4 GB free'],
    [8.5 * GB, 10 * GB, 'ok', 'exactly 85 % used is not over it'],
    [100 * MB, 299 * MB, 'low', 'under 200 MB free'],
    [100 * MB, 300 * MB + 1, 'ok', 'just over 200 MB free, 33 % used'],
    [9.6 * GB, 10 * GB, 'critical', 'more than 95 % used though 400 MB free'],
    [10 * MB, 59 * MB, 'critical', 'under 50 MB free at 17 % used'],
    [0, 50 * MB - 1, 'critical', 'a quota too small to hold one day of work'],
    [2 * GB, 2 * GB, 'critical', 'full'],
    [3 * GB, 2 * GB, 'critical', 'over quota (usage reported late)'],
  ] as const)('%d of %d bytes → %s (%s)', (usage, quota, level, _why) => {
    expect(storageLevel({ usage, quota })).toBe(level)
  })

  it('is ok when the browser reports no quota: nothing to judge by, so never blocks', () => {
    expect(storageLevel({})).toBe('ok')
    expect(storageLevel({ usage: 5 * GB })).toBe('ok')
    expect(storageLevel({ usage: 0, quota: 0 })).toBe('ok')
  })

  it('treats missing usage as nothing used', () => {
    expect(storageLevel({ quota: 10 * GB })).toBe('ok')
    expect(storageLevel({ quota: 40 * MB })).toBe('critical')
  })

  it('uses the thresholds it is given', () => {
    const strict = { ...STORAGE_THRESHOLDS, lowFreeBytes: 2 * GB }
    expect(storageLevel({ usage: 0, quota: 1 * GB }, strict)).toBe('low')
  })
})

describe('freeBytes', () => {
  it('is the quota minus the usage, never negative, and null without a quota', () => {
    expect(freeBytes({ usage: 300, quota: 1000 })).toBe(700)
    expect(freeBytes({ usage: 3000, quota: 1000 })).toBe(0)
    expect(freeBytes({ usage: 3000 })).toBeNull()
    expect(freeBytes({ quota: Number.POSITIVE_INFINITY })).toBeNull()
  })
})

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1536, '2 KB'],
    [37.5 * MB, '37.5 MB'],
    [200 * MB, '200 MB'],
    [12.34 * GB, '12.3 GB'],
    [10 * GB, '10 GB'],
    [-5, '0 B'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})

function fakeMemory(initial: Record<string, string> = {}): AnswerMemory & { values: Record<string, string> } {
  const values = { ...initial }
  return {
    values,
    getItem: key => values[key] ?? null,
    setItem: (key, value) => {
      values[key] = value
    },
  }
}

function fakeManager(state: { persisted: boolean, grant: boolean }): PersistenceManager & { asked: number } {
  const manager = {
    asked: 0,
    persisted: async () => state.persisted,
    persist: async () => {
      manager.asked++
      state.persisted = state.grant
      return state.grant
    },
  }
  return manager
}

describe('persistent storage request', () => {
  it('asks once, remembers a grant, and does not ask when already persistent', async () => {
    const memory = fakeMemory()
    const manager = fakeManager({ persisted: false, grant: true })
    const requester = createPersistenceRequester(manager, memory)
    expect(requester.remembered()).toBeNull()
    expect(await requester.request()).toBe('granted')
    expect(await requester.request()).toBe('granted')
    expect(manager.asked).toBe(1)
    expect(memory.values[PERSIST_ANSWER_KEY]).toBe('granted')

    // A later page load: the browser already persists, so there is nothing to ask.
    const next = createPersistenceRequester(manager, memory)
    expect(await next.request()).toBe('granted')
    expect(manager.asked).toBe(1)
  })

  it('remembers a refusal across page loads and asks again only when forced', async () => {
    const memory = fakeMemory()
    const manager = fakeManager({ persisted: false, grant: false })
    expect(await createPersistenceRequester(manager, memory).request()).toBe('refused')
    expect(memory.values[PERSIST_ANSWER_KEY]).toBe('refused')

    const later = createPersistenceRequester(manager, memory)
    expect(later.remembered()).toBe('refused')
    expect(await later.request()).toBe('refused')
    expect(manager.asked).toBe(1)

    expect(await later.request({ force: true })).toBe('refused')
    expect(manager.asked).toBe(2)
  })

  it('shares one request between callers that ask at the same time', async () => {
    const manager = fakeManager({ persisted: false, grant: true })
    const requester = createPersistenceRequester(manager, fakeMemory())
    const answers = await Promise.all([requester.request(), requester.request(), requester.request()])
    expect(answers).toEqual(['granted', 'granted', 'granted'])
    expect(manager.asked).toBe(1)
  })

  it('says unsupported without a StorageManager, and treats a throwing one as refused', async () => {
    expect(await createPersistenceRequester(undefined, fakeMemory()).request()).toBe('unsupported')
    expect(await createPersistenceRequester({}, fakeMemory()).request()).toBe('unsupported')
    const broken: PersistenceManager = {
      persisted: async () => false,
      persist: async () => {
        throw new Error('SecurityError')
      },
    }
    expect(await createPersistenceRequester(broken, fakeMemory()).request()).toBe('refused')
  })
})
