import { parseArgs } from 'node:util'
import { loadEnv } from '../config/env'
import { openRuntime } from '../runtime'
import { purgeExpiredRecords } from '../services/retention.service'
import { runCommand, stopOnInterrupt } from './command'

/**
 * `npm run retention:purge`: destroys the personal data whose retention period has passed
 * (programme settings → 保存期限), against the configured database (DATABASE_URL, or
 * DATA_DIR's SQLite file) and attachment folder. `-- --dry-run` only counts what is due.
 * Prints progress; Ctrl-C stops after the batch in hand (the next run goes on). Safe to run
 * while the server runs, and to run twice; meant for a daily timer (cron, systemd).
 * Exit status: 0 done, 1 interrupted (run again), 2 could not run.
 */

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
  const dryRun = values['dry-run'] === true
  const { deps, database } = await openRuntime(loadEnv(), { existingOnly: true })
  const stopRequested = stopOnInterrupt('Stopping after this batch… the next run goes on.')
  let lastPrinted = 0
  try {
    const report = await purgeExpiredRecords(deps, {
      dryRun,
      shouldStop: stopRequested,
      onProgress: (done, total) => {
        const now = Date.now()
        if (now - lastPrinted < 1000 && done < total)
          return
        lastPrinted = now
        console.log(`  purging: ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%)`)
      },
    })
    const due = `${report.due.members} cancelled members, ${report.due.applications} closed applications and ${report.due.documents} documents no application named past their retention period`
    const strays = (count: number) => `${count} stray document file${count === 1 ? '' : 's'} (stored, recorded nowhere: left by an interrupted purge or upload)`
    if (dryRun) {
      console.log(`Dry run: ${due}; ${strays(report.strayFiles)}; nothing changed.`)
      return 0
    }
    const purged = `${report.purged.members} members, ${report.purged.applications} applications and ${report.purged.documents} unnamed documents purged, ${report.filesDeleted} document files deleted`
    if (!report.completed) {
      console.log(`Interrupted: ${purged}; run \`npm run retention:purge\` again to go on.`)
      return 1
    }
    console.log(`Done: ${due} were due; ${purged}; ${strays(report.strayFiles)} deleted.`)
    if (report.walEmptied === false)
      console.log('The database\'s write-ahead log (field-enrol.sqlite-wal) was in use and still holds copies of what was purged: run `npm run retention:purge` again when no export is running.')
    return 0
  }
  finally {
    await database.destroy()
  }
}

runCommand(main)
