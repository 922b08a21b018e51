import type { OperatorOutput } from '../operator-messages/output'
import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { createBackup } from '../backup/create-backup'
import { describeUnfinished } from '../backup/unfinished-backup'
import { missingDatabase } from '../runtime'
import { dataKeyPath, findDataKey } from '../security/personal-data'
import { megabytes, progressPrinter, runCommand, secondsSince } from './command'

/**
 * `npm run backup -- --to <folder>`: a consistent copy of the database (DATABASE_URL, or
 * DATA_DIR's SQLite file) and every attachment into a new dated folder under `<folder>`,
 * with a manifest; files the previous backup there already holds are linked, not copied.
 * Safe while the server runs; meant for a daily timer, to another disk. The data key is
 * not copied: keep it apart. It is written as `<dated>.partial` and renamed when whole; the
 * `.partial` folders killed runs left are removed first (said on the console). Exit status:
 * 0 done, 1 interrupted (the unfinished folder removed), 2 could not run, 3 done with
 * problems (damaged or missing attachment files, each listed).
 */

runCommand('usage.backup', async ({ env, out }) => {
  const { values } = parseArgs({ options: { 'to': { type: 'string' }, 'pg-bin': { type: 'string' } } })
  if (!values.to) {
    out.warn('backup.name_target')
    return 2
  }
  // Before the target is made: a mistyped DATA_DIR leaves no empty backup folder behind.
  const missing = missingDatabase(env)
  if (missing) {
    out.warnText(missing)
    return 2
  }
  const masterKey = findDataKey(env.FIELD_ENROL_DATA_KEY, env.DATA_DIR)
  if (!masterKey) {
    out.warn('backup.no_key', { path: dataKeyPath(env.DATA_DIR), dir: env.DATA_DIR })
    return 2
  }
  const started = Date.now()
  const progress = progressPrinter(out)
  const stopInterrupts = removeUnfinishedOnInterrupt(out)
  const report = await createBackup({
    source: { dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, masterKey, postgresBinDir: values['pg-bin'] },
    targetRoot: resolve(values.to),
    now: () => new Date(),
    onFolder: stopInterrupts.watch,
    onUnfinished: (found) => {
      for (const { folder, state } of found) {
        const said = { folder, state: describeUnfinished(state) }
        if (state.kind === 'abandoned')
          out.say('backup.removed_unfinished', said)
        else
          out.say(state.kind === 'other_host' ? 'backup.left_unfinished_other_host' : 'backup.left_unfinished', said)
      }
    },
    onProgress: (step) => {
      if (step.phase === 'database')
        out.say(env.DATABASE_URL ? 'backup.progress_pg_dump' : 'backup.progress_snapshot')
      else
        progress(out.text('backup.progress_files'), step.done, step.total)
    },
  })
  stopInterrupts.done()
  const { manifest } = report
  const { counts, attachments } = manifest
  out.say('backup.done', { seconds: secondsSince(out, started), folder: report.folder })
  out.say('backup.done_database', { size: megabytes(out, manifest.database.bytes), kind: manifest.database.kind, schema: manifest.database.schemaVersion, applications: counts.applications, members: counts.members, auditEntries: counts.auditEntries })
  if (manifest.auditAnchor)
    out.say('backup.done_anchor', { anchor: manifest.auditAnchor })
  out.say('backup.done_files', { files: attachments.files, size: megabytes(out, attachments.bytes), linked: attachments.linked })
  out.say('backup.done_key', { fingerprint: manifest.dataKeyFingerprint, key: env.FIELD_ENROL_DATA_KEY ? 'FIELD_ENROL_DATA_KEY' : dataKeyPath(env.DATA_DIR) })
  for (const sha256 of report.damaged)
    out.say('backup.problem_damaged', { sha256 })
  for (const sha256 of report.missing)
    out.say('backup.problem_missing', { sha256 })
  return report.damaged.length || report.missing.length ? 3 : 0
})

/**
 * Ctrl-C (or a SIGTERM from a timer's stop) during a backup: its `.partial` folder is removed
 * before the command exits 1. The next run would remove it too, but until then it holds the
 * database and the ID-card photos. A folder already renamed to its dated name is a finished
 * backup and stays.
 */
function removeUnfinishedOnInterrupt(out: OperatorOutput): { watch: (folder: { unfinished: string, final: string }) => void, done: () => void } {
  let folder: { unfinished: string, final: string } | null = null
  const onSignal = (): void => {
    if (!folder) {
      out.warn('backup.interrupted_early')
    }
    else if (existsSync(folder.unfinished)) {
      rmSync(folder.unfinished, { recursive: true, force: true })
      out.warn('backup.interrupted_removed', { folder: folder.unfinished })
    }
    else if (existsSync(folder.final)) {
      out.warn('backup.interrupted_finished', { folder: folder.final })
    }
    process.exit(1)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    watch: (made) => {
      folder = made
    },
    done: () => {
      folder = null
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
