import type { ScanProgress } from '../dedup/rescan'
import { parseArgs } from 'node:util'
import { loadEnv } from '../config/env'
import { runDedupScan } from '../dedup/rescan'
import { openRuntime } from '../runtime'
import { runCommand, stopOnInterrupt } from './command'

/**
 * `npm run dedup:scan`: re-checks every open application for duplicates under the rules in
 * force (DESIGN.md §6), against the configured database (DATABASE_URL, or DATA_DIR's
 * SQLite file). Prints progress; Ctrl-C stops after the batch in hand, and the next run
 * resumes there. Safe to run while the server runs, and safe to run twice.
 * Exit status: 0 done, 1 interrupted (run again to resume), 2 could not run.
 */

function percent(progress: ScanProgress): string {
  return progress.total ? `${Math.min(100, Math.floor((progress.done / progress.total) * 100))}%` : '100%'
}

async function main(): Promise<number> {
  // It takes no options: an unknown one (`--help`) is refused rather than started as a scan.
  parseArgs({ options: {} })
  const { deps, database } = await openRuntime(loadEnv(), { existingOnly: true })
  const stopRequested = stopOnInterrupt('Stopping after this batch… the next run resumes.')
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
        const what = progress.phase === 'keys' ? 'indexing records' : 'checking applications'
        console.log(`  ${what}: ${progress.done}/${progress.total} (${percent(progress)})${progress.phase === 'candidates' ? `, ${progress.found} candidates` : ''}`)
      },
    })
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    if (!result.completed) {
      console.log(`Interrupted after ${seconds} s: run \`npm run dedup:scan\` again to resume.`)
      return 1
    }
    console.log(`Done in ${seconds} s${result.resumed ? ' (resumed)' : ''}: ${result.keyed} records indexed, ${result.checked} applications checked, ${result.found} candidates.`)
    return 0
  }
  finally {
    await database.destroy()
  }
}

runCommand(main)
