import type { SyncOutcome } from '../../../client/src/field/sync/sync-engine'
import { describe, expect, it } from 'vitest'
import { backoffCeiling } from '../../../client/src/field/sync/backoff'
import { createSyncScheduler } from '../../../client/src/field/sync/sync-scheduler'

const OK: SyncOutcome = { ok: true, pushed: 0, synced: 0, rejected: 0, conflicts: 0, pulled: 0 }
const NETWORK: SyncOutcome = { ok: false, error: 'Failed to fetch' }

/** A scheduler with a hand-driven clock: `fire()` runs the pending timer. */
function harness(outcomes: Array<SyncOutcome | Error>, { online = true, onSettled }: { online?: boolean, onSettled?: (outcome: SyncOutcome, nextAt: number | null) => void } = {}) {
  const timers: Array<{ callback: () => void, ms: number, cleared: boolean }> = []
  const events = new EventTarget()
  let runs = 0
  let isOnline = online
  const scheduler = createSyncScheduler({
    run: async () => {
      const outcome = outcomes[Math.min(runs++, outcomes.length - 1)]!
      if (outcome instanceof Error)
        throw outcome
      return outcome
    },
    intervalMs: 300_000,
    onSettled,
    random: () => 0.5,
    isOnline: () => isOnline,
    events,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false }
      timers.push(timer)
      return timer
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true
    },
  })
  const pending = () => timers.filter(t => !t.cleared)
  const settle = () => new Promise(resolve => setTimeout(resolve, 0))
  return {
    scheduler,
    events,
    get runs() { return runs },
    setOnline: (value: boolean) => { isOnline = value },
    pending,
    async fire() {
      const timer = pending().at(-1)!
      timer.cleared = true
      timer.callback()
      await settle()
    },
    settle,
  }
}

describe('sync scheduler', () => {
  it('runs at start, then waits the regular interval after a success', async () => {
    const h = harness([OK])
    h.scheduler.start()
    await h.settle()
    expect(h.runs).toBe(1)
    expect(h.pending().map(t => t.ms)).toEqual([300_000])
    await h.fire()
    expect(h.runs).toBe(2)
  })

  it('backs off exponentially with jitter after failures, and resets after a success', async () => {
    const h = harness([NETWORK, NETWORK, NETWORK, OK, NETWORK])
    h.scheduler.start()
    await h.settle()
    const waits: number[] = [h.pending().at(-1)!.ms]
    for (let i = 0; i < 4; i++) {
      await h.fire()
      waits.push(h.pending().at(-1)!.ms)
    }
    // random() = 0.5 → half of each ceiling: 5 s, 10 s, 20 s, then the interval, then 5 s again.
    expect(waits).toEqual([backoffCeiling(0) / 2, backoffCeiling(1) / 2, backoffCeiling(2) / 2, 300_000, backoffCeiling(0) / 2])
    expect(h.scheduler.failures).toBe(1)
  })

  it('does not call the server while offline, and runs at once on the online event', async () => {
    const h = harness([OK], { online: false })
    h.scheduler.start()
    await h.settle()
    expect(h.runs).toBe(0)
    expect(h.pending()).toHaveLength(1)
    h.setOnline(true)
    h.events.dispatchEvent(new Event('online'))
    await h.settle()
    expect(h.runs).toBe(1)
  })

  it('stops when the server refuses the session or wiped the device, until started again', async () => {
    for (const refused of [{ ok: false, error: '401', status: 401, code: 'auth.unauthenticated' }, { ok: false, wiped: true, erasedUnsynced: 0 }] as SyncOutcome[]) {
      const h = harness([refused, OK])
      h.scheduler.start()
      await h.settle()
      expect(h.runs).toBe(1)
      expect(h.pending()).toEqual([])
      h.events.dispatchEvent(new Event('online'))
      await h.settle()
      expect(h.runs).toBe(1)
      h.scheduler.start()
      await h.settle()
      expect(h.runs).toBe(2)
    }
  })

  it('on demand joins a run in progress instead of starting a second one', async () => {
    const h = harness([OK])
    const [a, b] = [h.scheduler.runNow(), h.scheduler.runNow()]
    expect(await a).toBe(await b)
    expect(h.runs).toBe(1)
  })

  it('a run that throws (the device database refused even the failure note) counts as a failure: told, backed off, retried', async () => {
    const settled: Array<{ outcome: SyncOutcome, nextAt: number | null }> = []
    const { scheduler } = harness([new Error('QuotaExceededError'), OK], { onSettled: (outcome, nextAt) => settled.push({ outcome, nextAt }) })
    expect(await scheduler.runNow()).toEqual({ ok: false, error: 'QuotaExceededError' })
    expect(settled.map(s => s.outcome.ok)).toEqual([false])
    expect(scheduler.failures).toBe(1)
    // Not stuck in a run that never ends: the next one starts and succeeds.
    expect(await scheduler.runNow()).toEqual(OK)
    expect(settled.map(s => s.outcome.ok)).toEqual([false, true])
  })
})
