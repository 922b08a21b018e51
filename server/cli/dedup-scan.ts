import type { ScanProgress } from '../dedup/rescan'
import { parseArgs } from 'node:util'
import { runDedupScan } from '../dedup/rescan'
import { openRuntime } from '../runtime'
import { percentOf, runCommand, secondsSince, stopOnInterrupt } from './command'

/**
 * `npm run dedup:scan`: re-checks every open application for duplicates under the rules in
 * force (DESIGN.md §6), against the configured database (DATABASE_URL, or DATA_DIR's
 * SQLite file). Prints progress; Ctrl-C stops after the batch in hand, and the next run
 * resumes there. Safe to run while the server runs, and safe to run twice.
 * Exit status: 0 done, 1 interrupted (run again to resume), 2 could not run.
 */

function percent(progress: ScanProgress): string {
  return `${percentOf(progress.done, progress.total)}%`
}

runCommand('usage.dedup_scan', async ({ env, out }) => {
  // It takes no options: an unknown one (`--help`) is refused rather than started as a scan.
  parseArgs({ options: {} })
  const { deps, database } = await openRuntime(env, { existingOnly: true })
  const stopRequested = stopOnInterrupt(out, 'command.stopping_resume')
  const started = Date.now()
  let lastPrinted = 0
  try {
    const result = await runDedupScan(deps, {
      shouldStop: stopRequested,
      onProgress: (progress) => {
        const now = Date.now()
        if (now - lastPrinted < 1000 && progress.done < progress.total)
          return
        lastPrinted = now
        const counts = { done: progress.done, total: progress.total, percent: percent(progress) }
        if (progress.phase === 'keys')
          out.say('dedup.progress_keys', counts)
        else
          out.say('dedup.progress_candidates', { ...counts, found: progress.found })
      },
    })
    const seconds = secondsSince(out, started)
    if (!result.completed) {
      out.say('dedup.interrupted', { seconds })
      return 1
    }
    out.say(result.resumed ? 'dedup.done_resumed' : 'dedup.done', { seconds, keyed: result.keyed, checked: result.checked, found: result.found })
    return 0
  }
  finally {
    await database.destroy()
  }
})
