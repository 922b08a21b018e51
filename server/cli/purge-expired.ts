import { parseArgs } from 'node:util'
import { operatorText } from '../operator-messages/operator-text'
import { openRuntime } from '../runtime'
import { purgeExpiredRecords } from '../services/retention.service'
import { progressPrinter, runCommand, stopOnInterrupt } from './command'

/**
 * `npm run retention:purge`: destroys the personal data whose retention period has passed
 * (programme settings → 保存期限), against the configured database (DATABASE_URL, or
 * DATA_DIR's SQLite file) and attachment folder. `-- --dry-run` only counts what is due.
 * Prints progress; Ctrl-C stops after the batch in hand (the next run goes on). Safe to run
 * while the server runs, and to run twice; meant for a daily timer (cron, systemd).
 * Exit status: 0 done, 1 interrupted (run again), 2 could not run.
 */

runCommand('usage.retention_purge', async ({ env, out }) => {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
  const dryRun = values['dry-run'] === true
  const { deps, database } = await openRuntime(env, { existingOnly: true })
  const stopRequested = stopOnInterrupt(out, 'command.stopping_go_on')
  const progress = progressPrinter(out)
  try {
    const report = await purgeExpiredRecords(deps, {
      dryRun,
      shouldStop: stopRequested,
      onProgress: (done, total) => progress(out.text('purge.progress'), done, total),
    })
    const due = operatorText('purge.due', { members: report.due.members, applications: report.due.applications, documents: report.due.documents })
    const strays = operatorText('purge.strays', { count: report.strayFiles })
    if (dryRun) {
      out.say('purge.dry_run', { due, strays })
      return 0
    }
    const purged = operatorText('purge.purged', { members: report.purged.members, applications: report.purged.applications, documents: report.purged.documents, files: report.filesDeleted })
    if (!report.completed) {
      out.say('purge.interrupted', { purged })
      return 1
    }
    out.say('purge.done', { due, purged, strays })
    if (report.walEmptied === false)
      out.say('purge.wal_in_use')
    return 0
  }
  finally {
    await database.destroy()
  }
})
